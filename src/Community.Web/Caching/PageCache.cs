using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Caching;

/// <summary>
/// The anonymous page cache's vocabulary: the policies pages opt into, and the tags that writes evict
/// (<see cref="OutputCacheEviction"/>). A page is cached only for a visitor with nothing personal on it (ADR 0006).
/// </summary>
public static class PageCache
{
    /// <summary>Question lists, tag lists and search: evicted by any change to a post or a tag.</summary>
    public const string Listings = "listings";

    /// <summary>Knowledge-base pages: evicted by any change to an article.</summary>
    public const string KnowledgeBase = "kb";

    public const string ListingsPolicy = "anonymous-listings";
    public const string QuestionPolicy = "anonymous-question";
    public const string KnowledgeBasePolicy = "anonymous-kb";
    public const string SearchPolicy = "anonymous-search";

    private const string CacheableItem = "community.page-cacheable";
    private const string AnonymousPageItem = "community.page-anonymous";

    public static string PostTag(int postId) => "post:" + postId;

    /// <summary>
    /// Tags this response with the posts it shows, so that a change to any of them evicts it. Does nothing when
    /// the response is not being cached (a signed-in member, a POST).
    /// </summary>
    public static void TagPosts(HttpContext? http, IEnumerable<int> postIds) => Tag(http, postIds.Select(PostTag));

    /// <summary>Tags this response (when it is being cached) so that evicting any of <paramref name="tags"/> evicts it.</summary>
    public static void Tag(HttpContext? http, IEnumerable<string> tags)
    {
        if (http is null || !IsCacheable(http) || http.Features.Get<IOutputCacheFeature>() is not { } cache)
            return;
        foreach (var tag in tags)
            cache.Context.Tags.Add(tag);
    }

    /// <summary>Whether this request's response is going to the shared anonymous cache (so it must carry nothing personal).</summary>
    public static bool IsCacheable(HttpContext http) => http.Items.ContainsKey(CacheableItem);

    internal static void MarkCacheable(HttpContext http) => http.Items[CacheableItem] = true;

    /// <summary>
    /// Whether this is a visitor's rendering of a page that the anonymous cache serves, stored or not: the same
    /// impersonal bytes either way (a query key of no link of ours only keeps it out of the cache).
    /// </summary>
    public static bool IsAnonymousPage(HttpContext http) => http.Items.ContainsKey(AnonymousPageItem);

    internal static void MarkAnonymousPage(HttpContext http) => http.Items[AnonymousPageItem] = true;
}
