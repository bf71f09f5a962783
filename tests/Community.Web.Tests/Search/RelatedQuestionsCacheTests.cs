using Community.Domain.Search;
using Community.Web.Caching;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Search;

/// <summary>
/// A question's related questions are ranked once and kept (a first view's costliest part, issue 11), yet an edit of its
/// title or tags is seen on the next view.
/// </summary>
public sealed class RelatedQuestionsCacheTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private sealed class CountingIndex(int relatedId = 0) : ISearchIndex
    {
        public List<(int Id, string Title, string Tags)> Ranked { get; } = [];

        public Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default)
        {
            Ranked.Add((questionId, title, string.Join(' ', tags)));
            return Task.FromResult<IReadOnlyList<SearchHit>>(
                [new SearchHit(SearchHitKind.Question, relatedId > 0 ? relatedId : 100 + Ranked.Count, $"About {title}", "", tags, 0, 0, false, false, DateTime.UnixEpoch)]);
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

    [Fact]
    public async Task A_list_ranked_once_is_read_back_from_the_database_after_the_memory_is_gone()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = factory.Server;
        var ids = await factory.QueryAsync(db => db.Questions.OrderBy(q => q.Id).Select(q => new { q.Id, q.Title }).Take(2).ToListAsync(ct));
        var (question, related) = (ids[0], ids[1]);
        var stored = factory.Services.GetRequiredService<StoredRelatedLists>();
        var writer = factory.Services.GetRequiredService<RelatedListsWriter>();
        var before = new CountingIndex(related.Id);
        using (var cache = new RelatedQuestionsCache(before, TimeSpan.FromMinutes(10), questions: 100, stored, writer))
            await cache.ForAsync(question.Id, question.Title, ["stored-list-test"], ct);
        for (var attempt = 0; attempt < 250 && writer.Pending > 0; attempt++)
            await Task.Delay(20, ct);
        Assert.Equal(0, writer.Pending);

        // A restart: an empty memory, the same database.
        var after = new CountingIndex(related.Id);
        using var restarted = new RelatedQuestionsCache(after, TimeSpan.FromMinutes(10), questions: 100, stored, writer);
        var hits = await restarted.ForAsync(question.Id, question.Title, ["stored-list-test"], ct);

        Assert.Single(before.Ranked);
        Assert.Empty(after.Ranked);
        // Read from the question itself, not from the ranking's copy ("About …").
        Assert.Equal([(related.Id, related.Title)], hits.Select(h => (h.Id, h.Title)));
    }
}
