using Community.Domain.Search;
using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.Caching;

/// <summary>
/// A question's related questions, kept for <c>PageCache:Minutes</c> (as long as a cached page keeps them): ranking them
/// is a search of the title's words, the costliest part of a question page (bench/RESULTS.md), and a few minutes old
/// is as good as new for "related". A memory cache of bounded size, so the hottest questions stay.
/// </summary>
public sealed class RelatedQuestionsCache(ISearchIndex index, TimeSpan lifetime, int questions) : IDisposable
{
    public const int Count = 5;

    // Its own cache: the size limit counts questions, and other users of a shared IMemoryCache set no sizes.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = questions });

    public void Dispose() => cache.Dispose();

    public async Task<IReadOnlyList<SearchHit>> ForAsync(int questionId, string title, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        // The title and tags are part of the key: an edit that changes them is seen at once.
        var key = (typeof(RelatedQuestionsCache), questionId, title, string.Join(' ', tags));
        if (cache.TryGetValue(key, out IReadOnlyList<SearchHit>? hits) && hits is not null)
            return hits;
        hits = await index.RelatedAsync(questionId, title, tags, Count, cancellationToken);
        cache.Set(key, hits, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        return hits;
    }
}
