using Community.Domain.Changes;
using Microsoft.AspNetCore.OutputCaching;

namespace Community.Web.Caching;

/// <summary>Evicts the cached pages a committed write changed. A failing store only leaves pages to expire on their own.</summary>
internal sealed class OutputCacheEviction(IOutputCacheStore store, ILogger<OutputCacheEviction> logger) : IContentChangeSink
{
    public async ValueTask ChangedAsync(ContentChange change, CancellationToken cancellationToken = default)
    {
        try
        {
            foreach (var postId in change.PostIds)
                await store.EvictByTagAsync(PageCache.PostTag(postId), CancellationToken.None);
            if (change.Listings)
                await store.EvictByTagAsync(PageCache.Listings, CancellationToken.None);
            if (change.KnowledgeBase)
                await store.EvictByTagAsync(PageCache.KnowledgeBase, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not evict cached pages; they expire on their own");
        }
    }
}
