using Community.Domain.Search;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Search;

/// <summary>Deflections counted from opened suggestions and later questions; "did this solve it?" once per visitor.</summary>
public sealed class DeflectionTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task An_open_not_followed_by_a_question_within_the_window_is_a_deflection()
    {
        await using var forum = await TestForum.CreateAsync();
        var deflections = new Deflections(forum.Database, forum.Time);
        var since = forum.Time.GetUtcNow().UtcDateTime;

        await deflections.RecordAsync("visitor:left", DeflectionStep.Opened, SearchHitKind.Article, 1, Ct);
        await deflections.RecordAsync("visitor:asked", DeflectionStep.Opened, SearchHitKind.Question, 2, Ct);
        forum.Time.Advance(TimeSpan.FromMinutes(5));
        await deflections.RecordAsync("visitor:asked", DeflectionStep.Asked, cancellationToken: Ct);

        // Not settled yet: the one who left may still come back and ask.
        Assert.Equal(new DeflectionCounts(2, 0, 1), await deflections.CountAsync(since, Ct));

        forum.Time.Advance(Deflections.Window);
        Assert.Equal(new DeflectionCounts(2, 1, 1), await deflections.CountAsync(since, Ct));

        // Asking much later does not undo a deflection.
        forum.Time.Advance(TimeSpan.FromHours(2));
        await deflections.RecordAsync("visitor:left", DeflectionStep.Asked, cancellationToken: Ct);
        Assert.Equal(new DeflectionCounts(2, 1, 1), await deflections.CountAsync(since, Ct));
    }

    [Fact]
    public async Task A_visitor_answers_did_this_solve_it_once_per_page()
    {
        await using var forum = await TestForum.CreateAsync();
        var votes = new ResolutionVotes(forum.Database, forum.Time);

        Assert.True(await votes.RecordAsync(SearchHitKind.Question, 7, "visitor:a", solved: false, Ct));
        Assert.False(await votes.RecordAsync(SearchHitKind.Question, 7, "visitor:a", solved: true, Ct));
        Assert.True(await votes.RecordAsync(SearchHitKind.Question, 7, "visitor:b", solved: true, Ct));
        Assert.True(await votes.RecordAsync(SearchHitKind.Article, 7, "visitor:a", solved: true, Ct));

        Assert.Equal(new ResolutionCounts(1, 1), await votes.CountAsync(SearchHitKind.Question, 7, Ct));
        Assert.True(await votes.HasVotedAsync(SearchHitKind.Question, 7, "visitor:a", Ct));
        Assert.False(await votes.HasVotedAsync(SearchHitKind.Question, 8, "visitor:a", Ct));
    }
}
