using Community.Domain.Persistence;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Community.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Voting;

/// <summary>
/// Votes are the most frequent write (issue 11: 3,000 a second): what one costs in SQL. It was ~17 statements, then 4
/// through EF Core; on SQLite now none through EF Core (ADR 0011). Real SQLite, real migrations.
/// </summary>
public sealed class CastVoteStatementsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;


    [Fact]
    public async Task AnUpvoteRunsNoEfCommandAndItsFactsReadUsesNoScan()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's statements and query plans.");
        await using var forum = await TestForum.CreateAsync();
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), await forum.AskAsync(await forum.MemberAsync()));
        var voter = await forum.MemberAsync();
        var counter = new CommandRecorder();
        var recorder = new QueryPlans.Recorder();
        var contexts = new CountingContexts(forum.Database.ConnectionString, counter, recorder);
        var vote = new CastVote(contexts, forum.Limits, forum.Ledger, forum.Privileges, forum.Time);

        var result = await vote.ExecuteAsync(voter, answer, 1, Ct);

        Assert.True(result.Succeeded, result.Message);
        // On SQLite a vote is data (ADR 0011): its facts in one prepared read, its rows by the file's vote writer; no EF
        // Core command (was 4: the facts, then the standing, the vote with the score, the ledger row with the total).
        Assert.Empty(counter.Commands);
        var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, SqliteVoteFacts.Sql,
            [("@voter", voter.UserId), ("@post", answer), ("@now", forum.Time.GetUtcNow().UtcDateTime)]);
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Equal(1, (await forum.PostAsync(answer)).Score);
    }

    private sealed class CountingContexts(string connectionString, CommandRecorder counter, QueryPlans.Recorder recorder) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(counter, recorder);
            return new CommunityDbContext(options.Options);
        }
    }
}
