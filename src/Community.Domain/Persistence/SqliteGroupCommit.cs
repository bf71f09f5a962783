using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Persistence;

/// <summary>
/// Group commit for small, frequent writes on SQLite (docs/decisions/0008). One writer per file holds one transaction
/// and gives it to the waiting units in turn: each unit runs its writes on the writer's connection inside a savepoint of
/// its own (a refusal or a constraint rolls back that unit only), and the writer commits once for all of them when
/// nobody else is waiting (or after <see cref="MaxBatch"/> units). No unit's caller goes on before that COMMIT: its
/// CommitAsync returns after it, and only then run the side effects its interceptors held (<see cref="IAfterCommit"/>).
/// If the COMMIT fails, every unit of the batch is told to run again alone (<see cref="RetryAloneException"/>,
/// handled by <see cref="UnitOfWork.RunGroupCommittedAsync{T}"/>).
/// A batch holds the process's write turn (<see cref="SqliteWriterQueue"/>) from BEGIN IMMEDIATE to COMMIT, so
/// writers that do not batch wait for it as they wait for each other.
/// The writer keeps its connection, and with it the statements units prepared on it (<see cref="SqlitePrepared"/>), from
/// one batch to the next while units keep coming: a run of batches waits <see cref="Linger"/> for more once nobody is
/// waiting (outside the write turn) before it closes the connection and ends, as the batch writers' runs do
/// (<see cref="SqliteBatchWriter{TWrite, TResult, TStatements}"/>). A batch that failed (its COMMIT, a unit's rollback)
/// closes the connection, whatever state SQLite left it in: the next batch, and every unit's retry alone, starts on a
/// fresh connection; a BEGIN that fails on a kept connection is tried once more on a fresh one.
/// </summary>
internal sealed class SqliteGroupCommit
{
    public const int MaxBatch = 64;
    private const string UnitSavepoint = "group_commit_unit";

    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Files = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<DbContext, Membership> Members = new();

    private readonly string dataSource;
    private readonly Queue<Ticket> waiting = new();
    private readonly SemaphoreSlim arrived = new(0);
    private bool running;
    private bool lingering;
    private bool stopLingering;
    private Task lastRun = Task.CompletedTask;
    private long runs;
    private long connections;
    private long batches;
    private long committedUnits;
    private long enqueued;
    private long turnTicks;
    private long commitTicks;

    private SqliteGroupCommit(string dataSource) => this.dataSource = dataSource;

    /// <summary>The writer of one database file (its full path, as <see cref="SqliteConnection.DataSource"/> gives it).</summary>
    public static SqliteGroupCommit For(string dataSource) => Files.GetOrAdd(dataSource, file => new SqliteGroupCommit(file));

