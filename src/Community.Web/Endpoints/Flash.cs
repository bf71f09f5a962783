namespace Community.Web.Endpoints;

/// <summary>A one-time message carried across a post-redirect-get in a short-lived cookie ("Your vote was counted", or why not).</summary>
public static class Flash
{
    public const string CookieName = "community-flash";

    public static void Set(HttpContext context, string message, bool isError) =>
        context.Response.Cookies.Append(CookieName, (isError ? "!" : "") + message, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromMinutes(1),
            IsEssential = true,
        });

    /// <summary>Reads and clears the message, if any.</summary>
    public static (string Message, bool IsError)? Take(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
            return null;
        if (!context.Response.HasStarted)
            context.Response.Cookies.Delete(CookieName);
        return value.StartsWith('!') ? (value[1..], true) : (value, false);
    }
}
