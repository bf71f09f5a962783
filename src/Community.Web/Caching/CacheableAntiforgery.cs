using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Community.Web.Caching;

/// <summary>
/// Blazor asks for antiforgery tokens on every page it renders, which sets a cookie and forbids caching. A visitor's
/// page of the shared anonymous cache gets no token instead, whether it is being stored or not (a campaign link is
/// rendered without storing it: the same page, and no cookie or encryption for it either): its only forms are the
/// visitor feedback forms, which check the request's origin instead (<see cref="VisitorFeedbackForms"/>).
/// Everything else is unchanged.
/// </summary>
internal sealed class CacheableAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    private AntiforgeryTokenSet None => new(null, null, options.Value.FormFieldName, options.Value.HeaderName);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        PageCache.IsAnonymousPage(httpContext) ? None : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        PageCache.IsAnonymousPage(httpContext) ? None : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}
