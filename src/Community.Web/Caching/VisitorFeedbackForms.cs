using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace Community.Web.Caching;

/// <summary>
/// "Did this solve your problem?" and "was this helpful?" sit on cached pages, which carry no antiforgery token.
/// A visitor's post without a token is accepted only from our own pages: browsers send <c>Sec-Fetch-Site</c> and
/// <c>Origin</c> with every form post, and another site cannot forge them. A member, or any post carrying a token,
/// is checked with the token as everywhere else.
/// </summary>
public static class VisitorFeedbackForms
{
    public const string CrossSiteMessage = "This form was sent from another site, so it was not counted. Open the page here and answer again.";

    public static RouteHandlerBuilder AllowedFromCachedPages(this RouteHandlerBuilder endpoint) =>
        endpoint.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            var hasToken = http.Request.HasFormContentType
                && (await http.Request.ReadFormAsync()).ContainsKey(http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>().Value.FormFieldName);
            var trusted = http.User.Identity?.IsAuthenticated == true || hasToken
                ? await antiforgery.IsRequestValidAsync(http)
                : IsSameOrigin(http.Request);
            return trusted ? await next(context) : Results.BadRequest(CrossSiteMessage);
        });

    /// <summary>Fetch metadata first (every current browser), then Origin; a request with neither is not from a browser page elsewhere.</summary>
    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0)
            return site is "same-origin" or "none";
        var origin = request.Headers[HeaderNames.Origin].ToString();
        if (origin.Length == 0)
            return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var from)
            && string.Equals(from.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
