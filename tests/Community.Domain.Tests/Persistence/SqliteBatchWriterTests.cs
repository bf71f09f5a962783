using Community.Domain.Persistence;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// The batch writers' run machinery (votes, acceptances) with a writer whose batch can throw: no database, no write turn
/// shared with another test (each writer has a file name of its own).
/// </summary>
public sealed class SqliteBatchWriterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A bound on the waits, so that a writer that hangs fails the test instead of the run: never reached when it works.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_batch_that_throws_fails_only_its_poisoned_write_and_the_writer_goes_on()
    {
        var writer = new ThrowingWriter();
        writer.HoldNextBatch();
        var first = writer.ApplyAsync(new Write(1), Ct);
        await writer.BatchStarted.WaitAsync(Bound, Ct);
        // These two wait while the first batch is held, so they make the next batch together: one of them throws.
        var poisoned = writer.ApplyAsync(new Write(-1), Ct);
        var healthy = writer.ApplyAsync(new Write(2), Ct);
        writer.ReleaseBatch();

        Assert.Equal(1, await first.WaitAsync(Bound, Ct));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => poisoned.WaitAsync(Bound, Ct));
        Assert.Equal("poisoned write", error.Message);
        // Applied again alone on fresh statements, the healthy write of the batch that threw succeeds.
        Assert.Equal(2, await healthy.WaitAsync(Bound, Ct));
        Assert.Equal(3, await writer.ApplyAsync(new Write(3), Ct).WaitAsync(Bound, Ct));
        Assert.Contains(writer.Batches, batch => batch.SequenceEqual([-1, 2]));
        Assert.True(writer.Disposed >= 1, "the statements of the batch that threw are disposed");
    }

    [Fact]
    public async Task A_write_that_throws_alone_fails_alone_and_later_writes_are_applied()
    {
        var writer = new ThrowingWriter();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.ApplyAsync(new Write(-1), Ct).WaitAsync(Bound, Ct));

        Assert.Equal(7, await writer.ApplyAsync(new Write(7), Ct).WaitAsync(Bound, Ct));
    }

    private sealed record Write(int Value) : IPendingWrite<int>
    {
        public string ConnectionString => "Data Source=unused";
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Statements(ThrowingWriter owner) : IDisposable
    {
        public void Dispose() => Interlocked.Increment(ref owner.Disposed);
    }

    /// <summary>Applies a batch by completing each write with its value; a negative value throws out of the batch.</summary>
    private sealed class ThrowingWriter() : SqliteBatchWriter<Write, int, Statements>($"batch-writer-test-{Guid.NewGuid():N}", maxBatch: 8)
    {
        private TaskCompletionSource? hold;
        private TaskCompletionSource? release;
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Disposed;

        public List<int[]> Batches { get; } = [];

        public Task BatchStarted => started.Task;

        public void HoldNextBatch() => hold = release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void ReleaseBatch() => release!.TrySetResult();

        protected override Statements Prepare(string connectionString) => new(this);

        protected override Exception? Batch(Statements statements, List<Write> batch)
        {
            lock (Batches)
                Batches.Add(batch.Select(w => w.Value).ToArray());
            started.TrySetResult();
            if (Interlocked.Exchange(ref hold, null) is { } held)
                held.Task.Wait(Bound);
            if (batch.Any(w => w.Value < 0))
                throw new InvalidOperationException("poisoned write");
            foreach (var write in batch)
                write.Done.TrySetResult(write.Value);
            return null;
        }
    }
}
