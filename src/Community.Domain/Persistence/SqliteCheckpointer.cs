using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Persistence;

/// <summary>
/// When the log of a SQLite file is copied back into it (bench/README.md, "checkpoints"), in pages (4 KiB here).
/// </summary>
/// <param name="Start">Pages not yet copied back at which a commit wakes the checkpointer (SQLite's own automatic checkpoint runs at 1,000).</param>
/// <param name="Restart">Pages in the log at which the checkpointer, in the process's write turn, copies the rest and starts the log over.</param>
/// <param name="Hard">Pages not yet copied back at which the committing connection copies them itself, in its own COMMIT: the checkpointer fell behind.</param>
internal sealed record SqliteCheckpointLimits(int Start = 1_000, int Restart = 262_144, int Hard = 32_768)
{
    public static readonly SqliteCheckpointLimits Default = new();

    /// <summary>
    /// Pages of the log's file above which the checkpointer, once writes have stopped (woken by its idle time, not by a
    /// commit, and no process committed since its last pass) and everything is copied back, truncates the file: a burst's log (up to <see cref="Restart"/> pages, 1 GiB)
    /// is given back to the disk rather than kept for good.
    /// </summary>
    public int Shrink { get; init; } = 16_384;

    /// <summary>
    /// How lately, and how often (<see cref="WritingCommits"/>), this process must have committed to the file for its
    /// checkpointer to restart or truncate the log. Both take SQLite's write lock, which the process's write turn covers
    /// only for its own writers: another process writing the file (a tool; the bench's harness beside the web server)
    /// waits in its busy handler for a restart or a truncation it did not need. So the process that writes the log is the
    /// one that restarts it, not one that only counts a few views beside it.
    /// </summary>
    public TimeSpan Writing { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Commits of this process within <see cref="Writing"/> that make it the log's writer. The bench's web server, reading
    /// pages beside the harness's writes, committed 10–12 view counts a phase, and restarted (4 attempts, all finding
    /// readers) and truncated (463 ms) the log the harness was writing at 2,000 commits a second. Past twice
    /// <see cref="Restart"/> pages any process restarts the log, whatever it wrote: a log must not grow without bound.
    /// </summary>
    public int WritingCommits { get; init; } = 50;

    /// <summary>
    /// Pages copied back since the file was last synced at which a pass syncs it, off the write turn (as it does before
    /// each restart). SQLite syncs the file only after a pass that copied the whole log, which readers seldom allow under
    /// load, so the copies stayed in the page cache until the log's restart synced them all in the turn (~300 MB, 87–536 ms,
    /// under the bench's votes). Every 16,384 pages and only before restarts measured alike (bench/README.md, session 14);
    /// 65,536 (256 MiB) bounds what waits for a sync with a few syncs a restart.
    /// </summary>
    public int SyncEvery { get; init; } = 65_536;

    /// <summary>How long the checkpointer waits for a commit to wake it before it copies back whatever the log holds.</summary>
    public TimeSpan Idle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a restart waits for readers of the old log (SQLite's busy handler), holding the write turn.</summary>
    public TimeSpan RestartPatience { get; init; } = TimeSpan.FromMilliseconds(20);
}

/// <summary>
/// One checkpointer per SQLite file in the process, off the write turn. SQLite's automatic checkpoint runs inside
/// whichever COMMIT finds 1,000 pages or more in the log: it copies them back and syncs the log and the file, in the
/// write turn of whoever committed (240 of a vote's 418 µs in the vote writer's turn, bench/README.md); turning it off on
/// one writer only moved it into the others' COMMITs. So every connection the app opens
/// (<see cref="SqliteConnectionSettings.Apply"/>) replaces it with a hook that only counts: after each commit SQLite tells
/// it how many pages the log holds, and once <see cref="SqliteCheckpointLimits.Start"/> of them are not copied back the
/// hook wakes this checkpointer, which runs <c>wal_checkpoint(PASSIVE)</c> on a connection of its own while the writers
/// go on. A log that is never started over grows without bound (readers are always present, and SQLite starts it over
/// only when all of it is copied back as a writer begins), so past <see cref="SqliteCheckpointLimits.Restart"/> pages the
/// checkpointer takes the write turn (<see cref="SqliteWriterQueue"/>) for a <c>wal_checkpoint(RESTART)</c>: the few pages
/// added since its last pass, then the log starts over (it waits at most <see cref="SqliteCheckpointLimits.RestartPatience"/>
/// for readers of the old log; if they are still there it tries again later). Each restart holds the turn for the syncs
/// of its copy (50–100 ms under the bench's writes), so the log may grow to 1 GiB first (bench/README.md, session 13:
/// at 256 MiB the log restarted every 1–2 s under the bench, 32–45 times a posting phase); once writes stop, the file of
/// a log grown past <see cref="SqliteCheckpointLimits.Shrink"/> pages is truncated, so a burst's disk is given back.
/// Both only while this process writes the file (<see cref="SqliteCheckpointLimits.Writing"/>): a log that another process
/// writes is copied back but left for that process to restart.
/// If the checkpointer falls behind (a busy machine) or there is none (a tool, a test without the domain's services), the
/// committing connection checkpoints in its own COMMIT, as SQLite did: at <see cref="SqliteCheckpointLimits.Hard"/> pages
/// not copied back with a checkpointer, at 1,000 without. The checkpointer is made with the domain's services
/// (<c>AddCommunityDomain</c>, SQLite only), and stops and closes its connection when they are disposed.
/// </summary>
internal sealed class SqliteCheckpointer : IAsyncDisposable, IDisposable
{
    /// <summary>Pages not copied back at which a commit checkpoints when the file has no checkpointer: SQLite's default.</summary>
    internal const int AloneLimit = 1_000;

    private const int Passive = 0, Restart = 2, Truncate = 3;
    private const int SqliteOk = 0;

    private readonly FileLog file;
    private readonly string connectionString;
    private readonly TimeProvider time;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    private readonly bool owner;
    private TaskCompletionSource wake = NewSignal();
    private TaskCompletionSource passed = NewSignal();
    private TaskCompletionSource waiting = NewSignal();
    private SqliteConnection? connection;
    private int pageSize = 4096;
    private readonly Queue<(DateTimeOffset At, long Commits)> commitsSeen = new();
    private long lastCommitsSeen;
    private long dataVersion = -1;
    private long passes;
    private long restarts;
    private long busyRestarts;
    private long truncations;
    private long passTicks;
    private long turnTicks;
    private long busyTicks;
    private long maxTicks;
    private long syncTicks;
    private long syncs;
    private long copiedAtSync;

    private SqliteCheckpointer(FileLog file, string connectionString, TimeProvider time, SqliteCheckpointLimits limits, bool owner)
    {
        this.file = file;
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        this.time = time;
        this.owner = owner;
        Limits = limits;
        lastCommitsSeen = Interlocked.Read(ref file.Commits);
        commitsSeen.Enqueue((time.GetUtcNow(), lastCommitsSeen));
        // A thread of its own: a pass blocks in SQLite (copies, syncs of 50–200 ms), which on the thread pool's two
        // threads (two cores) delayed the very writers it works for until the pool added one.
        loop = owner ? Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default) : Task.CompletedTask;
    }

    /// <summary>
    /// The checkpointer of the file <paramref name="connectionString"/> names, its log's rules <paramref name="limits"/>.
    /// If the process already has one for the file, this one does nothing (the first goes on until it is disposed).
    /// </summary>
    public static SqliteCheckpointer Start(string connectionString, TimeProvider time, SqliteCheckpointLimits? limits = null)
    {
        var file = FileOf(connectionString);
        lock (file)
        {
            var owner = file.Runner is null;
            var checkpointer = new SqliteCheckpointer(file, connectionString, time, limits ?? SqliteCheckpointLimits.Default, owner);
            if (owner)
                Volatile.Write(ref file.Runner, checkpointer);
            return checkpointer;
        }
    }

    public SqliteCheckpointLimits Limits { get; }

    /// <summary>Whether this one runs the file's checkpoints (false: another checkpointer of the process does).</summary>
    public bool Runs => owner;

    /// <summary>Passes run (each a PASSIVE checkpoint), restarts of the log, restarts that found readers of the old log.</summary>
    public (long Passes, long Restarts, long BusyRestarts) Counts => (Interlocked.Read(ref passes), Interlocked.Read(ref restarts), Interlocked.Read(ref busyRestarts));

    /// <summary>For the benchmarks' notes: what the restarts that found readers held, the longest hold, and the log's pages that this process's commits wrote.</summary>
    internal string Detail =>
        $"busy restarts held {Ms(Interlocked.Read(ref busyTicks)):F0} ms; longest hold {Ms(Interlocked.Read(ref maxTicks)):F0} ms; "
        + $"{Syncs} syncs off the turn ({Ms(Interlocked.Read(ref syncTicks)):F0} ms); {Truncations} truncations; "
        + $"{Interlocked.Read(ref file.Appended)} pages in {Interlocked.Read(ref file.Commits)} commits heard";

    private static double Ms(long ticks) => System.Diagnostics.Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;

    /// <summary>Times the log's file was truncated once writes stopped (<see cref="SqliteCheckpointLimits.Shrink"/>).</summary>
    public long Truncations => Interlocked.Read(ref truncations);

    /// <summary>Time spent in passes (the PASSIVE checkpoints, off the turn) and holding the write turn for restarts, in stopwatch ticks.</summary>
    public (TimeSpan Passes, TimeSpan InTurn) Spent => (System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref passTicks)),
        System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref turnTicks)));

    /// <summary>The file's checkpointer in this process, if any.</summary>
    internal static SqliteCheckpointer? Of(string connectionString) => Volatile.Read(ref FileOf(connectionString).Runner);

    /// <summary>Completes when the pass running or next to run has ended (what tests wait for).</summary>
    internal Task PassedAsync() => Volatile.Read(ref passed).Task;

    /// <summary>Completes when the loop waits for a commit or for <see cref="SqliteCheckpointLimits.Idle"/> (its timer made).</summary>
    internal Task WaitingAsync() => Volatile.Read(ref waiting).Task;

    /// <summary>What the process knows of the file's log: its pages, and how many of them are copied back.</summary>
    internal static (long Log, long Copied) Known(string connectionString) => FileOf(connectionString).Known;

    /// <summary>Whether the loop has ended (after disposal).</summary>
    internal bool Stopped => loop.IsCompleted;

    /// <summary>Checkpoints run inside a committing connection's COMMIT for the file (no checkpointer, or past the hard limit).</summary>
    internal static long CheckpointsInCommits(string connectionString) => Interlocked.Read(ref FileOf(connectionString).InCommits);

    public async ValueTask DisposeAsync()
    {
        if (!owner)
            return;
        lock (file)
        {
            if (file.Runner == this)
                file.Runner = null;
        }
        await stopping.CancelAsync();
        await loop;
        stopping.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private void Signal() => Volatile.Read(ref wake).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Waits to be woken or for <see cref="SqliteCheckpointLimits.Idle"/>, then checkpoints; throws nothing.</summary>
    private void Run()
    {
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                bool idle;
                using (var sleeping = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token))
                {
                    var delay = Task.Delay(Limits.Idle, time, sleeping.Token);
                    Volatile.Read(ref waiting).TrySetResult();
                    idle = Task.WhenAny(Volatile.Read(ref wake).Task, delay).GetAwaiter().GetResult() == delay;
                    Volatile.Write(ref waiting, NewSignal());
                    sleeping.Cancel();
                }
                if (stopping.IsCancellationRequested)
                    break;
                // A new signal before the pass reads the log: a commit during the pass wakes the next one.
                Volatile.Write(ref wake, NewSignal());
                Interlocked.Exchange(ref file.Woken, 0);
                var done = Interlocked.Exchange(ref passed, NewSignal());
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    Pass(idle);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
                catch (Exception)
                {
                    // The file went away (a test's, deleted) or is busy: the next pass tries again; the committing
                    // connections still checkpoint at the hard limit.
                    connection?.Dispose();
                    connection = null;
                }
                Interlocked.Add(ref passTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref passes);
                done.TrySetResult();
            }
        }
        finally
        {
            connection?.Dispose();
            connection = null;
            passed.TrySetResult();
            waiting.TrySetResult();
        }
    }

    /// <param name="idle">Woken by its idle time: no commit reached <see cref="SqliteCheckpointLimits.Start"/> pages meanwhile.</param>
    private void Pass(bool idle)
    {
        var writing = Writing();
        var quiet = connection is not null && NothingCommittedSinceLastLook(connection);
        var (log, copied) = file.Known;
        if (log - copied <= 0 && log < Limits.Restart)
        {
            // All copied back by an earlier pass.
            if (idle && writing && quiet)
                ShrinkIdleLog(connection!, log);
            return;
        }
        if (connection is null)
        {
            var opened = new SqliteConnection(connectionString);
            try
            {
                opened.Open();
                SqliteConnectionSettings.Apply(opened);
                using var patience = opened.CreateCommand();
                if (!SqliteBusyWaits.Install(opened, Limits.RestartPatience))
                {
                    patience.CommandText = $"PRAGMA busy_timeout={(int)Limits.RestartPatience.TotalMilliseconds};";
                    patience.ExecuteNonQuery();
                }
                patience.CommandText = "PRAGMA page_size;";
                pageSize = Convert.ToInt32(patience.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                NothingCommittedSinceLastLook(opened);
            }
            catch
            {
                opened.Dispose();
                throw;
            }
            connection = opened;
        }
        (log, copied) = Checkpoint(connection, Passive).Pages;
        writing |= log >= 2L * Limits.Restart;
        if (copied < copiedAtSync)
            copiedAtSync = 0; // the log started over
        if (copied - copiedAtSync >= Limits.SyncEvery)
            Sync(connection, copied);
        if (log < Limits.Restart || !writing)
        {
            if (idle && writing && quiet && log == copied)
                ShrinkIdleLog(connection, log);
            return;
        }
        // The restart copies in the turn what the writers added since the last pass, and syncs both files (their random
        // writes: ~45-160 ms on this disk with the tail of one pass): so passes go on while the turn is awaited, and the
        // turn's copy is only what was added during the last of them. The file is synced first, off the turn, so the
        // restart's own sync is the little copied since (see SyncEvery).
        Sync(connection, copied);
        var turn = SqliteWriterQueue.TurnOf(file.DataSource);
        var entering = turn.WaitAsync(SqliteWriterQueue.Patience, stopping.Token);
        while (!entering.IsCompleted)
        {
            var before = copied;
            (_, copied) = Checkpoint(connection, Passive).Pages;
            if (copied == before)
                Task.WhenAny(entering, Task.Delay(TimeSpan.FromMilliseconds(1), time, stopping.Token)).GetAwaiter().GetResult();
        }
        var entered = entering.GetAwaiter().GetResult();
        var held = System.Diagnostics.Stopwatch.GetTimestamp();
        var busy = false;
        try
        {
            if (Checkpoint(connection, Restart).Status == SqliteOk)
                Interlocked.Increment(ref restarts);
            else
            {
                busy = true;
                Interlocked.Increment(ref busyRestarts);
            }
        }
        finally
        {
            var hold = System.Diagnostics.Stopwatch.GetTimestamp() - held;
            Interlocked.Add(ref turnTicks, hold);
            if (busy)
                Interlocked.Add(ref busyTicks, hold);
            SqliteWriteHolds.Ended(held, busy ? "the log's restart (found readers)" : "the log's restart");
            if (hold > Interlocked.Read(ref maxTicks))
                Interlocked.Exchange(ref maxTicks, hold);
            if (entered)
                turn.Release();
        }
    }

    /// <summary>
    /// Writes have stopped and the log is all copied back: past <see cref="SqliteCheckpointLimits.Shrink"/> pages of file,
    /// truncate it (nothing to copy, so nothing to sync), if the write turn is free right now and no connection of any
    /// process committed since the last pass. Under way writes would pay for the file's new blocks again; a busy turn
    /// means writes are back, so it waits. Another process's commits count too: its writers would wait in SQLite's busy
    /// handler while the truncation copied and synced what they had just written (the bench's web server, which writes
    /// view counts and so "writes", truncated the log under the harness's answers: 72–223 ms each, bench/README.md).
    /// </summary>
    private void ShrinkIdleLog(SqliteConnection on, long log)
    {
        var wal = new FileInfo(file.DataSource + "-wal");
        if (!wal.Exists || wal.Length <= (long)Limits.Shrink * pageSize)
            return;
        var turn = SqliteWriterQueue.TurnOf(file.DataSource);
        if (!turn.Wait(0))
            return;
        var held = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            if (file.Known.Log == log && NothingCommittedSinceLastLook(on) && Checkpoint(on, Truncate).Status == SqliteOk)
                Interlocked.Increment(ref truncations);
        }
        finally
        {
            SqliteWriteHolds.Ended(held, "the log's truncation");
            turn.Release();
        }
    }

    /// <summary>
    /// Whether this process is the log's writer: <see cref="SqliteCheckpointLimits.WritingCommits"/> commits heard within
    /// the last <see cref="SqliteCheckpointLimits.Writing"/> (from the passes' samples of the count).
    /// </summary>
    private bool Writing()
    {
        var now = time.GetUtcNow();
        var commits = Interlocked.Read(ref file.Commits);
        if (lastCommitsSeen != commits)
        {
            commitsSeen.Enqueue((now, commits));
            lastCommitsSeen = commits;
        }
        // The count as the window began is the newest sample at or before its start (or the first, taken at the start).
        while (commitsSeen.Count > 1 && commitsSeen.ElementAt(1).At <= now - Limits.Writing)
            commitsSeen.Dequeue();
        return commits - commitsSeen.Peek().Commits >= Limits.WritingCommits;
    }

    /// <summary>Syncs the file off the write turn; <paramref name="copied"/>: the log's pages copied back so far.</summary>
    private void Sync(SqliteConnection on, long copied)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!SyncDatabaseFile(on))
            return;
        Interlocked.Add(ref syncTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
        Interlocked.Increment(ref syncs);
        copiedAtSync = copied;
    }

    /// <summary>Times a pass synced the file off the write turn (<see cref="SqliteCheckpointLimits.SyncEvery"/>, and before each restart).</summary>
    public long Syncs => Interlocked.Read(ref syncs);

    /// <summary>
    /// Syncs the database file through SQLite's own handle of it (the connection's file, its VFS's sync): another handle
    /// of the file, closed, would drop the process's POSIX locks on it, which SQLite's own locking relies on. False when
    /// the library is not the bundled one, or the file is not open.
    /// </summary>
    private static bool SyncDatabaseFile(SqliteConnection on)
    {
        if (!BundledLibrary.Value || on.Handle is not { } handle)
            return false;
        if (sqlite3_file_control(handle.DangerousGetHandle(), IntPtr.Zero, SqliteFcntlFilePointer, out var sqliteFile) != SqliteOk || sqliteFile == IntPtr.Zero)
            return false;
        // sqlite3_file starts with its methods; sqlite3_io_methods is { int iVersion; xClose; xRead; xWrite; xTruncate; xSync; ... }.
        var methods = Marshal.ReadIntPtr(sqliteFile);
        if (methods == IntPtr.Zero)
            return false;
        var sync = Marshal.GetDelegateForFunctionPointer<FileSync>(Marshal.ReadIntPtr(methods, 5 * IntPtr.Size));
        return sync(sqliteFile, SqliteSyncNormal) == SqliteOk;
    }

    private const int SqliteFcntlFilePointer = 7, SqliteSyncNormal = 2;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int FileSync(IntPtr file, int flags);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_file_control(IntPtr db, IntPtr schema, int operation, out IntPtr argument);

    /// <summary>
    /// Whether no connection, of this process or another, committed to the file since the checkpointer's connection last
    /// looked: SQLite's <c>data_version</c> changes with every commit but the connection's own, and it never writes. The
    /// process's own commits are heard by the hook; another process's only this way.
    /// </summary>
    private bool NothingCommittedSinceLastLook(SqliteConnection on)
    {
        using var command = on.CreateCommand();
        command.CommandText = "PRAGMA data_version;";
        var version = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        var quiet = version == dataVersion;
        dataVersion = version;
        return quiet;
    }

    private (int Status, (int Log, int Copied) Pages) Checkpoint(SqliteConnection on, int mode)
    {
        var status = SQLitePCL.raw.sqlite3_wal_checkpoint_v2(on.Handle, "main", mode, out var log, out var copied);
        if (log >= 0)
            file.Record(log, copied);
        return (status, (log, copied));
    }

    // The process-wide part: every connection's hook, and what it knows of each file's log.

    /// <summary>What the process knows of one file's log, kept up to date by every commit's hook and every checkpoint.</summary>
    private sealed class FileLog(int id, string dataSource)
    {
        public readonly int Id = id;
        public readonly string DataSource = dataSource;
        public long Log;
        public long Copied;
        public int Woken;
        public long InCommits;
        public SqliteCheckpointer? Runner;

        public (long Log, long Copied) Known => (Volatile.Read(ref Log), Volatile.Read(ref Copied));

        public void Record(long log, long copied)
        {
            Volatile.Write(ref Log, log);
            Volatile.Write(ref Copied, copied);
        }

        /// <summary>Pages this process's commits wrote to the log (what the bench reports; an upper bound when another process writes too), and those commits.</summary>
        public long Appended;
        public long Commits;

        /// <summary>After a commit of a connection of this process, <paramref name="pages"/> in the log.</summary>
        public void Committed(IntPtr db, IntPtr schema, int pages)
        {
            var previous = Interlocked.Exchange(ref Log, pages);
            Interlocked.Add(ref Appended, pages >= previous ? pages - previous : pages);
            Interlocked.Increment(ref Commits);
            var copied = Volatile.Read(ref Copied);
            if (pages < copied)
            {
                // The log started over (a writer began after a complete checkpoint).
                Interlocked.CompareExchange(ref Copied, 0, copied);
                copied = 0;
            }
            var behind = pages - copied;
            var runner = Volatile.Read(ref Runner);
            if (behind >= (runner?.Limits.Hard ?? AloneLimit))
            {
                if (sqlite3_wal_checkpoint_v2(db, schema, Passive, out var log, out var done) == SqliteOk && log >= 0)
                    Record(log, done);
                Interlocked.Increment(ref InCommits);
            }
            else if (runner is not null && behind >= runner.Limits.Start && Interlocked.Exchange(ref Woken, 1) == 0)
                runner.Signal();
        }
    }

    private static readonly ConcurrentDictionary<string, FileLog> Files = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, FileLog> ByConnectionString = new(StringComparer.Ordinal);
    private static FileLog[] byId = [];

    /// <summary>The file a connection string names (as <see cref="SqliteConnection.DataSource"/> names it before opening, the write turn's key).</summary>
    private static FileLog FileOf(string connectionString) => ByConnectionString.GetOrAdd(connectionString, static cs =>
        Files.GetOrAdd(new SqliteConnectionStringBuilder(cs).DataSource, static dataSource =>
        {
            lock (Files)
            {
                var file = new FileLog(byId.Length, dataSource);
                Volatile.Write(ref byId, [.. byId, file]);
                return file;
            }
        }));

    /// <summary>
    /// Replaces SQLite's automatic checkpoint on <paramref name="connection"/> with the counting hook (false: it keeps
    /// SQLite's, as for an in-memory database or a SQLite library other than the bundled one).
    /// </summary>
    internal static bool Watch(SqliteConnection connection)
    {
        if (!BundledLibrary.Value || connection.Handle is not { } handle)
            return false;
        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        if (builder.DataSource is "" or ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return false;
        var file = FileOf(connection.ConnectionString);
        sqlite3_wal_hook(handle.DangerousGetHandle(), HookPointer, file.Id);
        return true;
    }

    /// <summary>Whether SQLite is the bundled e_sqlite3, whose hooks this process calls directly (the busy handler's too).</summary>
    internal static readonly Lazy<bool> BundledLibrary = new(() =>
    {
        try
        {
            return SQLitePCL.raw.GetNativeLibraryName() == "e_sqlite3" && NativeLibrary.TryLoad("e_sqlite3", typeof(SqliteCheckpointer).Assembly, null, out _);
        }
        catch (Exception)
        {
            return false;
        }
    });

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalHook(IntPtr argument, IntPtr db, IntPtr schema, int pages);

    private static readonly WalHook Hook = OnCommit;
    private static readonly IntPtr HookPointer = Marshal.GetFunctionPointerForDelegate(Hook);

    /// <summary>SQLite's WAL hook: called after each commit of the connection, the write lock released, in the committer's thread.</summary>
    private static int OnCommit(IntPtr argument, IntPtr db, IntPtr schema, int pages)
    {
        try
        {
            var files = Volatile.Read(ref byId);
            var id = (int)argument;
            if (id >= 0 && id < files.Length)
                files[id].Committed(db, schema, pages);
        }
        catch (Exception)
        {
            // Never into SQLite's stack; the next commit reports the log again.
        }
        return SqliteOk;
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_wal_hook(IntPtr db, IntPtr callback, IntPtr argument);

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_wal_checkpoint_v2(IntPtr db, IntPtr schema, int mode, out int log, out int checkpointed);
}
