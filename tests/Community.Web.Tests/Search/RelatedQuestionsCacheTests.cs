using Community.Domain.Search;
using Community.Web.Caching;

namespace Community.Web.Tests.Search;

/// <summary>
/// A question's related questions are ranked once and kept (a first view's costliest part, issue 11), yet an edit of its
/// title or tags is seen on the next view.
/// </summary>
public sealed class RelatedQuestionsCacheTests
{
    private sealed class CountingIndex : ISearchIndex
    {
        public List<(int Id, string Title, string Tags)> Ranked { get; } = [];

        public Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default)
        {
            Ranked.Add((questionId, title, string.Join(' ', tags)));
            return Task.FromResult<IReadOnlyList<SearchHit>>(
                [new SearchHit(SearchHitKind.Question, 100 + Ranked.Count, $"About {title}", "", tags, 0, 0, false, false, DateTime.UnixEpoch)]);
        }

        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    [Fact]
    public async Task Views_share_one_ranking_until_the_title_or_tags_change()
    {
        var index = new CountingIndex();
        using var cache = new RelatedQuestionsCache(index, TimeSpan.FromMinutes(10), questions: 100);

        var first = await cache.ForAsync(7, "Hub drops offline", ["router"], TestContext.Current.CancellationToken);
        var again = await cache.ForAsync(7, "Hub drops offline", ["router"], TestContext.Current.CancellationToken);
        var retitled = await cache.ForAsync(7, "Hub drops offline at night", ["router"], TestContext.Current.CancellationToken);
        var retagged = await cache.ForAsync(7, "Hub drops offline at night", ["router", "mesh"], TestContext.Current.CancellationToken);

        Assert.Same(first, again);
        Assert.Equal([(7, "Hub drops offline", "router"), (7, "Hub drops offline at night", "router"), (7, "Hub drops offline at night", "router mesh")], index.Ranked);
        Assert.Equal("About Hub drops offline at night", retitled[0].Title);
        Assert.NotEqual(retitled[0].Id, retagged[0].Id);
    }
}
