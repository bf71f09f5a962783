using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Tests.Posting;
using Community.Testing;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>The daily refresh of SQLite's planner statistics (<see cref="PlannerStatistics"/>), on a real migrated file.</summary>
public sealed class PlannerStatisticsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task StatisticsTakenWhileATableWasEmptyAreRenewedWithItsRows()
    {
        await using var forum = await TestForum.CreateAsync();
        var statistics = new PlannerStatistics(forum.Database);
        if (TestProvider.IsPostgres)
        {
            // PostgreSQL's autovacuum analyses by itself; the job leaves it alone.
            Assert.False(await statistics.RefreshAsync(Ct));
            return;
        }
        await using (var db = forum.Db())
            await db.Database.ExecuteSqlRawAsync("ANALYZE;", Ct);
        Assert.Equal(0, await RowsPlannedForFollowsAsync(forum));

        var members = await forum.MembersAsync(40);
        var question = await forum.AskAsync(members[0]);
        await using (var db = forum.Db())
        {
            db.Follows.AddRange(members.Select(m => new Follow { UserId = m.UserId, QuestionId = question, CreatedAt = forum.Time.GetUtcNow().UtcDateTime }));
            await db.SaveChangesAsync(Ct);
        }
        int follows;
        await using (var db = forum.Db())
            follows = await db.Follows.CountAsync(Ct);
        Assert.True(follows >= 40);

        Assert.True(await statistics.RefreshAsync(Ct));

        Assert.Equal(follows, await RowsPlannedForFollowsAsync(forum));
    }

    [Fact]
    public async Task TheSearchIndexsShadowTablesAreLeftOutTheyWouldBeReadWhole()
    {
        await using var forum = await TestForum.CreateAsync();
        await using var db = forum.Db();

        var tables = PlannerStatistics.MappedTables(db);

        Assert.Contains("Posts", tables);
        Assert.Contains("Follows", tables);
        Assert.DoesNotContain(tables, t => t.StartsWith("Search", StringComparison.Ordinal));
    }

    /// <summary>The row count the planner believes the Follows table has, from sqlite_stat1; null when it has none.</summary>
    private static async Task<int?> RowsPlannedForFollowsAsync(TestForum forum)
    {
        await using var db = forum.Db();
        var stats = await db.Database.SqlQueryRaw<string>("SELECT stat AS Value FROM sqlite_stat1 WHERE tbl = 'Follows'").ToListAsync(Ct);
        // One row an index; a partial index's counts only its own rows (IX_Follows_TagId: tag follows), and SQLite takes the
        // table's size from its full indexes only: the largest first number.
        return stats.Count == 0 ? null : stats.Max(stat => int.Parse(stat.Split(' ')[0]));
    }
}
