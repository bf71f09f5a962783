using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>How the embedded default opens its SQLite file.</summary>
public static class SqliteDatabase
{
    /// <summary>
    /// Makes a relative <c>Data Source</c> relative to <paramref name="contentRoot"/> (not to the working
    /// directory, which differs between <c>dotnet run</c>, tests and a service), and creates its folder.
    /// </summary>
    public static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return builder.ToString();
        var path = Path.GetFullPath(builder.DataSource, contentRoot);
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && builder.Mode != SqliteOpenMode.ReadOnly)
            Directory.CreateDirectory(folder);
        builder.DataSource = path;
        return builder.ToString();
    }

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(typeof(CommunityDbContext).Assembly.FullName))
            .AddInterceptors(ConnectionSettings);

    private static readonly SqliteConnectionSettings ConnectionSettings = new();

    /// <summary>For a context made outside the web host (tests, tools): see <see cref="CommunityDatabase.ConfigureStandalone"/>.</summary>
    public static void ConfigureStandalone(DbContextOptionsBuilder options, string connectionString) =>
        CommunityDatabase.ConfigureStandalone(options, DatabaseProvider.Sqlite, connectionString);

    /// <summary>
    /// Write-ahead logging lets readers go on while one writer writes; the mode is stored in the file,
    /// so setting it once after migrating is enough.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(CommunityDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// What the file's checkpointer in this process has done (<see cref="SqliteCheckpointer"/>), and the checkpoints run
    /// inside commits (none checkpointer, or past its hard limit); for the benchmarks' notes.
    /// </summary>
    public static string CheckpointSummary(string connectionString)
    {
        var inCommits = SqliteCheckpointer.CheckpointsInCommits(connectionString);
        if (SqliteCheckpointer.Of(connectionString) is not { } checkpointer)
            return $"no checkpointer; {inCommits} checkpoints in commits";
        var (passes, restarts, busy) = checkpointer.Counts;
        var (passing, inTurn) = checkpointer.Spent;
        return $"checkpointer: {passes} passes ({passing.TotalMilliseconds:F0} ms), {restarts} restarts ({busy} found readers; "
            + $"{inTurn.TotalMilliseconds:F0} ms in the write turn; {checkpointer.Detail}); {inCommits} checkpoints in commits";
    }

    /// <summary>
    /// How often this process's connections found the file locked by another process, and how long they waited
    /// (<see cref="SqliteBusyWaits"/>); for the benchmarks' notes.
    /// </summary>
    public static string BusySummary()
    {
        var (waits, waited, longest, timedOut) = SqliteBusyWaits.Counts;
        return $"{waits} waits for another process's lock ({waited.TotalMilliseconds:F0} ms in all, longest {longest.TotalMilliseconds:F0} ms, {timedOut} gave up); "
            + SqliteWriteHolds.Summary();
    }

    /// <summary>What the file's group commit (<see cref="SqliteGroupCommit"/>) did in this process; for the benchmarks' notes.</summary>
    public static string GroupCommitSummary(string connectionString)
    {
        var writer = SqliteGroupCommit.For(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var (batches, units) = writer.Committed;
        var (runs, connections) = writer.Opened;
        var (inTurns, committing) = writer.Spent;
        return $"group commit: {units} units in {batches} batches, {runs} runs ({connections} connections, each run's statements prepared anew); "
            + $"{inTurns.TotalMilliseconds:F0} ms in the units' turns, {committing.TotalMilliseconds:F0} ms in COMMITs";
    }

    public static async Task<string> JournalModeAsync(CommunityDbContext db, CancellationToken cancellationToken = default)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
