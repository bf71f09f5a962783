using System.Diagnostics;
using System.Net;

namespace Community.Bench.Load;

/// <summary>One request the load generator sends: a path, and a cookie for a signed-in member.</summary>
public sealed record LoadRequest(string Path, string? Cookie = null);

/// <summary>What a load phase measured: completed requests per second and their latencies (ms).</summary>
public sealed record LoadResult(double PerSecond, Timing Latency, int Ok, int Failed, double Seconds, double OfferedPerSecond = 0)
{
    public string? FirstFailure { get; init; }
}

/// <summary>
/// HTTP/1.1 keep-alive load on one server. Closed loop (N workers, each sends when its last reply came) measures the
/// most a server does; open loop (requests sent at fixed times whatever the replies, latency counted from the time a
/// request was due, not the time it went out) shows queueing, which a closed loop hides.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    // Where each request list was left: a later phase on the same list goes on with requests not sent yet (a page
    // with a query string of its own is an output-cache miss only the first time).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, System.Runtime.CompilerServices.StrongBox<long>> Cursors = new();

    private static long Next(IReadOnlyList<LoadRequest> requests) =>
        Interlocked.Increment(ref Cursors.GetValue(requests, _ => new System.Runtime.CompilerServices.StrongBox<long>(-1)).Value);

    private readonly HttpClient client;
    private readonly Uri baseAddress;

    public LoadGenerator(Uri baseAddress, int connections = 256)
    {
        this.baseAddress = baseAddress;
        client = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
        })
        { Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task<(int Status, byte[] Body)> GetAsync(LoadRequest request, CancellationToken cancellationToken = default)
    {
        using var message = Message(request);
        using var response = await client.SendAsync(message, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>True when the reply came from ASP.NET Core's output cache (it adds an Age header to what it serves).</summary>
    public async Task<bool> ServedFromCacheAsync(LoadRequest request, CancellationToken cancellationToken = default)
    {
        using var message = Message(request);
        using var response = await client.SendAsync(message, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode && response.Headers.Age is not null;
    }

    private HttpRequestMessage Message(LoadRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, request.Path)) { Version = HttpVersion.Version11 };
        if (request.Cookie is not null)
            message.Headers.Add("Cookie", request.Cookie);
        return message;
    }

    /// <summary>Sends one request and reads the whole body; true for a 2xx reply.</summary>
    private async Task<(bool Ok, string? Failure)> SendAsync(LoadRequest request)
    {
        try
        {
            using var message = Message(request);
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16_384);
            try
            {
                while (await stream.ReadAsync(buffer) > 0)
                {
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300 ? (true, null) : (false, $"{status} for {request.Path}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return (false, $"{e.GetType().Name}: {e.Message} ({request.Path})");
        }
    }

    public async Task<LoadResult> ClosedLoopAsync(IReadOnlyList<LoadRequest> requests, int workers, TimeSpan duration)
    {
        var ok = 0;
        var failed = 0;
        string? firstFailure = null;
        var samples = new List<double>[workers];
        var clock = Stopwatch.StartNew();
        var deadline = duration.TotalMilliseconds;
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = new List<double>(4_096);
            while (clock.Elapsed.TotalMilliseconds < deadline)
            {
                var request = requests[(int)(Next(requests) % requests.Count)];
                var start = Stopwatch.GetTimestamp();
                var (success, failure) = await SendAsync(request);
                if (success)
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoadResult(ok / seconds, new Timing(samples.SelectMany(s => s).ToList()), ok, failed, seconds) { FirstFailure = firstFailure };
    }

    /// <summary>
    /// Sends <paramref name="perSecond"/> requests a second for <paramref name="duration"/>, each at its due time (the
    /// timer wakes about every millisecond and sends every request that has come due), and measures each from that time.
    /// </summary>
    public Task<LoadResult> OpenLoopAsync(IReadOnlyList<LoadRequest> requests, double perSecond, TimeSpan duration) =>
        OpenLoopAsync(perSecond, duration, _ => SendAsync(requests[(int)(Next(requests) % requests.Count)]));

    /// <summary>
    /// Open loop for any operation (HTTP requests above, the bench's in-process writes): operation <c>i</c> is due at
    /// <c>i ÷ perSecond</c> seconds, is started then on the thread pool whatever the earlier ones are doing, and its
    /// latency is counted from its due time, so waiting behind earlier operations shows.
    /// </summary>
    public static async Task<LoadResult> OpenLoopAsync(double perSecond, TimeSpan duration, Func<int, Task<(bool Ok, string? Failure)>> operation)
    {
        var total = Math.Max(1, (int)(perSecond * duration.TotalSeconds));
        var latencies = new double[total];
        var succeeded = new bool[total];
        string? firstFailure = null;
        var tasks = new List<Task>(total);
        var start = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / perSecond;
        for (var i = 0; i < total;)
        {
            var now = Stopwatch.GetTimestamp();
            while (i < total && start + (long)(i * interval) <= now)
            {
                var index = i++;
                var due = start + (long)(index * interval);
                tasks.Add(Task.Run(async () =>
                {
                    var (success, failure) = await operation(index);
                    latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                    succeeded[index] = success;
                    if (!success)
                        Interlocked.CompareExchange(ref firstFailure, failure, null);
                }));
            }
            if (i < total)
            {
                var wait = (start + (long)(i * interval) - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, wait)));
            }
        }
        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var ok = succeeded.Count(s => s);
        var timing = new Timing(Enumerable.Range(0, total).Where(i => succeeded[i]).Select(i => latencies[i]).ToList());
        return new LoadResult(ok / seconds, timing, ok, total - ok, seconds, perSecond) { FirstFailure = firstFailure };
    }

    public void Dispose() => client.Dispose();
}
