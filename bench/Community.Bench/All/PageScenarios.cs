using Community.Bench.Load;

namespace Community.Bench.All;

/// <summary>
/// Pages under load. Throughput: closed loop, floor then product, <see cref="AllOptions.Rounds"/> rounds, the median of
/// each (interleaving spreads a change in the machine's load over both). Latency: open loop against the product at a
/// fixed offered load (<see cref="AllOptions.OfferedShare"/> of its measured throughput), from each request's due time.
/// </summary>
internal static class PageScenarios
{
    /// <summary>The tag list: 50 rows, the largest page size a reader can choose.</summary>
    public const int TagListRows = 50;

    public static LoadRequest TagListRequest(string tag) => new($"questions/tagged/{Uri.EscapeDataString(tag)}?pagesize={TagListRows}");

    public static async Task RunAsync(RunContext context, ServerProcess product, ServerProcess floor, string staticDirectory)
    {
        var data = context.Data;
        using var productLoad = new LoadGenerator(product.Address);
        using var floorLoad = new LoadGenerator(floor.Address);
        var peak = 0.0;
        using var sampler = new Timer(_ => peak = Math.Max(peak, product.ResidentMiB()), null, 0, 200);

        var questions = data.HotQuestions.Select(q => new LoadRequest(q.Path)).ToList();
        var anonymous = await CompareAsync(context, "Anonymous question page, 30 answers (uncached)", productLoad, Uncached(questions), floorLoad, questions,
            "R ≥ 0.70, p99 ≤ 10 ms", (r, p99) => r >= 0.70 && p99 <= 10, note: UncachedNote);

        var tags = Uncached(data.Tags.Select(TagListRequest).ToList());
        await CompareAsync(context, $"Question list for a tag ({TagListRows} rows; popular and rare tags)", productLoad, tags, floorLoad, tags,
            "R ≥ 0.70, p99 ≤ 10 ms", (r, p99) => r >= 0.70 && p99 <= 10,
            note: $"{UncachedNote}; the reader's choice of {TagListRows} rows a page (?pagesize=), the floor lists as many from the same index");

        // Signed in: a few members, each with the cookie of a real sign-in; compared with the anonymous floor.
        var cookies = new List<string>();
        foreach (var email in data.MemberEmails.Take(context.All.Smoke ? 2 : 8))
            cookies.Add(await Servers.SignInAsync(product.Address, email, DatasetWriter.Password));
        var signedIn = questions.Select((q, i) => q with { Cookie = cookies[i % cookies.Count] }).ToList();
        await CompareAsync(context, "Signed-in question page, 30 answers", productLoad, signedIn, floorLoad, questions,
            "R ≥ 0.60 of the anonymous floor", (r, _) => r >= 0.60);

        await SearchAsync(context, productLoad, floorLoad);

        // The same bytes as a static file: what an output cache is measured against (issue 9 adds the cache).
        var (_, page) = await productLoad.GetAsync(questions[0]);
        await File.WriteAllBytesAsync(Path.Combine(staticDirectory, "question.html"), page);
        var staticFile = new[] { new LoadRequest("static/question.html") };
        await productLoad.GetAsync(questions[0]);
        var cached = await productLoad.ServedFromCacheAsync(questions[0]);
        if (cached)
        {
            await CompareAsync(context, "Anonymous question page from the output cache vs the same bytes as a static file", productLoad, [questions[0]], floorLoad, staticFile,
                "R ≥ 0.80", (r, _) => r >= 0.80, note: $"one page ({page.Length / 1024.0:F0} KiB) from the product's output cache; the floor sends the same bytes from a file (SendFileAsync)");
        }
        else
        {
            var (staticResult, _) = await context.WatchAsync(() => floorLoad.ClosedLoopAsync(staticFile, context.All.Workers, context.Phase));
            context.Rows.Add(new ResultRow("Anonymous question page from the output cache vs the same bytes as a static file",
                "—", ResultRow.PerSecond(staticResult.PerSecond), null, null, null, "R ≥ 0.80", null, "",
                $"the product did not serve the page from its output cache (no Age header); static file of the page ({page.Length / 1024.0:F0} KiB) measured for reference"));
        }

        context.Rows.Add(new ResultRow("Footprint: memory under load", $"{peak:F0} MiB", "—", null, null, null, "≤ 350 MB", peak <= 350, "",
            "largest resident set sampled every 200 ms during the page scenarios"));
        _ = anonymous;
    }

    private const string UncachedNote = "uncached: every product request has a query string of its own (bench=N, a key no link of the site has), so each is rendered, neither looked up nor stored in the output cache";

