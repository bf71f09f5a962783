using Community.Web.Accounts;

namespace Community.Web.Search;

/// <summary>
/// Who a deflection or a "did this solve your problem?" belongs to: the member, or an anonymous visitor's random,
/// HttpOnly cookie, holding nothing else. The knowledge base's "was this helpful?" reads the same cookie.
/// </summary>
public static class Visitor
{
    public const string CookieName = "community-visitor";

    /// <summary>The visitor's id, making the cookie when there is none yet.</summary>
    public static string Id(HttpContext http) =>
        http.ToActor() is { } member ? "member:" + member.UserId : "visitor:" + Cookie(http, create: true);

    /// <summary>The id if the visitor has one; reading never sets a cookie (pages stay cacheable).</summary>
    public static string? Existing(HttpContext http) =>
        http.ToActor() is { } member ? "member:" + member.UserId
        : Cookie(http, create: false) is { } visitor ? "visitor:" + visitor
        : null;

    /// <summary>The anonymous visitor's random id from the cookie; made (and set) only when <paramref name="create"/> asks.</summary>
    public static string? Cookie(HttpContext http, bool create)
    {
        if (http.Request.Cookies.TryGetValue(CookieName, out var visitor) && visitor.Length is > 0 and <= 40 && visitor.All(char.IsAsciiLetterOrDigit))
            return visitor;
        if (!create)
            return null;
        visitor = Guid.NewGuid().ToString("N");
        http.Response.Cookies.Append(CookieName, visitor, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
        });
        return visitor;
    }
}
