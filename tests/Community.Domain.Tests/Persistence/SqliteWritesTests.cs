using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>ADR 0007: how the embedded database takes writes (per-connection settings, the process's writer queue).</summary>
public sealed class SqliteWritesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryConnectionCommitsWithoutWaitingForTheDiskAndWaitsForOtherProcessesInTheAppsBusyHandler()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's own settings.");
        await using var database = await SqliteTestDatabase.MigratedAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync(Ct);

        Assert.Equal(1L, await ScalarAsync(db, "PRAGMA synchronous;")); // NORMAL
        // SQLite's busy_timeout is replaced by the app's handler (SqliteBusyWaits), which reads as no timeout; that it
        // waits for another process's lock is SqliteLockTests'.
        Assert.Equal(0L, await ScalarAsync(db, "PRAGMA busy_timeout;"));
    }

    [Fact]
    public async Task WritersOfOneProcessTakeTurnsWithoutHoldingAThread()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's writer queue.");
        await using var database = await SqliteTestDatabase.MigratedAsync();
        await using var first = database.CreateDbContext();
        await using var holding = await first.BeginWriteTransactionAsync(Ct);

        // A second writer waits for its turn without holding its thread (before the queue, this call blocked inside
        // SQLite's busy retry until the first committed or its 30 s ran out)...
        await using var second = database.CreateDbContext();
        var waiting = second.BeginWriteTransactionAsync(Ct);
        Assert.False(waiting.IsCompleted, "The second writer began while the first held the lock.");

        // ...and begins once the first commits.
        await holding.CommitAsync(Ct);
        await using var turn = await waiting;
        await turn.CommitAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(CommunityDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
