using Community.Bench.Load;

namespace Community.Bench.Tests;

/// <summary>The open loop the page and posting scenarios share (<see cref="LoadGenerator.OpenLoopAsync(double, TimeSpan, Func{int, Task{ValueTuple{bool, string}}})"/>).</summary>
public sealed class OpenLoopTests
{
    [Fact]
    public async Task StartsEveryOperationWhenDueEvenWhileEarlierOnesAreUnfinished()
    {
        // 20 operations over 0.1 s; the first cannot finish before the last has started: a closed loop would stall.
        var lastStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var result = await LoadGenerator.OpenLoopAsync(200, TimeSpan.FromSeconds(0.1), async index =>
        {
            if (Interlocked.Increment(ref started) == 20)
                lastStarted.SetResult();
            if (index == 0)
                await lastStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            return (index != 7, index == 7 ? "seven" : null);
        });

        Assert.Equal(20, started);
        Assert.Equal(19, result.Ok);
        Assert.Equal(1, result.Failed);
        Assert.Equal("seven", result.FirstFailure);
        Assert.Equal(200, result.OfferedPerSecond);
        // The first one waited for the last one's due time (95 ms after its own): counted from its due time.
        Assert.True(result.Latency.Samples.Max() >= 90, $"max latency {result.Latency.Samples.Max()} ms");
    }
}
