using Community.Web.Endpoints;
using Community.Web.Search;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Community.Web.Caching;

/// <summary>
/// Caches a page for visitors who are not signed in and carry no cookie of ours that changes it (a flash message,
/// the visitor cookie behind "you already told us"): the same bytes for every such visitor, so they can be shared.
/// Browsers revalidate each time (<c>no-cache</c>) and get 304 while the entry lives; a write evicts it by tag.
/// </summary>
internal sealed class AnonymousPagePolicy(TimeSpan duration, string[] tags, Action<HttpContext>? servedFromCache = null) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var anonymous = IsAnonymousRead(http);
        // A visitor's page is rendered the same whether it is stored or not (a campaign link's query key only keeps it
        // out of the cache), so it never carries an antiforgery token or its cookie (CacheableAntiforgery).
        if (anonymous)
            PageCache.MarkAnonymousPage(http);
        var cacheable = anonymous && OnlyOurQueryKeys(http.Request.Query);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = cacheable;
        if (!cacheable)
            return ValueTask.CompletedTask;

        PageCache.MarkCacheable(http);
        context.ResponseExpirationTimeSpan = duration;
        foreach (var tag in tags)
            context.Tags.Add(tag);
        context.CacheVaryByRules.QueryKeys = "*";
        // "Still stuck?" carries the words of the search page the visitor came from.
        context.CacheVaryByRules.VaryByValues["terms"] = Components.Pages.Search.StillStuck.TermsFrom(http) ?? "";

        // Headers go out with the first byte of the body, which is when the cache takes its copy of them:
        // a fresh validator for this rendering, kept with the entry and answered with 304 while it lives.
        var headers = http.Response.Headers;
        headers.CacheControl = "public, no-cache";
        headers.ETag = new EntityTagHeaderValue($"\"{Guid.NewGuid():N}\"").ToString();
        headers.LastModified = HeaderUtilities.FormatDate(DateTimeOffset.UtcNow);
        headers.XFrameOptions = "SAMEORIGIN";
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        servedFromCache?.Invoke(context.HttpContext);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        // Only a complete, impersonal page: never a redirect, an error, or a response that sets a cookie.
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// The query keys of the links this site makes (its pages' <c>[SupplyParameterFromQuery]</c> names). A request with
    /// any other key (utm_source, a cache-buster) is rendered and answered but neither looked up nor stored: entries are
    /// keyed by every query value, so each such address would be an entry of its own, and anyone could flush the cache
    /// with made-up addresses (a 30-answer page is ~200 KB; storing one cost more than rendering it, bench/README.md).
    /// A page given a key missing here is only not cached, never shown wrongly.
    /// </summary>
    internal static readonly HashSet<string> OurQueryKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "q", "page", "sort", "after", "before", "tag", "kb", "answered", "accepted", "status", "stuck", "period", "days",
        "from", "to", "state", "priority", "team", "action", "done", "history", "title", "token", "pagesize",
    };

    internal static bool OnlyOurQueryKeys(IQueryCollection query)
    {
        foreach (var key in query.Keys)
            if (!OurQueryKeys.Contains(key))
                return false;
        return true;
    }

    internal static bool IsAnonymousRead(HttpContext http) =>
        (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
        && http.User.Identity?.IsAuthenticated != true
        && !http.Request.Headers.ContainsKey(HeaderNames.Authorization)
        && !http.Request.Cookies.ContainsKey(Flash.CookieName)
        && !http.Request.Cookies.ContainsKey(Visitor.CookieName);
}
