using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Community.Web.Caching;

/// <summary>
/// Blazor asks for antiforgery tokens on every page it renders, which sets a cookie and forbids caching. A page
/// going to the shared anonymous cache gets no token instead: its only forms are the visitor feedback forms,
/// which check the request's origin instead (<see cref="VisitorFeedbackForms"/>). Everything else is unchanged.
/// </summary>
internal sealed class CacheableAntiforgery(IAntiforgery inner, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    private AntiforgeryTokenSet None => new(null, null, options.Value.FormFieldName, options.Value.HeaderName);

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext) =>
        PageCache.IsCacheable(httpContext) ? None : inner.GetAndStoreTokens(httpContext);

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        PageCache.IsCacheable(httpContext) ? None : inner.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => inner.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => inner.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);
}