    /// <summary>Batches committed and units in them, since the process started: what the tests observe.</summary>
    public (long Batches, long Units) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref committedUnits));

    /// <summary>Time spent inside units' turns and in COMMITs, since the process started (where a batch's time goes).</summary>
    public (TimeSpan InTurns, TimeSpan Committing) Spent => (TimeSpan.FromTicks(Interlocked.Read(ref turnTicks)), TimeSpan.FromTicks(Interlocked.Read(ref commitTicks)));

    /// <summary>Units that have asked for a turn, since the process started.</summary>
    public long Enqueued => Interlocked.Read(ref enqueued);

    /// <summary>Runs of batches started, and connections the writer opened, since the process started.</summary>
    public (long Runs, long Connections) Opened => (Interlocked.Read(ref runs), Interlocked.Read(ref connections));

    /// <summary>
    /// How long a run waits for more units once nobody is waiting, with its connection and its prepared statements,
    /// before it closes them and ends (tests lengthen it). Under load the callers whose answers were just committed send
    /// their next ones within about a millisecond; with batches of 2–3 answers, a connection a batch compiled every
    /// statement of the answer's turn (the INSERT into Posts with its triggers) every 2–3 answers.
    /// </summary>
    internal TimeSpan Linger { get; set; } = DefaultLinger;

    /// <summary>The batch writers' linger (<see cref="SqliteBatchWriter{TWrite, TResult, TStatements}"/>), for the same reason.</summary>
    internal static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Ends a lingering run now: it looks at the queue once more with no wait, and closes its connection if nobody is
    /// waiting. Returns when the run that was going has ended (a later unit starts the next run). For a host that stops
    /// and for tests.
    /// </summary>
    internal Task StopLingeringAsync()
    {
        Task run;
        bool wake;
        lock (waiting)
        {
            run = lastRun;
            if (!running)
                return run;
            stopLingering = true;
            wake = lingering;
            lingering = false;
        }
        if (wake)
            arrived.Release();
        return run;
    }

    /// <summary>From now on this context's write transactions join a batch; <paramref name="alone"/>: a batch of its own.</summary>
    public static void Join(DbContext db, bool alone) => Members.AddOrUpdate(db, new Membership(alone));

    public static void Leave(DbContext db) => Members.Remove(db);

    public static bool IsMember(DbContext db, out bool alone)
    {
        alone = Members.TryGetValue(db, out var membership) && membership.Alone;
        return membership is not null;
    }

    /// <summary>The unit's write transaction: waits for its turn in a batch, then runs on the batch's connection.</summary>
    public static async Task<IDbContextTransaction> BeginAsync(CommunityDbContext db, bool alone, CancellationToken cancellationToken)
    {
        var writer = For(db.Database.GetDbConnection().DataSource);
        var ticket = new Ticket(db.Database.GetConnectionString()!, alone);
        writer.Enqueue(ticket);
        SqliteTransaction transaction;
        await using (cancellationToken.Register(() => ticket.Granted.TrySetCanceled(cancellationToken)))
            transaction = await ticket.Granted.Task;

        var attached = false;
        try
        {
            db.Database.SetDbConnection(transaction.Connection, contextOwnsConnection: false);
            attached = true;
            await db.Database.UseTransactionAsync(transaction, CancellationToken.None);
            await transaction.SaveAsync(UnitSavepoint, CancellationToken.None);
        }
        catch
        {
            if (attached)
                Detach(db, ticket);
            ticket.TurnEnded.TrySetResult(Outcome.RolledBack);
            throw;
        }
        return new GroupedTransaction(db, ticket, transaction);
    }

    private void Enqueue(Ticket ticket)
    {
        Interlocked.Increment(ref enqueued);
        bool wake;
        lock (waiting)
        {
            waiting.Enqueue(ticket);
            wake = lingering;
            lingering = false;
            if (running)
            {
                if (wake)
                    arrived.Release();
                return;
            }
            running = true;
            Interlocked.Increment(ref runs);
            lastRun = Task.Run(RunAsync);
        }
    }

    /// <summary>The next live ticket. A ticket to run alone never joins a batch already begun.</summary>
    private bool TryNext(bool first, [NotNullWhen(true)] out Ticket? ticket)
    {
        lock (waiting)
        {
            while (waiting.TryPeek(out ticket))
            {
                if (ticket.Granted.Task.IsCanceled)
                {
                    waiting.Dequeue();
                    continue;
                }
                if (!first && ticket.Alone)
                    break;
                waiting.Dequeue();
                return true;
            }
            ticket = null;
            return false;
        }
    }

    /// <summary>
    /// Whether units wait, after at most <see cref="Linger"/> outside the write turn; false ends the run (a unit that
    /// comes after that starts the next one).
    /// </summary>
    private async Task<bool> WaitingAsync()
    {
        lock (waiting)
        {
            if (waiting.Count > 0)
                return true;
            if (stopLingering)
                return Ended();
            lingering = true;
        }
        while (true)
        {
            var woken = await arrived.WaitAsync(Linger);
            lock (waiting)
            {
                if (waiting.Count > 0)
                {
                    lingering = false;
                    return true;
                }
                // The linger is over, or StopLingeringAsync ended it.
                if (!woken || stopLingering)
                    return Ended();
                // A wake-up left over from a unit taken meanwhile: wait again.
            }
        }

        bool Ended()
        {
            lingering = false;
            stopLingering = false;
            running = false;
            return false;
        }
    }

    /// <summary>Batches while units wait, on one connection kept from batch to batch. Throws nothing.</summary>
    private async Task RunAsync()
    {
        Writer? writer = null;
        try
        {
            while (await WaitingAsync())
                if (TryNext(first: true, out var first))
                    writer = await BatchAsync(first, writer);
        }
        finally
        {
            if (writer is not null)
                await writer.Connection.DisposeAsync();
        }
    }

    private async Task<Writer> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        Interlocked.Increment(ref connections);
        try
        {
            await connection.OpenAsync();
            SqliteConnectionSettings.Apply(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return new Writer(connection, connectionString);
    }

    /// <summary>The run's connection and the connection string it was opened with.</summary>
    private sealed record Writer(SqliteConnection Connection, string ConnectionString);

    /// <summary>
    /// BEGIN IMMEDIATE on the run's connection (a new one if there is none, or if the first unit names another
    /// connection string), every waiting unit in turn, one COMMIT. Completes every ticket it took; throws nothing.
    /// Returns the connection for the next batch, or null when it was closed.
    /// </summary>
    private async Task<Writer?> BatchAsync(Ticket first, Writer? writer)
    {
        var turn = SqliteWriterQueue.TurnOf(dataSource);
        var entered = await turn.WaitAsync(SqliteWriterQueue.Patience);
        if (writer is not null && !string.Equals(writer.ConnectionString, first.ConnectionString, StringComparison.Ordinal))
        {
            await writer.Connection.DisposeAsync();
            writer = null;
        }
        SqliteTransaction? transaction = null;
        while (transaction is null)
        {
            var kept = writer is not null;
            try
            {
                writer ??= await OpenAsync(first.ConnectionString);
                transaction = writer.Connection.BeginTransaction(deferred: false);
            }
            catch (Exception e)
            {
                if (writer is not null)
                    await writer.Connection.DisposeAsync();
                writer = null;
                // A kept connection may be what failed (a unit before left it reading an old snapshot): once more on a
                // fresh one. A fresh one that fails fails the first unit, as when every batch opened its own.
                if (kept)
                    continue;
                if (entered)
                    turn.Release();
                first.Granted.TrySetException(e);
                return null;
            }
        }
        var connection = writer!.Connection; // the transaction began on it
        var began = Stopwatch.GetTimestamp();

        var taken = new List<Ticket>();
        var released = 0;
        Exception? failure = null;
        try
        {
            var ticket = first;
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                if (ticket.Granted.TrySetResult(transaction))
                {
                    taken.Add(ticket);
                    var outcome = await ticket.TurnEnded.Task;
                    Interlocked.Add(ref turnTicks, Stopwatch.GetElapsedTime(started).Ticks);
                    if (outcome == Outcome.Broken)
                    {
                        failure = new InvalidOperationException("A unit's rollback failed, leaving the batch's transaction unusable.");
                        break;
                    }
                    if (outcome == Outcome.Released)
                        released++;
                }
                if (first.Alone || taken.Count >= MaxBatch || !TryNext(first: false, out ticket))
                    break;
            }
            if (failure is null)
            {
                var committing = Stopwatch.GetTimestamp();
                await transaction.CommitAsync();
                Interlocked.Add(ref commitTicks, Stopwatch.GetElapsedTime(committing).Ticks);
            }
        }
        catch (Exception e)
        {
            failure = e;
        }
        if (failure is not null)
            Quietly(transaction.Rollback);
        Quietly(transaction.Dispose);
        if (failure is not null || StatementLeftRunning(connection))
        {
            // Whatever SQLite left of it (a COMMIT that failed, a rollback that failed, a unit's statement interrupted by
            // its cancellation) stays with this batch: the next one, and the units' retries alone, begin on a fresh one.
            await connection.DisposeAsync();
            writer = null;
        }
        SqliteWriteHolds.Ended(began, $"a group commit of {taken.Count}");
        if (entered)
            turn.Release();
        if (failure is null)
        {
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref committedUnits, released);
        }
        foreach (var ticket in taken)
            ticket.BatchEnded.TrySetResult(failure);
        return writer;
    }

    /// <summary>
    /// Whether a statement of the connection is still running after the COMMIT (a reader a unit left open): it would hold
    /// its snapshot into the next batch, whose BEGIN IMMEDIATE would then wait out the busy timeout once another writer
    /// has committed. SQLite's own list of the connection's statements (FTS5's internal ones included, which SQLitePCL
    /// does not know); if the native library is not the bundled one, nothing is known and the connection is kept (a BEGIN
    /// that fails on it is tried again on a fresh one).
    /// </summary>
    private static bool StatementLeftRunning(SqliteConnection connection)
    {
        try
        {
            if (connection.Handle is not { } handle)
                return true;
            var db = handle.DangerousGetHandle();
            for (var statement = Native.sqlite3_next_stmt(db, IntPtr.Zero); statement != IntPtr.Zero; statement = Native.sqlite3_next_stmt(db, statement))
                if (Native.sqlite3_stmt_busy(statement) != 0)
                    return true;
            return false;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    private static class Native
    {
        [System.Runtime.InteropServices.DllImport("e_sqlite3")]
        public static extern IntPtr sqlite3_next_stmt(IntPtr db, IntPtr statement);

        [System.Runtime.InteropServices.DllImport("e_sqlite3")]
        public static extern int sqlite3_stmt_busy(IntPtr statement);
    }

    /// <summary>SQLite may already have rolled back a transaction whose COMMIT failed.</summary>
    private static void Quietly(Action action)
    {
        try { action(); }
        catch (SqliteException) { }
        catch (InvalidOperationException) { }
    }

    /// <summary>Gives the context a connection of its own again, off the batch's.</summary>
    private static void Detach(CommunityDbContext db, Ticket ticket)
    {
        try
        {
            db.Database.CurrentTransaction?.Dispose();
        }
        finally
        {
            db.Database.SetDbConnection(new SqliteConnection(ticket.ConnectionString), contextOwnsConnection: true);
        }
    }

    private sealed record Membership(bool Alone);

    private enum Outcome
    {
        Released,
        RolledBack,
        Broken,
    }

    private sealed class Ticket(string connectionString, bool alone)
    {
        public string ConnectionString => connectionString;
        public bool Alone => alone;
        // A unit whose turn comes continues inline, on the writer's thread: as SQLite's calls complete synchronously,
        // a batch usually runs all its turns on that thread, with no wait for the thread pool between units (on a
        // loaded machine each wait costs milliseconds). The writer resumes on the pool only after a unit truly awaited.
        public TaskCompletionSource<SqliteTransaction> Granted { get; } = new();
        public TaskCompletionSource<Outcome> TurnEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        /// <summary>Null once the batch committed; otherwise why it did not.</summary>
        public TaskCompletionSource<Exception?> BatchEnded { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// When the host stops, the file's writer closes its connection at once instead of lingering: by the time the host
    /// is disposed (and tests clear the pools and delete the file) no batch connection of it is open.
    /// </summary>
    internal sealed class StopOnShutdown(string connectionString) : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) =>
            For(new SqliteConnectionStringBuilder(connectionString).DataSource).StopLingeringAsync().WaitAsync(cancellationToken);
    }

    /// <summary>The batch's COMMIT failed: the unit must run again, in a batch of its own.</summary>
    public sealed class RetryAloneException(Exception? inner)
        : Exception("The group commit failed; the unit of work runs again alone.", inner);

    /// <summary>What the unit's code holds: ending it ends the unit's turn; its commit returns after the batch's.</summary>
    private sealed class GroupedTransaction(CommunityDbContext db, Ticket ticket, SqliteTransaction transaction) : IDbContextTransaction, IInfrastructure<DbTransaction>
    {
        private bool ended;

        public Guid TransactionId { get; } = Guid.NewGuid();
        public bool SupportsSavepoints => true;
        DbTransaction IInfrastructure<DbTransaction>.Instance => transaction;

        public void Commit() => CommitAsync().GetAwaiter().GetResult();

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            if (ended)
                throw new InvalidOperationException("This unit's transaction has already ended.");
            try
            {
                await transaction.ReleaseAsync(UnitSavepoint, CancellationToken.None);
            }
            catch
            {
                EndTurn();
                throw;
            }
            ended = true;
            var afterCommit = AfterCommit.Take(db);
            try
            {
                Detach(db, ticket);
            }
            finally
            {
                ticket.TurnEnded.TrySetResult(Outcome.Released);
            }
            if (await ticket.BatchEnded.Task is { } failure)
            {
                if (ticket.Alone)
                    ExceptionDispatchInfo.Throw(failure);
                throw new RetryAloneException(failure);
            }
            foreach (var action in afterCommit)
                await action(cancellationToken);
        }

        public void Rollback() => RollbackAsync().GetAwaiter().GetResult();

        /// <summary>Rolls this unit back and returns once the batch has ended, so what the unit reads next is committed.</summary>
        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            if (ended)
                return;
            EndTurn();
            await ticket.BatchEnded.Task;
        }

        private void EndTurn()
        {
            ended = true;
            var outcome = Outcome.RolledBack;
            try
            {
                transaction.Rollback(UnitSavepoint);
                transaction.Release(UnitSavepoint);
            }
            catch (Exception)
            {
                outcome = Outcome.Broken;
            }
            AfterCommit.Take(db); // dropped: nothing of this unit commits
            try
            {
                Detach(db, ticket);
            }
            finally
            {
                ticket.TurnEnded.TrySetResult(outcome);
            }
        }

        public void CreateSavepoint(string name) => transaction.Save(name);
        public Task CreateSavepointAsync(string name, CancellationToken cancellationToken = default) => transaction.SaveAsync(name, cancellationToken);
        public void RollbackToSavepoint(string name) => transaction.Rollback(name);
        public Task RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default) => transaction.RollbackAsync(name, cancellationToken);
        public void ReleaseSavepoint(string name) => transaction.Release(name);
        public Task ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default) => transaction.ReleaseAsync(name, cancellationToken);

        public void Dispose()
        {
            if (!ended)
                EndTurn();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
