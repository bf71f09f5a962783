using System.Diagnostics;
using Community.Domain.Persistence;
using Community.Testing;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// The file's lock between processes: this process's connections wait for another process's lock in the app's busy
/// handler (1 ms steps, counted), and the process remembers who held its write turn longest. Real SQLite files.
/// </summary>
public sealed class SqliteLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AWriterWaitsForAnotherProcesssLockInTheAppsBusyHandler()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's lock.");
        await using var database = await TestDatabase.MigratedAsync();
        // Another process's connection (no settings of this process), holding the write lock.
        await using var theirs = new SqliteConnection(database.ConnectionString);
        await theirs.OpenAsync(Ct);
        await ExecuteAsync(theirs, "CREATE TABLE Waited (Id INTEGER PRIMARY KEY); BEGIN IMMEDIATE; INSERT INTO Waited VALUES (1);");
        await using var ours = new SqliteConnection(database.ConnectionString);
        await ours.OpenAsync(Ct);
        SqliteConnectionSettings.Apply(ours);
        var before = SqliteBusyWaits.Counts.Waits;

        // Our write waits (on its own thread: SQLite's handler blocks it) until their transaction ends...
        var writing = Task.Run(() => ExecuteAsync(ours, "INSERT INTO Waited VALUES (2);"), Ct);
        var clock = Stopwatch.StartNew();
        while (SqliteBusyWaits.Counts.Waits == before && clock.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Yield();
        Assert.False(writing.IsCompleted);
        await ExecuteAsync(theirs, "COMMIT;");

        // ...then goes through, with the wait counted by the app's handler (SQLite's own counts nothing).
        await writing.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(SqliteBusyWaits.Counts.Waits > before);
        Assert.Equal(2L, await ScalarAsync(ours, "SELECT count(*) FROM Waited;"));
    }

    [Fact]
    public void ASlowHoldOfTheWriteTurnIsRememberedWithItsHolder()
    {
        var longAgo = Stopwatch.GetTimestamp() - (long)(Stopwatch.Frequency * 2 * SqliteWriteHolds.Slow.TotalSeconds);

        SqliteWriteHolds.Ended(longAgo, "a test's batch of 3");
        SqliteWriteHolds.Ended(longAgo, holder: null);

        var summary = SqliteWriteHolds.Summary();
        Assert.Contains(" ms a test's batch of 3", summary, StringComparison.Ordinal);
        // Without a name, the first caller outside persistence names it: here this test.
        Assert.Contains($" ms {nameof(SqliteLockTests)}.{nameof(ASlowHoldOfTheWriteTurnIsRememberedWithItsHolder)}", summary, StringComparison.Ordinal);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}