    /// <summary>
    /// The requests with a query string of their own each, under a key no link of the site has (the product renders
    /// such a page without looking it up or storing it: <c>AnonymousPagePolicy.OurQueryKeys</c>). The floor ignores
    /// the query string.
    /// </summary>
    private static List<LoadRequest> Uncached(IReadOnlyList<LoadRequest> requests) =>
        Enumerable.Range(0, Math.Max(1, 200_000 / requests.Count)).SelectMany(k => requests.Select(r =>
            r with { Path = r.Path + (r.Path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "bench=" + k.ToString(System.Globalization.CultureInfo.InvariantCulture) })).ToList();

    /// <summary>The search scenario alone (<c>bench/run all --only search</c>; <c>pages</c> runs it among the others).</summary>
    public static async Task SearchOnlyAsync(RunContext context, ServerProcess product, ServerProcess floor)
    {
        using var productLoad = new LoadGenerator(product.Address);
        using var floorLoad = new LoadGenerator(floor.Address);
        await SearchAsync(context, productLoad, floorLoad);
    }

    private static async Task SearchAsync(RunContext context, LoadGenerator productLoad, LoadGenerator floorLoad)
    {
        var queries = Uncached(context.Data.SearchQueries.Select(q => new LoadRequest($"search?q={Uri.EscapeDataString(q)}")).ToList());
        // One query at a time: its own latency, what a visitor waits for on an idle server.
        var product = await context.WatchAsync(() => productLoad.ClosedLoopAsync(queries, 1, context.Phase * 2));
        var floor = await context.WatchAsync(() => floorLoad.ClosedLoopAsync(queries, 1, context.Phase * 2));
        var t = product.Result.Latency;
        var met = t.P95 <= 15 && t.P99 <= 50 && t.Max <= 150 && product.Result.Failed == 0;
        context.Rows.Add(new ResultRow("Search, 1–3 terms from the term distribution (one at a time)", ResultRow.PerSecond(product.Result.PerSecond),
            ResultRow.PerSecond(floor.Result.PerSecond), product.Result.PerSecond / floor.Result.PerSecond, t.Median, t.P99,
            "p95 ≤ 15, p99 ≤ 50, max ≤ 150 ms", met, RunContext.Worst(product.Others, floor.Others).ToString(),
            $"{UncachedNote}; product p95 {ResultRow.Ms(t.P95)} ms, max {ResultRow.Ms(t.Max)} ms over {t.Count} queries; floor (FTS5 match, bm25, count) p99 {ResultRow.Ms(floor.Result.Latency.P99)} ms"
            + Failures(product.Result)));
    }

    public static async Task<double> CompareAsync(RunContext context, string scenario, LoadGenerator productLoad, IReadOnlyList<LoadRequest> productRequests,
        LoadGenerator floorLoad, IReadOnlyList<LoadRequest> floorRequests, string target, Func<double, double, bool> meets, string note = "")
    {
        Console.WriteLine($"{scenario}:");
        var all = context.All;
        var floorWarm = await WarmUpAsync(floorLoad, floorRequests, all);
        var productWarm = await WarmUpAsync(productLoad, productRequests, all);
        Console.WriteLine($"  warm-up: floor {floorWarm.Requests:N0} requests in {floorWarm.Seconds:F1} s, product {productWarm.Requests:N0} in {productWarm.Seconds:F1} s");
        var floors = new List<double>();
        var products = new List<double>();
        var cpu = new List<CpuShare>();
        LoadResult? lastProduct = null;
        for (var round = 0; round < all.Rounds; round++)
        {
            var floor = await context.WatchAsync(() => floorLoad.ClosedLoopAsync(floorRequests, all.Workers, context.Phase));
            var product = await context.WatchAsync(() => productLoad.ClosedLoopAsync(productRequests, all.Workers, context.Phase));
            floors.Add(floor.Result.PerSecond);
            products.Add(product.Result.PerSecond);
            cpu.Add(floor.Others);
            cpu.Add(product.Others);
            lastProduct = product.Result;
            Console.WriteLine($"  round {round + 1}: floor {floor.Result.PerSecond:N0}/s, product {product.Result.PerSecond:N0}/s (others' CPU {floor.Others}, {product.Others})"
                + Failures(product.Result) + Failures(floor.Result));
        }
        var floorMedian = Median(floors);
        var productMedian = Median(products);
        var r = productMedian / floorMedian;

        var rate = Math.Max(1, productMedian * all.OfferedShare);
        var open = await context.WatchAsync(() => productLoad.OpenLoopAsync(productRequests, rate, context.Phase * 2));
        cpu.Add(open.Others);
        var latency = open.Result.Latency;
        Console.WriteLine($"  open loop at {rate:N0}/s: p50 {latency.Median:F2} ms, p99 {latency.P99:F2} ms" + Failures(open.Result));
        var failed = open.Result.Failed + (lastProduct?.Failed ?? 0);
        context.Rows.Add(new ResultRow(scenario, ResultRow.PerSecond(productMedian), ResultRow.PerSecond(floorMedian), r, latency.Median, latency.P99,
            target, failed == 0 && meets(r, latency.P99), RunContext.Worst([.. cpu]).ToString(),
            $"p50/p99 at {rate:N0} req/s offered (open loop, {open.Result.Ok:N0} requests)" + (note.Length > 0 ? "; " + note : "") + Failures(open.Result)));
        return productMedian;
    }

    /// <summary>
    /// Serves <see cref="AllOptions.WarmRequests"/> requests (or for <see cref="AllOptions.WarmSeconds"/>) in windows of
    /// one second. A one-second warm-up measured the product's tiered compilation: its CPU per question page fell from
    /// 4.4 to 1.7 ms over its first 10,000 requests, and the rounds rose (202, 522, 912 req/s).
    /// </summary>
    public static async Task<(int Requests, double Seconds)> WarmUpAsync(LoadGenerator load, IReadOnlyList<LoadRequest> requests, AllOptions all)
    {
        var window = TimeSpan.FromSeconds(Math.Min(1, all.PhaseSeconds));
        var served = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        do
        {
            var result = await load.ClosedLoopAsync(requests, all.Workers, window);
            served += result.Ok + result.Failed;
        }
        while (served < all.WarmRequests && clock.Elapsed.TotalSeconds < all.WarmSeconds);
        return (served, clock.Elapsed.TotalSeconds);
    }

    private static string Failures(LoadResult result) => result.Failed == 0 ? "" : $"; {result.Failed:N0} FAILED ({result.FirstFailure})";

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
