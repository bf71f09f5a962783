using Community.Domain.Search;
using Microsoft.Extensions.Caching.Memory;

namespace Community.Web.Caching;

/// <summary>
/// A question's related questions: kept in memory for <c>PageCache:Minutes</c> (as long as a cached page keeps them),
/// and in the database (<see cref="StoredRelatedLists"/>) for the first views after that, across restarts. Ranking them
/// is a search of the title's words, the costliest part of a question's first view (bench/README.md); reading a stored
/// list is one statement by the question's id. A list just ranked is stored off the request (<see cref="RelatedListsWriter"/>).
/// The memory cache is of bounded size, so the hottest questions stay.
/// </summary>
/// <param name="stored">The lists in the database; without it (and its <paramref name="writer"/>) only memory keeps them.</param>
public sealed class RelatedQuestionsCache(ISearchIndex index, TimeSpan lifetime, int questions, StoredRelatedLists? stored = null, RelatedListsWriter? writer = null) : IDisposable
{
    public const int Count = 5;

    // Its own cache: the size limit counts questions, and other users of a shared IMemoryCache set no sizes.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = questions });

    public void Dispose() => cache.Dispose();

    public async Task<IReadOnlyList<SearchHit>> ForAsync(int questionId, string title, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        // The title and tags are part of the key: an edit that changes them is seen at once.
        var key = StoredRelatedLists.KeyOf(title, tags);
        if (cache.TryGetValue((questionId, key), out IReadOnlyList<SearchHit>? hits) && hits is not null)
            return hits;
        hits = stored is null ? null : await stored.ReadAsync(questionId, key, cancellationToken);
        if (hits is null)
        {
            hits = await index.RelatedAsync(questionId, title, tags, Count, cancellationToken);
            writer?.Store(new RankedList(questionId, key, [.. hits.Select(h => h.Id)]));
        }
        cache.Set((questionId, key), hits, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime, Size = 1 });
        return hits;
    }
}
