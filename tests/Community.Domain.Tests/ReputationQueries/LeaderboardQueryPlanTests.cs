using Community.Domain.Reputation.Queries;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Tests.ReputationQueries;

/// <summary>
/// A period's board must read only the period's rows: a range on the CreatedAt index, not a walk of every member's
/// ledger (measured on 100,000 members and 2,000,000 rows: the range reads a week in tens of milliseconds, the walk
/// in most of a second).
/// </summary>
public sealed class LeaderboardQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(LeaderboardPeriod.Week)]
    [InlineData(LeaderboardPeriod.Year)]
    public async Task APeriodIsReadAsARangeOfTheCreatedAtIndex(LeaderboardPeriod period)
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await TestForum.CreateAsync();
        await forum.MembersAsync(20);
        var recorder = new QueryPlans.Recorder();

        await new Leaderboard(new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder), forum.Time).TopAsync(period, cancellationToken: Ct);

        var (sql, parameters) = recorder.Commands.Single(c => c.Sql.Contains("GROUP BY", StringComparison.Ordinal));
        var plan = await PlanAsync(forum.Database.ConnectionString, sql, parameters);
        Assert.Contains(plan, line => System.Text.RegularExpressions.Regex.IsMatch(line, @"^SEARCH \w+ USING (COVERING )?INDEX \w+ \(CreatedAt>\?\)$"));
        Assert.DoesNotContain(plan, line => line.Contains("ANY(", StringComparison.Ordinal) || line.StartsWith("SCAN r", StringComparison.Ordinal));
    }

    /// <summary>
    /// The plan SQLite would choose for a forum of 100,000 members and 2,000,000 ledger rows: the statistics ANALYZE
    /// wrote for that forum are put in place of the test's own, so a few rows plan like a big ledger.
    /// </summary>
    private static async Task<List<string>> PlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters)
    {
        await using (var setup = new SqliteConnection(connectionString))
        {
            await setup.OpenAsync(Ct);
            await using var statistics = setup.CreateCommand();
            statistics.CommandText = """
                ANALYZE;
                DELETE FROM sqlite_stat1 WHERE tbl IN ('ReputationEntries', 'AspNetUsers');
                INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
                    ('ReputationEntries', 'IX_ReputationEntries_UserId_CreatedAt', '2000000 21 1'),
                    ('ReputationEntries', 'IX_ReputationEntries_CreatedAt', '2000000 1'),
                    ('ReputationEntries', 'IX_ReputationEntries_SourceKey', '2000000 1'),
                    ('ReputationEntries', 'IX_ReputationEntries_PostId', '2000000 2000000'),
                    ('AspNetUsers', 'IX_AspNetUsers_Reputation', '100000 5'),
                    ('AspNetUsers', 'sqlite_autoindex_AspNetUsers_1', '100000 1');
                """;
            await statistics.ExecuteNonQueryAsync(Ct);
        }
        return await QueryPlans.PlanAsync(connectionString, sql, parameters);
    }
}
