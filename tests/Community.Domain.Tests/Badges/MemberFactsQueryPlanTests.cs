using Community.Domain.Badges;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Badges;

/// <summary>
/// A vote's badge check counts the voter's up and down votes: from the index alone, since an active voter has thousands
/// of votes and reading each row was most of a vote's deferred check on the issue-11 dataset.
/// </summary>
public sealed class MemberFactsQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AVotersVoteCountsAreReadFromACoveringIndex()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await TestForum.CreateAsync();
        var voter = await forum.MemberAsync();
        var recorder = new QueryPlans.Recorder();
        await using var db = new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder).CreateDbContext();

        await MemberFacts.LoadAsync(db, voter.UserId, BadgeScope.Voted, Ct);

        var counts = Assert.Single(recorder.Commands, c => c.Sql.Contains("\"Votes\"", StringComparison.Ordinal));
        var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, counts.Sql, counts.Parameters);
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX IX_Votes_VoterId_Value", StringComparison.Ordinal));
    }
}
