using Community.Domain.Persistence;
using Community.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// The process's checkpointer per SQLite file (bench/README.md, "checkpoints"): no connection the app opens copies the log
/// back inside its COMMIT; the file's checkpointer does, off the write turn, and starts the log over; a committing
/// connection does only past the hard limit. Real SQLite files; the log's pages are made with random blobs (4 KiB pages).
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private const int Page = 4096;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryConnectionTheAppOpensHasNoAutomaticCheckpoint()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's own settings.");
        await using var database = await TestDatabase.MigratedAsync();

        // A context's connection (the interceptor: services, the group commit's contexts, the knowledge-base job)...
        await using (var db = database.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync(Ct);
            Assert.Equal(0L, await ScalarAsync(db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint;"));
        }

        // ...Identity's scoped context, as the domain's services make it...
        await using (var services = Services(database))
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommunityDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            Assert.Equal(0L, await ScalarAsync(db.Database.GetDbConnection(), "PRAGMA wal_autocheckpoint;"));
        }

        // ...and a batch writer's own connection (votes, acceptances).
        using var writer = new ProbeStatements(database.ConnectionString);
        Assert.Equal(0L, writer.AutoCheckpoint());
    }

    [Fact]
    public async Task CommitsLeaveTheLogToTheCheckpointerWhichCopiesItBackOnceWoken()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var first = await TestDatabase.MigratedAsync();
        await using var second = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 1_500, Restart: 1_000_000, Hard: 1_000_000);
        await using var firstCheckpointer = SqliteCheckpointer.Start(first.ConnectionString, time, limits);
        await using var secondCheckpointer = SqliteCheckpointer.Start(second.ConnectionString, time, limits);
        await using var a = await FillerAsync(first);
        await using var b = await FillerAsync(second);
        var sizes = (A: Length(first), B: Length(second));
        var inCommits = SqliteCheckpointer.CheckpointsInCommits(first.ConnectionString);

        // 1,250 pages in five commits: SQLite's automatic checkpoint would have copied them back in the fourth COMMIT.
        for (var i = 0; i < 5; i++)
            await FillAsync(a, 250);
        Assert.Equal(sizes.A, Length(first));
        Assert.Equal(inCommits, SqliteCheckpointer.CheckpointsInCommits(first.ConnectionString));
        Assert.Equal(0, firstCheckpointer.Counts.Passes);

        // The commit past 1,500 pages wakes the file's checkpointer, which copies the log back; the other file's stays asleep.
        var passed = firstCheckpointer.PassedAsync();
        await FillAsync(a, 250);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(Length(first) >= sizes.A + 1_400L * Page, $"The file grew by {Length(first) - sizes.A} bytes.");
        var (log, copied) = await CheckpointAsync(a, "PASSIVE");
        Assert.Equal(log, copied);
        Assert.Equal(inCommits, SqliteCheckpointer.CheckpointsInCommits(first.ConnectionString));
        Assert.Equal(0, secondCheckpointer.Counts.Passes);

        // The other file's: its own commits wake it.
        passed = secondCheckpointer.PassedAsync();
        for (var i = 0; i < 6; i++)
            await FillAsync(b, 250);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(Length(second) >= sizes.B + 1_400L * Page, $"The file grew by {Length(second) - sizes.B} bytes.");
    }

    [Fact]
    public async Task WhenWritesStopTheCheckpointerCopiesBackWhatIsLeftAndStartsALongLogOver()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 1_000_000, Restart: 800, Hard: 1_000_000) { WritingCommits = 4 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var connection = await FillerAsync(database);
        var size = Length(database);
        for (var i = 0; i < 4; i++)
            await FillAsync(connection, 250);
        Assert.Equal(size, Length(database));

        // No commit woke it: after its idle time it copies the 1,000 pages back and, the log past 800 pages, starts it over.
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.True(Length(database) >= size + 950L * Page, $"The file grew by {Length(database) - size} bytes.");
        Assert.Equal((1L, 1L, 0L), checkpointer.Counts);
        // The file was synced before the restart took the write turn, so the restart's own sync is short.
        Assert.Equal(1, checkpointer.Syncs);

        // The next commit writes at the start of the log.
        await FillAsync(connection, 1);
        var (log, _) = await CheckpointAsync(connection, "PASSIVE");
        Assert.InRange(log, 1, 10);
    }

    [Fact]
    public async Task ARestartThatFindsAReaderOfTheOldLogGivesUpWithinItsPatienceAndIsTriedAgainLater()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 1_000_000, Restart: 800, Hard: 1_000_000) { WritingCommits = 1 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var connection = await FillerAsync(database);
        await using var reader = new SqliteConnection(database.ConnectionString);
        await reader.OpenAsync(Ct);

        // A reader keeps a snapshot of the first 500 pages while the log grows past the restart's 800.
        await FillAsync(connection, 500);
        await ExecuteAsync(reader, "BEGIN; SELECT count(*) FROM Filler;");
        await FillAsync(connection, 500);

        // The restart waits for it no longer than its patience (20 ms, not the app's 30 s), holding the write turn, and
        // gives up...
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.Equal((0L, 1L), (checkpointer.Counts.Restarts, checkpointer.Counts.BusyRestarts));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"The pass took {clock.Elapsed}.");

        // ...and the next pass, the reader gone, starts the log over.
        await ExecuteAsync(reader, "COMMIT;");
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.Equal((1L, 1L), (checkpointer.Counts.Restarts, checkpointer.Counts.BusyRestarts));
    }

    [Fact]
    public async Task PassesSyncTheFileOffTheWriteTurnOnceTheyHaveCopiedEnough()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 250, Restart: 1_000_000, Hard: 1_000_000) { SyncEvery = 500 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var connection = await FillerAsync(database);

        // 300 pages copied back: not yet worth a sync of their own (SQLite's, after a pass that copies the whole log, aside).
        var passed = checkpointer.PassedAsync();
        await FillAsync(connection, 300);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(0, checkpointer.Syncs);

        // 600 more: the pass that copies them syncs the file.
        passed = checkpointer.PassedAsync();
        await FillAsync(connection, 600);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(1, checkpointer.Syncs);
        Assert.Equal((0L, 0L), (checkpointer.Counts.Restarts, checkpointer.Counts.BusyRestarts));
    }

    [Fact]
    public async Task OnceWritesStopABurstsLogIsGivenBackToTheDisk()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 900, Restart: 1_000_000, Hard: 1_000_000) { Shrink = 500, WritingCommits = 4 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var connection = await FillerAsync(database);

        // A burst: the commit past 900 pages wakes the checkpointer, which copies the log back and leaves its file alone,
        // writes being under way.
        var passed = checkpointer.PassedAsync();
        for (var i = 0; i < 4; i++)
            await FillAsync(connection, 250);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(LogLength(database) >= 1_000L * Page, $"The log's file has {LogLength(database)} bytes.");
        Assert.Equal(0, checkpointer.Truncations);

        // No commit since: after its idle time the file, past 500 pages, is truncated.
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.Equal(0L, LogLength(database));
        Assert.Equal(1, checkpointer.Truncations);

        // A small log is left as it is: nothing to give back.
        await FillAsync(connection, 100);
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.True(LogLength(database) >= 100L * Page, $"The log's file has {LogLength(database)} bytes.");
        Assert.Equal(1, checkpointer.Truncations);
    }

    [Fact]
    public async Task ALogIsNotTruncatedWhileAnotherProcessWritesIt()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 900, Restart: 1_000_000, Hard: 1_000_000) { Shrink = 500, WritingCommits = 4 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var ours = await FillerAsync(database);
        await using var theirs = await AnotherProcessAsync(database);

        // This process's burst, copied back by the pass it wakes.
        var passed = checkpointer.PassedAsync();
        for (var i = 0; i < 4; i++)
            await FillAsync(ours, 250);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        // The other process goes on committing between the idle passes: the log's file is left as it is, since truncating
        // it would make that process's writers wait for the copy and the syncs.
        for (var i = 0; i < 3; i++)
        {
            await FillAsync(theirs, 1);
            await PassAfterAsync(checkpointer, time, limits.Idle);
            Assert.Equal(0, checkpointer.Truncations);
        }
        Assert.True(LogLength(database) >= 1_000L * Page, $"The log's file has {LogLength(database)} bytes.");

        // Once no process has committed for a whole pass, it is given back.
        await PassAfterAsync(checkpointer, time, limits.Idle);
        Assert.Equal(1, checkpointer.Truncations);
        Assert.Equal(0L, LogLength(database));
    }

    [Fact]
    public async Task ALogThatAnotherProcessWritesIsLeftForThatProcessToRestart()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 1_000_000, Restart: 800, Hard: 1_000_000) { WritingCommits = 1 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var ours = await FillerAsync(database);
        await using var theirs = await AnotherProcessAsync(database);
        await using var reader = new SqliteConnection(database.ConnectionString);
        await reader.OpenAsync(Ct);

        // This process writes a little while a reader keeps part of the log from being copied: its checkpointer sees the
        // log (a pass leaves some of it behind), so it goes on looking at it once a second.
        await ExecuteAsync(reader, "BEGIN; SELECT count(*) FROM Filler;");
        await FillAsync(ours, 10);
        await PassAfterAsync(checkpointer, time, limits.Idle);
        await ExecuteAsync(reader, "COMMIT;");

        // Then only the other process writes, past the restart's 800 pages; 11 s after this process's last commit the
        // checkpointer copies the log back but leaves its restart to the writer (it would hold SQLite's write lock against it).
        await FillAsync(theirs, 1_000);
        await PassAfterAsync(checkpointer, time, limits.Writing + TimeSpan.FromSeconds(1));
        var (log, copied) = SqliteCheckpointer.Known(database.ConnectionString);
        Assert.True(log >= 1_000 && log == copied, $"log {log}, copied {copied}");
        Assert.Equal((0L, 0L), (checkpointer.Counts.Restarts, checkpointer.Counts.BusyRestarts));
        // (A log this process writes is restarted: WhenWritesStopTheCheckpointerCopiesBackWhatIsLeftAndStartsALongLogOver.)
    }

    [Fact]
    public async Task AProcessThatCommitsOnlyALittleLeavesTheLogToTheProcessThatWritesIt()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider();
        var limits = new SqliteCheckpointLimits(Start: 1_000_000, Restart: 800, Hard: 1_000_000) { WritingCommits = 20 };
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, time, limits);
        await using var ours = await FillerAsync(database);
        await using var theirs = await AnotherProcessAsync(database);

        // This process commits a few times (a web server counting views) while another writes the log past the restart's
        // 800 pages (the bench's harness): the log is copied back, and its restart left to the other.
        for (var i = 0; i < 5; i++)
            await FillAsync(ours, 1);
        await FillAsync(theirs, 1_000);
        await PassAfterAsync(checkpointer, time, limits.Idle);

        var (log, copied) = SqliteCheckpointer.Known(database.ConnectionString);
        Assert.True(log >= 1_000 && log == copied, $"log {log}, copied {copied}");
        Assert.Equal((0L, 0L), (checkpointer.Counts.Restarts, checkpointer.Counts.BusyRestarts));
    }

    private static async Task PassAfterAsync(SqliteCheckpointer checkpointer, FakeTimeProvider time, TimeSpan wait)
    {
        await checkpointer.WaitingAsync().WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var passed = checkpointer.PassedAsync();
        time.Advance(wait);
        await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task ACheckpointerThatFallsBehindLeavesTheCopyToTheCommitPastTheHardLimit()
    {
        Assert.SkipWhen(TestProvider.IsPostgres, "SQLite's log.");
        await using var database = await TestDatabase.MigratedAsync();
        // Never woken, never idle long enough (its time does not move): as good as stuck.
        var limits = new SqliteCheckpointLimits(Start: 1_000_000, Restart: 1_000_000, Hard: 600);
        await using var checkpointer = SqliteCheckpointer.Start(database.ConnectionString, new FakeTimeProvider(), limits);
        await using var connection = await FillerAsync(database);
        var inCommits = SqliteCheckpointer.CheckpointsInCommits(database.ConnectionString);
        var size = Length(database);

        for (var i = 0; i < 20; i++)
        {
            await FillAsync(connection, 100);
            var (log, copied) = SqliteCheckpointer.Known(database.ConnectionString);
            Assert.True(log - copied < 600, $"{log - copied} pages not copied back after commit {i + 1}.");
        }
        Assert.InRange(SqliteCheckpointer.CheckpointsInCommits(database.ConnectionString) - inCommits, 2, 4);
        Assert.True(Length(database) >= size + 1_200L * Page, $"The file grew by {Length(database) - size} bytes.");
        Assert.Equal(0, checkpointer.Counts.Passes);
    }

    [Fact]
    public async Task TheCheckpointerStopsWithTheServicesAndLeavesTheFileClosed()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var services = Services(database, new SqliteCheckpointLimits(Start: 200));
        var contexts = services.GetRequiredService<IDbContextFactory<CommunityDbContext>>();
        var checkpointer = services.GetService<SqliteCheckpointer>();
        if (database.IsPostgres)
        {
            Assert.Null(checkpointer);
            await services.DisposeAsync();
            return;
        }
        Assert.NotNull(checkpointer);
        Assert.True(checkpointer.Runs);

        // It has run a pass (its own connection open)...
        var passed = checkpointer.PassedAsync();
        await using (var db = contexts.CreateDbContext())
        {
            await db.Database.OpenConnectionAsync(Ct);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await ExecuteAsync(connection, "CREATE TABLE Filler (Bytes BLOB);");
            await FillAsync(connection, 250);
            await passed.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        // ...and closed, its loop ended, once the services are disposed.
        await services.DisposeAsync();
        Assert.True(checkpointer.Stopped);
        SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(OpenFiles(), path => path.StartsWith(database.FilePath, StringComparison.Ordinal));

        // A second host on the file runs a checkpointer of its own again.
        await using var again = Services(database);
        _ = again.GetRequiredService<IDbContextFactory<CommunityDbContext>>();
        Assert.True(again.GetRequiredService<SqliteCheckpointer>().Runs);
    }

    private static ServiceProvider Services(TestDatabase database, SqliteCheckpointLimits? limits = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        if (limits is not null)
            services.AddSingleton(limits);
        services.AddCommunityDomain(database.Provider, database.ConnectionString);
        var provider = services.BuildServiceProvider();
        // The first context made opens the file's checkpointer (the options are built once).
        using (provider.GetRequiredService<IDbContextFactory<CommunityDbContext>>().CreateDbContext())
            return provider;
    }

    /// <summary>A connection set up as the app sets up each of its own, with a table of blobs, kept open by the test.</summary>
    private static async Task<SqliteConnection> FillerAsync(TestDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        SqliteConnectionSettings.Apply(connection);
        await ExecuteAsync(connection, "CREATE TABLE Filler (Bytes BLOB);");
        // Everything so far into the file and the log started over: the test's pages are all the log holds.
        await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return connection;
    }

    /// <summary>Another process's connection: its commits are not heard by this process's hook, and it has no automatic checkpoint of its own.</summary>
    private static async Task<SqliteConnection> AnotherProcessAsync(TestDatabase database)
    {
        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, "PRAGMA wal_autocheckpoint=0;");
        return connection;
    }

    /// <summary>One commit of about <paramref name="pages"/> pages (a blob's overflow pages).</summary>
    private static Task FillAsync(SqliteConnection connection, int pages) =>
        ExecuteAsync(connection, $"INSERT INTO Filler (Bytes) VALUES (randomblob({pages * (Page - 8)}));");

    private static async Task<(long Log, long Copied)> CheckpointAsync(SqliteConnection connection, string mode)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(1), reader.GetInt64(2));
    }

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }

    private static long Length(TestDatabase database) => new FileInfo(database.FilePath).Length;

    private static long LogLength(TestDatabase database) => new FileInfo(database.FilePath + "-wal").Length;

    /// <summary>The files this process holds open (Linux).</summary>
    private static List<string> OpenFiles() =>
        [.. new DirectoryInfo("/proc/self/fd").GetFileSystemInfos().Select(fd => fd.LinkTarget ?? "")];

    private sealed class ProbeStatements(string connectionString) : SqliteWriterStatements(connectionString, "probe")
    {
        public object? AutoCheckpoint()
        {
            using var command = Prepare("PRAGMA wal_autocheckpoint;");
            return command.ExecuteScalar();
        }
    }
}
