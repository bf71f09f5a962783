using Community.Domain.Accounts;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Accounts;

/// <summary>
/// Every signed-in page counts the member's unread notices: from a partial index of the unread alone, since an active
/// member gathers thousands of notices and reading each one's row for its ReadAt cost milliseconds a page.
/// </summary>
public sealed class SignedInMembersQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheUnreadCountIsReadFromThePartialIndexOfTheUnread()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var recorder = new QueryPlans.Recorder();

        await new SignedInMembers(new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder), forum.Time).ReadAsync(member.UserId, Ct);

        var read = Assert.Single(recorder.Commands);
        var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, read.Sql, read.Parameters);
        Assert.Contains(plan, line => line.Contains("USING COVERING INDEX IX_Notices_Unread (UserId=?", StringComparison.Ordinal));
    }
}
