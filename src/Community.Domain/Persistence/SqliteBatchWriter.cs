namespace Community.Domain.Persistence;

/// <summary>A write handed to a <see cref="SqliteBatchWriter{TWrite, TResult, TStatements}"/>: its database and its waiting caller.</summary>
internal interface IPendingWrite<TResult>
{
    string ConnectionString { get; }
    TaskCompletionSource<TResult> Done { get; }
}

/// <summary>
/// The run machinery of the SQLite writers that apply writes as data, in batches (docs/decisions/0011: votes,
/// acceptances), one writer per database file. A run takes every write waiting (at most the writer's batch size) once
/// the process's write turn (<see cref="SqliteWriterQueue"/>) is its own, so writes that came while another writer held
/// it join; the subclass applies the batch in one transaction on statements prepared once per run. No caller goes on
/// before its batch's COMMIT. If the COMMIT fails, the connection may be unusable: each write of the batch is applied
/// again alone on a fresh one, so one cannot fail the others; a batch that throws is treated the same way. A run waits
/// <see cref="Linger"/> for more writes once the queue is empty before it ends and gives up its connection.
/// </summary>
internal abstract class SqliteBatchWriter<TWrite, TResult, TStatements>(string dataSource, int maxBatch)
    where TWrite : IPendingWrite<TResult>
    where TStatements : class, IDisposable
{
    /// <summary>
    /// How long a run waits for more writes once the queue is empty, with its connection and statements, before it ends.
    /// The callers whose writes were just committed send their next ones within about a millisecond under load; without
    /// the wait nearly every batch was a run of its own (901 runs for 1,112 batches in a 10-s votes benchmark phase),
    /// each opening the connection and preparing its statements again.
    /// </summary>
    internal static readonly TimeSpan DefaultLinger = TimeSpan.FromMilliseconds(5);

    private readonly Queue<TWrite> waiting = new();
    private readonly SemaphoreSlim arrived = new(0);
    private bool running;
    private bool lingering;
    private long enqueued;
    private long runs;

    /// <summary>How long a run of this writer waits for more writes (<see cref="DefaultLinger"/>; tests lengthen it).</summary>
    internal TimeSpan Linger { get; set; } = DefaultLinger;

    /// <summary>Runs started (each opens the connection and prepares the statements), since the process started.</summary>
    public long Runs => Interlocked.Read(ref runs);

    /// <summary>Writes handed to the writer, since the process started.</summary>
    public long Enqueued => Interlocked.Read(ref enqueued);

    /// <summary>Ends a lingering run now (for tests that lengthened <see cref="Linger"/>): it looks at the queue again with no wait.</summary>
    internal void StopLingering()
    {
        lock (waiting)
        {
            if (!lingering)
                return;
            lingering = false;
        }
        arrived.Release();
    }

    /// <summary>Applies the write in the next batch; completes after that batch's COMMIT.</summary>
    public async Task<TResult> ApplyAsync(TWrite write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref enqueued);
        bool start, wake;
        lock (waiting)
        {
            waiting.Enqueue(write);
            start = !running;
            running = true;
            wake = lingering;
            lingering = false;
        }
        if (start)
        {
            Interlocked.Increment(ref runs);
            _ = Task.Run(RunAsync);
        }
        else if (wake)
            arrived.Release();
        await using (cancellationToken.Register(() => write.Done.TrySetCanceled(cancellationToken)))
            return await write.Done.Task;
    }

    /// <summary>Opens the connection of a run and prepares its statements.</summary>
    protected abstract TStatements Prepare(string connectionString);

    /// <summary>One transaction for the batch, in the write turn; on failure to commit, why (and no write completed).</summary>
    protected abstract Exception? Batch(TStatements statements, List<TWrite> batch);

    /// <summary>The writes waiting (at most the batch size), without those whose callers gave up; null when none.</summary>
    private List<TWrite>? Take()
    {
        lock (waiting)
        {
            var batch = new List<TWrite>();
            while (batch.Count < maxBatch && waiting.TryDequeue(out var write))
                if (!write.Done.Task.IsCompleted)
                    batch.Add(write);
            return batch.Count > 0 ? batch : null;
        }
    }

    /// <summary>
    /// Whether writes wait, after at most <see cref="Linger"/> outside the write turn; false ends the run (a write handed
    /// over after that starts the next one).
    /// </summary>
    private async Task<bool> WaitingAsync()
    {
        lock (waiting)
        {
            if (waiting.Count > 0)
                return true;
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
                if (!woken)
                {
                    lingering = false;
                    running = false;
                    return false;
                }
                // A wake-up left over from a write that was taken meanwhile: wait again.
                lingering = true;
            }
        }
    }

    /// <summary>Batches while writes wait, on one connection with its statements prepared once. Throws nothing.</summary>
    private async Task RunAsync()
    {
        TStatements? statements = null;
        var turn = SqliteWriterQueue.TurnOf(dataSource);
        try
        {
            while (await WaitingAsync())
            {
                var entered = await turn.WaitAsync(SqliteWriterQueue.Patience);
                var began = System.Diagnostics.Stopwatch.GetTimestamp();
                var taken = 0;
                try
                {
                    if (Take() is not { } batch)
                        continue;
                    taken = batch.Count;
                    try
                    {
                        statements ??= Prepare(batch[0].ConnectionString);
                    }
                    catch (Exception e)
                    {
                        foreach (var write in batch)
                            write.Done.TrySetException(e);
                        continue;
                    }
                    if (BatchOrException(statements, batch) is null)
                        continue;
                    // The COMMIT failed, or the batch threw: the connection may be unusable, and one write may be the
                    // cause. Each is applied again alone on a fresh connection, so one cannot fail the others.
                    statements.Dispose();
                    statements = null;
                    foreach (var write in batch)
                    {
                        // Completed: its caller gave up meanwhile, or a batch that threw after its COMMIT had told it.
                        if (write.Done.Task.IsCompleted)
                            continue;
                        try
                        {
                            statements ??= Prepare(write.ConnectionString);
                            if (BatchOrException(statements, [write]) is { } alone)
                            {
                                write.Done.TrySetException(alone);
                                statements.Dispose();
                                statements = null;
                            }
                        }
                        catch (Exception e)
                        {
                            write.Done.TrySetException(e);
                        }
                    }
                }
                finally
                {
                    if (taken > 0)
                        SqliteWriteHolds.Ended(began, $"{GetType().Name} of {taken}");
                    if (entered)
                        turn.Release();
                }
            }
        }
        catch (Exception e)
        {
            // Nothing above should throw. If something does, the writes still waiting fail with it instead of waiting for
            // a run that has ended, and the next write starts a new run.
            lock (waiting)
            {
                running = false;
                lingering = false;
                while (waiting.TryDequeue(out var write))
                    write.Done.TrySetException(e);
            }
        }
        finally
        {
            statements?.Dispose();
        }
    }

    /// <summary>
    /// <see cref="Batch"/>, with an exception it throws returned as a failure like a failed COMMIT's: a batch that threw
    /// ended the run before, and every write of it, and every write after it, waited forever.
    /// </summary>
    private Exception? BatchOrException(TStatements statements, List<TWrite> batch)
    {
        try
        {
            return Batch(statements, batch);
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
