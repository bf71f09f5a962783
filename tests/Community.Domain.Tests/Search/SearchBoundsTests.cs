using Community.Domain.Questions;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Search;

/// <summary>
/// The bounded ranking of issue 11 (<see cref="SearchBounds"/>) on a small forum with tiny bounds, on each engine: the
/// best result is never lost to the bound, the count says when it stopped, and the pages go through the ranked set.
/// </summary>
public sealed class SearchBoundsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static readonly SearchBounds Tiny = new(Candidates: 3, TitleCandidates: 2);

    /// <summary>One old question with the word in its title, then <paramref name="newer"/> newer ones with it in the body only.</summary>
    private static async Task<(TestForum Forum, int Titled, List<int> Bodied)> ForumAsync(int newer)
    {
        var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var now = forum.Time.GetUtcNow().UtcDateTime;
        await using var db = forum.Db();
        var tag = await db.Tags.FirstAsync(Ct);
        var titled = Question(author.UserId, "Gizmoflux will not pair", "It never shows up in the list.", now.AddDays(-400), tag);
        db.Questions.Add(titled);
        await db.SaveChangesAsync(Ct);
        var bodied = new List<Question>();
        for (var n = 0; n < newer; n++)
        {
            var question = Question(author.UserId, $"Pairing trouble number {n}", $"My gizmoflux model {n} never shows up; it has a high score.", now.AddDays(-20 + n), tag);
            question.Score = 20;
            db.Questions.Add(question);
            await db.SaveChangesAsync(Ct);
            bodied.Add(question);
        }
        return (forum, titled.Id, bodied.Select(q => q.Id).ToList());
    }

    private static Question Question(string authorId, string title, string body, DateTime at, Tag tag) => new()
    {
        AuthorId = authorId, Title = title, Body = body, BodyHtml = $"<p>{body}</p>", CreatedAt = at, LastActivityAt = at, Tags = [tag],
    };

    [Fact]
    public async Task A_title_match_older_than_the_newest_candidates_still_ranks_first()
    {
        var (forum, titled, bodied) = await ForumAsync(newer: 10);
        await using var _ = forum;

        var results = await forum.SearchIndex(Tiny).SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);

        Assert.Equal(titled, results.Hits[0].Id);
        // The rest are the newest body matches: the bound, not the whole list.
        Assert.Equal(bodied.TakeLast(3).Reverse(), results.Hits.Skip(1).Select(h => h.Id));
        Assert.Contains("<mark>", results.Hits[1].SnippetHtml);
    }

    [Fact]
    public async Task The_count_says_when_it_stopped_and_is_exact_below_the_bound()
    {
        var (forum, _, _) = await ForumAsync(newer: 10);
        await using var _ = forum;
        var index = forum.SearchIndex(Tiny);

        var many = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);
        var few = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("\"model 4\"")), Ct);
        var all = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);

        Assert.True(many.MoreThanTotal);
        Assert.Equal(4, many.Total);
        Assert.Equal("4+ results", many.CountText);
        Assert.False(few.MoreThanTotal);
        Assert.Equal("1 result", few.CountText);
        Assert.False(all.MoreThanTotal);
        Assert.Equal("11 results", all.CountText);
    }

    [Fact]
    public async Task Pages_go_through_the_ranked_candidates_without_repeats()
    {
        var (forum, titled, _) = await ForumAsync(newer: 10);
        await using var _ = forum;
        var index = forum.SearchIndex(Tiny);

        var first = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux"), 1, PageSize: 3), Ct);
        var second = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux"), 2, PageSize: 3), Ct);
        var past = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux"), 3, PageSize: 3), Ct);

        Assert.Equal(2, first.Pages);
        Assert.Equal(titled, first.Hits[0].Id);
        Assert.Single(second.Hits);
        Assert.Empty(first.Hits.Select(h => h.Id).Intersect(second.Hits.Select(h => h.Id)));
        Assert.Empty(past.Hits);
        Assert.Equal(4, past.Total);
    }

    [Fact]
    public async Task Filters_apply_before_the_bound()
    {
        var (forum, titled, bodied) = await ForumAsync(newer: 10);
        await using var _ = forum;
        await using (var db = forum.Db())
        {
            // Only the two oldest body matches are answered: the bound must count them, not the newest unanswered ones.
            foreach (var id in bodied.Take(2))
                await db.Questions.Where(q => q.Id == id).ExecuteUpdateAsync(s => s.SetProperty(q => q.AnswerCount, 1), Ct);
        }

        var results = await forum.SearchIndex(Tiny).SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux is:answered")), Ct);

        Assert.Equal(bodied.Take(2).Reverse(), results.Hits.Select(h => h.Id));
        Assert.DoesNotContain(titled, results.Hits.Select(h => h.Id));
        Assert.False(results.MoreThanTotal);
    }

    [Fact]
    public async Task Common_words_beside_others_are_ignored_as_on_PostgreSQL()
    {
        var (forum, titled, _) = await ForumAsync(newer: 2);
        await using var _ = forum;
        var index = forum.SearchIndex(Tiny);

        // No page holds "with", yet every gizmoflux page is found, ranked as for "gizmoflux" alone.
        var results = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("with gizmoflux")), Ct);
        var alone = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);

        Assert.False(results.MatchedSomeWords);
        Assert.Equal(titled, results.Hits[0].Id);
        Assert.Equal(alone.Hits.Select(h => h.Id), results.Hits.Select(h => h.Id));
    }
}
