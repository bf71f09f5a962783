using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Community.Bench.Load;

namespace Community.Bench.All;

/// <summary>
/// Interactive circuits, started by <see cref="BlazorCircuitClient"/> (the protocol, no browser) on signed-in question
/// pages of the 30-answer threads, against a product of their own started with <c>Bench__Diagnostics=true</c>, whose
/// <c>/_bench/memory</c> runs a full compacting collection and reports the GC heap that survives it and the circuits open.
/// Memory: the heap with a few warm circuits open, then with all of them, idle; the difference divided by the circuits
/// added is what one idle circuit retains (the warm ones keep JIT, caches and pools out of it). Activity: every circuit
/// types into the answer editor (an "input" event) every <see cref="AllOptions.CircuitEventSeconds"/>, each at its own
/// offset; latency is from the time the event was due to the render batch it caused (open loop: a late reply delays the
/// next event, and the delay counts).
/// </summary>
internal static class CircuitScenarios
{
    private const string MemoryScenario = "Interactive circuits: memory retained per idle signed-in question-page circuit";

    public static async Task RunAsync(RunContext context)
    {
        Console.WriteLine("Interactive circuits:");
        var all = context.All;
        var data = context.Data;
        await using var product = await Servers.StartProductAsync(context, logCommands: false, new Dictionary<string, string> { ["Bench__Diagnostics"] = "true" });
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, UseProxy = false, MaxConnectionsPerServer = 32 })
        {
            BaseAddress = product.Address, Timeout = TimeSpan.FromMinutes(2),
        };
        var cookies = new List<string>();
        foreach (var email in data.MemberEmails.Take(all.Smoke ? 2 : 16))
            cookies.Add(await Servers.SignInAsync(product.Address, email, DatasetWriter.Password));

        var target = all.Circuits;
        var warm = Math.Clamp(target / 20, 1, 20);
        var clients = new ConcurrentBag<BlazorCircuitClient>();
        var failures = new ConcurrentBag<string>();
        var started = 0;
        var startTime = new ConcurrentBag<double>();
        var timeout = TimeSpan.FromSeconds(all.Smoke ? 60 : 120);

        async Task StartAsync(int from, int to)
        {
            // A few at once, as tabs open: each is a signed-in page render, then a circuit.
            await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            {
                var (_, path) = data.HotQuestions[i % data.HotQuestions.Count];
                var cookie = cookies[i % cookies.Count];
                try
                {
                    var clock = Stopwatch.StartNew();
                    using var request = new HttpRequestMessage(HttpMethod.Get, path);
                    request.Headers.Add("Cookie", cookie);
                    using var response = await http.SendAsync(request);
                    response.EnsureSuccessStatusCode();
                    var html = await response.Content.ReadAsStringAsync();
                    var client = await BlazorCircuitClient.StartAsync(product.Address, cookie, new Uri(product.Address, path), html, timeout);
                    startTime.Add(clock.Elapsed.TotalMilliseconds);
                    clients.Add(client);
                    if (Interlocked.Increment(ref started) % 100 == 0)
                        Console.WriteLine($"  {started:N0} circuits started");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failures.Add($"{e.GetType().Name}: {e.Message}");
                }
            });
        }

        var settle = TimeSpan.FromSeconds(all.Smoke ? 0.5 : 3);
        var (memory, others) = await context.WatchAsync(async () =>
        {
            await StartAsync(0, warm);
            await Task.Delay(settle);
            var before = await MemoryAsync(http);
            await HeapDumpAsync(product.Pid, "before");
            await StartAsync(warm, target);
            await Task.Delay(settle);
            var after = await MemoryAsync(http);
            await HeapDumpAsync(product.Pid, "after");
            return (Before: before, After: after);
        });
        var (before, after) = memory;
        var added = Environment.GetEnvironmentVariable("BENCH_CIRCUIT_CONNECT_ONLY") == "1" ? clients.Count - warm : after.Circuits - before.Circuits;
        var perCircuit = added > 0 ? (after.LiveBytes - before.LiveBytes) / (double)added / 1024 : double.NaN;
        var components = clients.IsEmpty ? 0 : clients.Max(c => c.Components);
        var startTiming = new Timing(startTime.ToList());
        Console.WriteLine($"  {after.Circuits:N0} circuits open ({clients.Count:N0} started, {failures.Count} failed{(failures.IsEmpty ? "" : ": " + failures.First())}); "
            + $"live heap {before.LiveBytes / 1048576.0:F1} MiB with {before.Circuits}, {after.LiveBytes / 1048576.0:F1} MiB with {after.Circuits}: {perCircuit:F1} KiB per circuit");
        context.Rows.Add(new ResultRow(MemoryScenario, added > 0 ? $"{perCircuit.ToString("F1", CultureInfo.InvariantCulture)} KB" : "—", "—", null,
            startTiming.Median, startTiming.P99, "≤ 100 KB", added > 0 ? perCircuit <= 100 : null, others.ToString(),
            $"GC heap after a full compacting collection (product's /_bench/memory): {before.LiveBytes / 1048576.0:F1} MiB with {before.Circuits:N0} warm circuits, "
            + $"{after.LiveBytes / 1048576.0:F1} MiB with {after.Circuits:N0} (heap {after.HeapBytes / 1048576.0:F1} MiB, working set {after.WorkingSetBytes / 1048576.0:F0} MiB); "
            + $"{components} interactive root components per page; p50/p99: page GET + circuit start to first render"
            + (failures.IsEmpty ? "" : $"; {failures.Count} circuits FAILED to start ({failures.First()})")));

        // Activity: every circuit types into the answer editor every few seconds.
        var interval = TimeSpan.FromSeconds(all.CircuitEventSeconds);
        var duration = all.Smoke ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(Math.Max(30, all.CircuitEventSeconds * 6));
        var active = clients.Where(c => c.InputHandlerId is not null).ToList();
        var latencies = new ConcurrentBag<double>();
        var eventFailures = new ConcurrentBag<string>();
        var rng = new Random(context.Options.Seed + 11);
        var offsets = active.Select(_ => rng.NextDouble()).ToList();
        var (_, activeOthers) = await context.WatchAsync(async () =>
        {
            var origin = Stopwatch.GetTimestamp();
            await Task.WhenAll(active.Select((client, i) => Task.Run(async () =>
            {
                for (var k = 0; ; k++)
                {
                    var due = (offsets[i] + k) * interval;
                    if (due >= duration)
                        return;
                    var wait = due - Stopwatch.GetElapsedTime(origin);
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait);
                    try
                    {
                        await client.InputAsync($"Typing an answer, keystroke {k} of circuit {i}: {new string('x', k % 40)}", TimeSpan.FromSeconds(30));
                        latencies.Add((Stopwatch.GetElapsedTime(origin) - due).TotalMilliseconds);
                    }
                    catch (Exception e) when (e is not OutOfMemoryException)
                    {
                        eventFailures.Add($"{e.GetType().Name}: {e.Message}");
                    }
                }
            })));
            return true;
        });
        var latency = new Timing(latencies.ToList());
        var rate = active.Count / interval.TotalSeconds;
        var circuitErrors = clients.Count(c => c.Error is not null);
        Console.WriteLine($"  {active.Count:N0} active circuits, {rate:N0} events/s offered for {duration.TotalSeconds:F0} s: p50 {latency.Median:F2} ms, p99 {latency.P99:F2} ms, "
            + $"{eventFailures.Count} failed, {circuitErrors} circuit errors");
        context.Rows.Add(new ResultRow($"Interactive circuits: {active.Count:N0} active, an event every {interval.TotalSeconds:0.##} s",
            $"{active.Count:N0} circuits", "—", null, latency.Median, latency.P99, $"{target:N0} circuits, p99 ≤ 20 ms",
            active.Count > 0 ? active.Count >= target && latency.P99 <= 20 && eventFailures.IsEmpty : null, activeOthers.ToString(),
            $"each types into the answer editor (an input event through DispatchEventAsync) every {interval.TotalSeconds:0.##} s: {rate:N0} events/s for {duration.TotalSeconds:F0} s, "
            + $"{latency.Count:N0} events; latency from the event's due time to the render batch it caused"
            + (active.Count < target ? $"; only {active.Count:N0} of {target:N0} circuits could be started" : "")
            + (eventFailures.IsEmpty ? "" : $"; {eventFailures.Count} events FAILED ({eventFailures.First()})")
            + (circuitErrors == 0 ? "" : $"; {circuitErrors} circuits reported an error ({clients.First(c => c.Error is not null).Error})")));

        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (client, _) => await client.DisposeAsync());
    }

    /// <summary>
    /// Profiling switch <c>BENCH_CIRCUIT_GCDUMP=DIR</c>: a heap dump (dotnet-gcdump) of the product at each memory point,
    /// DIR/before.gcdump and DIR/after.gcdump, so that <c>dotnet-gcdump report</c> of each shows which types an idle
    /// circuit adds.
    /// </summary>
    private static async Task HeapDumpAsync(int pid, string name)
    {
        if (Environment.GetEnvironmentVariable("BENCH_CIRCUIT_GCDUMP") is not { Length: > 0 } directory)
            return;
        Directory.CreateDirectory(directory);
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        using var dump = Process.Start(new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump",
            ["collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", Path.Combine(directory, name + ".gcdump")]))!;
        await dump.WaitForExitAsync();
    }

    private static async Task<ProductMemory> MemoryAsync(HttpClient http) =>
        await http.GetFromJsonAsync<ProductMemory>("_bench/memory")
        ?? throw new InvalidOperationException("The product's /_bench/memory answered nothing.");

    /// <summary>What the product's /_bench/memory answers (Community.Web.Endpoints.BenchMemory).</summary>
    private sealed record ProductMemory(long LiveBytes, long HeapBytes, long FragmentedBytes, long WorkingSetBytes, int Circuits, int Connected);
}
