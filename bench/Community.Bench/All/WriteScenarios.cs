using System.Collections.Concurrent;
using System.Diagnostics;
using Community.Bench.Load;
using Community.Domain;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Bench.All;

/// <summary>
/// Writes through the product's own domain services (<c>CastVote</c>, <c>AnswerQuestion</c>, <c>RebuildReputation</c>),
/// built by <c>AddCommunityDomain</c> as the web host builds them, in this process, on the same database file the
/// running product serves readers from. The floor does the same rows with raw SQL in one transaction each.
/// The write rate limits are raised: one machine plays thousands of members.
/// </summary>
internal static class WriteScenarios
{
    public static ServiceProvider Domain(string connectionString, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddLogging();
        services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchema.Version);
        services.AddSingleton(new WriteRateLimitOptions { PostsPerHour = 10_000_000, VotesPerMinute = 10_000_000, EditsPerHour = 10_000_000, CommentsPerMinute = 10_000_000 });
        services.AddCommunityDomain(connectionString);
        return services.BuildServiceProvider();
    }

    public static async Task RunAsync(RunContext context, ServerProcess product)
    {
        // BENCH_SQL_PROFILE=1: each write scenario prints its statements by time per successful write (SqlProfile).
        var profile = SqlProfile.FromEnvironment();
        await using var domain = Domain(context.Data.ConnectionString, services => profile?.Register(services));
        await VotesAsync(context, domain, product, profile);
        profile?.Reset();
        await PostingAsync(context, domain, product, profile);
        await RebuildAsync(context, domain);
    }

    private static async Task VotesAsync(RunContext context, ServiceProvider domain, ServerProcess server, SqlProfile? profile)
    {
        Console.WriteLine("Votes:");
        var data = context.Data;
        var castVote = domain.GetRequiredService<Community.Domain.Voting.CastVote>();
        var workers = context.All.Smoke ? 2 : 16;
        var duration = context.All.Smoke ? context.Phase : context.Phase * 2;
        // Fresh (voter, post) pairs, never one's own post: every vote is a new row, a score change and ledger rows. Drawn
        // before the timed phases (VotePairs), so the picker costs the product and the floor nothing: drawn per vote, it
        // was a SQLite query under a lock, about half of a vote's samples in a trace.
        using var pairs = VotePairs.Draw(data, context.Options.Seed + 1, (int)((duration + Warm(duration)).TotalSeconds * 2 * 5_000));
        var touched = new ConcurrentBag<(int Post, string Author, string Voter)>();
        var failures = new ConcurrentBag<string>();

        // The harness's own CPU over the phase and until the deferred badge checks it left are done (/proc/self/stat):
        // the votes, their checks and the load loop, which is all this process does meanwhile.
        var deferred = domain.GetService<Community.Domain.Badges.DeferredBadgeChecks>();
        async Task<bool> ProductVote()
        {
            var (voter, post, author) = pairs.Next();
            var result = await castVote.ExecuteAsync(new Actor(voter, false, "127.0.0.1"), post, 1);
            if (!result.Succeeded)
            {
                failures.Add(result.Message ?? result.Failure.ToString());
                return false;
            }
            touched.Add((post, author, voter));
            return true;
        }
        Task<bool> FloorVote()
        {
            var (voter, post, author) = pairs.Next();
            return Floor.FloorWrites.InTransactionAsync(data.ConnectionString, (connection, transaction) =>
            {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO Votes (PostId, VoterId, Value, CreatedAt) VALUES ($post, $voter, 1, $now);
                UPDATE Posts SET Score = Score + 1 WHERE Id = $post;
                INSERT INTO ReputationEntries (UserId, Amount, Reason, SourceKey, PostId, ActorId, CreatedAt) VALUES ($author, 10, 'AnswerUpvoted', $source, $post, $voter, $now);
                UPDATE AspNetUsers SET ReputationPoints = ReputationPoints + 10, Reputation = max(1, 1 + ReputationPoints + 10) WHERE Id = $author;
                """;
            command.Parameters.AddWithValue("$post", post);
            command.Parameters.AddWithValue("$voter", voter);
            command.Parameters.AddWithValue("$author", author);
            command.Parameters.AddWithValue("$source", $"vote:{post}:{voter}");
            command.Parameters.AddWithValue("$now", DateTime.UtcNow);
            command.ExecuteNonQuery();
            touched.Add((post, author, voter));
            return true;
            });
        }

        // Warm-up, not measured: the votes run in this process, started just before, and the JIT's tiering of EF Core,
        // Microsoft.Data.Sqlite and the vote path took ~30% of the harness's CPU for the first ~15 s of votes (perf: the
        // ".NET Tiered Compilation" thread); a server votes with warm code. The floor warms up too, after the product, and
        // both in the same way as the page scenarios' warm-ups. BENCH_VOTE_WARMUP=0 measures cold, as before 2026-11-25.
        var warm = Warm(duration);
        if (warm > TimeSpan.Zero)
        {
            var c0 = Process.GetCurrentProcess().TotalProcessorTime;
            var warmProduct = await Concurrently(workers, warm, ProductVote);
            if (deferred is not null)
                await deferred.WhenIdleAsync();
            var c1 = Process.GetCurrentProcess().TotalProcessorTime;
            var warmFloor = await Concurrently(workers, warm / 2, FloorVote);
            var c2 = Process.GetCurrentProcess().TotalProcessorTime;
            Console.WriteLine($"  warm-up (not measured): product {warm.TotalSeconds:F0} s, {warmProduct.PerSecond:N0}/s, {PerOp(c1 - c0, warmProduct.Ok)} ms CPU a vote; "
                + $"floor {(warm / 2).TotalSeconds:F0} s, {warmFloor.PerSecond:N0}/s, {PerOp(c2 - c1, warmFloor.Ok)} ms");
        }
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var product = await context.WatchAsync(() => Concurrently(workers, duration, ProductVote));

        var cpuPhase = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (deferred is not null)
            await deferred.WhenIdleAsync();
        var cpuProduct = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        // The file's log in this process so far (warm-up and measured phase): SqliteCheckpointer.
        Console.WriteLine($"  log after the product's phases: {SqliteDatabase.CheckpointSummary(data.ConnectionString)}; busy: {SqliteDatabase.BusySummary()}");
        Console.WriteLine($"  the server after the product's phases: {await ServerSqliteAsync(server)}");

        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var floor = await context.WatchAsync(() => Concurrently(workers, duration, FloorVote));

        var cpuFloor = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        // Exact totals: every touched post's score is the sum of its votes, every touched member's points the sum of the ledger.
        using var check = DatasetQueries.Open(data.DatabasePath);
        var wrongScores = touched.Select(t => t.Post).Distinct().Count(post =>
            check.Scalar("SELECT Score FROM Posts WHERE Id = $id", ("$id", post)) != check.Scalar("SELECT coalesce(sum(Value), 0) FROM Votes WHERE PostId = $id", ("$id", post)));
        var wrongPoints = touched.SelectMany(t => new[] { t.Author, t.Voter }).Distinct().Count(user =>
            check.Scalar("SELECT ReputationPoints FROM AspNetUsers WHERE Id = $id", ("$id", user)) != check.Scalar("SELECT coalesce(sum(Amount), 0) FROM ReputationEntries WHERE UserId = $id", ("$id", user)));
        var exact = wrongScores == 0 && wrongPoints == 0;
        var p = product.Result;
        profile?.Print(p.Ok);
        Console.WriteLine($"  product {p.PerSecond:N0}/s, floor {floor.Result.PerSecond:N0}/s; wrong scores {wrongScores}, wrong totals {wrongPoints}");
        Console.WriteLine($"  harness CPU per vote: product {PerOp(cpuProduct, p.Ok)} ms ({PerOp(cpuPhase, p.Ok)} ms within the phase, the rest its deferred badge checks), "
            + $"floor {PerOp(cpuFloor, floor.Result.Ok)} ms; pairs drawn {pairs.Drawn:N0}, used {pairs.Used:N0}");
        context.Rows.Add(new ResultRow($"Votes ({workers} at once, CastVote)", ResultRow.PerSecond(p.PerSecond, "votes/s"), ResultRow.PerSecond(floor.Result.PerSecond, "votes/s"),
            p.PerSecond / floor.Result.PerSecond, p.Latency.Median, p.Latency.P99, "≥ 3,000 votes/s, totals exact", p.PerSecond >= 3_000 && exact && p.Failed == 0,
            RunContext.Worst(product.Others, floor.Others).ToString(),
            (exact ? "totals exact afterwards (scores = sum of votes, points = sum of ledger)" : $"NOT EXACT: {wrongScores} scores, {wrongPoints} members' points")
            + $"; {duration.TotalSeconds:F0} s a phase after a warm-up of {warm.TotalSeconds:F0} s (product) and {(warm / 2).TotalSeconds:F0} s (floor); harness CPU {PerOp(cpuProduct, p.Ok)} ms a vote (floor {PerOp(cpuFloor, floor.Result.Ok)})"
            + (p.Failed == 0 ? "" : $"; {p.Failed} refused ({failures.FirstOrDefault()})")));
    }

    /// <summary>The votes' warm-up: as long as the measured product phase (BENCH_VOTE_WARMUP: seconds, 0 for none); the answers' is half of it.</summary>
    private static TimeSpan Warm(TimeSpan duration) =>
        Environment.GetEnvironmentVariable("BENCH_VOTE_WARMUP") is { Length: > 0 } seconds
            ? TimeSpan.FromSeconds(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture))
            : duration;

    private static string PerOp(TimeSpan cpu, long ops) => ops == 0 ? "-" : (cpu.TotalMilliseconds / ops).ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The issue's posting target: 300 answers a second with p99 ≤ 25 ms, offered at that fixed rate.</summary>
    public const double TargetPostsPerSecond = 300;

    /// <summary>
    /// The rate the open-loop phase offers: the target's 300/s when the closed loop measured at least that much, else
    /// half the measured rate (as the page scenarios' latency phases), so the phase measures latency, not a queue that
    /// grows for the whole phase.
    /// </summary>
    public static double OfferedPostsPerSecond(double measuredPerSecond) =>
        measuredPerSecond >= TargetPostsPerSecond ? TargetPostsPerSecond : Math.Max(1, Math.Round(measuredPerSecond / 2));

    /// <summary>What the web server beside the harness did with the file's lock (its <c>/_bench/sqlite</c>).</summary>
    private static async Task<string> ServerSqliteAsync(ServerProcess product)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            return await client.GetStringAsync(new Uri(product.Address, "_bench/sqlite"));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"unknown ({e.Message})";
        }
    }

    private static async Task PostingAsync(RunContext context, ServiceProvider domain, ServerProcess product, SqlProfile? profile)
    {
        Console.WriteLine("Posting answers with readers:");
        var data = context.Data;
        var answer = domain.GetRequiredService<Community.Domain.Questions.AnswerQuestion>();
        var text = new MarkdownText(context.Options.Seed);
        var writers = context.All.Writers;
        var members = await MemberIdsAsync(data, writers);
        var duration = TimeSpan.FromSeconds(context.All.WriteSeconds);
        var rng = new Random(context.Options.Seed + 2);
        int NextQuestion()
        {
            lock (rng)
                return data.OpenQuestions[rng.Next(data.OpenQuestions.Count)];
        }
        int NextSeed()
        {
            lock (rng)
                return rng.Next();
        }
        var locked = 0;
        var failures = new ConcurrentBag<string>();
        var readers = data.HotQuestions.Select(q => new LoadRequest(q.Path)).ToList();
        using var readLoad = new LoadGenerator(product.Address);
        var readRate = context.All.Smoke ? 20 : 100;

        // One write, "database is locked" (SQLITE_BUSY, SQLITE_LOCKED) counted apart from the product's refusals.
        Func<int, Task<(bool Ok, string? Failure)>> Guarded(Func<int, Task<bool>> write) => async writer =>
        {
            try
            {
                return (await write(writer), null);
            }
            catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6)
            {
                Interlocked.Increment(ref locked);
                failures.Add(e.Message);
                return (false, e.Message);
            }
            catch (Exception e) when (e.GetBaseException() is SqliteException { SqliteErrorCode: 5 or 6 })
            {
                Interlocked.Increment(ref locked);
                failures.Add(e.GetBaseException().Message);
                return (false, e.GetBaseException().Message);
            }
        };

        // Closed loop: the writers each post again as soon as their last answer is done — the most the product does.
        async Task<(LoadResult Writes, LoadResult Reads)> ClosedAsync(Func<int, Task<bool>> write, TimeSpan? phase = null)
        {
            var next = -1;
            var guarded = Guarded(write);
            var reading = readLoad.OpenLoopAsync(readers, readRate, phase ?? duration);
            var writing = Concurrently(writers, phase ?? duration, async () =>
                (await guarded((int)((uint)Interlocked.Increment(ref next) % (uint)writers))).Ok);
            return (await writing, await reading);
        }

        async Task<bool> ProductAnswer(int writer)
        {
            var command = new Community.Domain.Questions.AnswerQuestionCommand(NextQuestion(), text.Body(NextSeed(), 800), Guid.NewGuid().ToString("N"), true);
            var result = await answer.ExecuteAsync(new Actor(members[writer % members.Count], false, "127.0.0.1"), command);
            if (!result.Succeeded)
                failures.Add(result.Message ?? result.Failure.ToString());
            return result.Succeeded;
        }

        // The harness's own CPU (/proc/self/stat) over each product phase: the answers and their after-commit work,
        // the deferred badge checks, and the reading load's client, which is all this process does meanwhile.
        var deferred = domain.GetService<Community.Domain.Badges.DeferredBadgeChecks>();
        // Warm-up, not measured, as the votes': the answer's own path (Markdown, the sanitizer, the notices, the search
        // row) is new to the JIT after the votes, and its tiering took 11.5% of the harness's CPU in the first 20 s of
        // posting (perf, 08:15); a server posts with warm code.
        var warm = Warm(duration) / 2;
        if (warm > TimeSpan.Zero)
        {
            var warmRun = await ClosedAsync(ProductAnswer, warm);
            if (deferred is not null)
                await deferred.WhenIdleAsync();
            Console.WriteLine($"  warm-up (not measured): {warm.TotalSeconds:F0} s, {warmRun.Writes.PerSecond:N0} answers/s");
        }
        locked = 0;
        failures.Clear();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var productRun = await context.WatchAsync(() => ClosedAsync(ProductAnswer));
        if (deferred is not null)
            await deferred.WhenIdleAsync();
        var cpuClosed = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var closedLocked = locked;
        Console.WriteLine($"  log after the closed loop: {SqliteDatabase.CheckpointSummary(data.ConnectionString)}; busy: {SqliteDatabase.BusySummary()}");
        Console.WriteLine($"  the server after the closed loop: {await ServerSqliteAsync(product)}");
        Console.WriteLine($"  {SqliteDatabase.GroupCommitSummary(data.ConnectionString)}");
        profile?.Print(productRun.Result.Writes.Ok);

        // Open loop: answers offered at a fixed rate whatever the earlier ones are doing, latency from each one's due
        // time (the issue's method for its p99), while the pages are read as in the closed loop.
        locked = 0;
        var offered = context.All.PostRate ?? OfferedPostsPerSecond(productRun.Result.Writes.PerSecond);
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var openRun = await context.WatchAsync(async () =>
        {
            var reading = readLoad.OpenLoopAsync(readers, readRate, duration);
            var writing = LoadGenerator.OpenLoopAsync(offered, duration, Guarded(ProductAnswer));
            return (Writes: await writing, Reads: await reading);
        });
        if (deferred is not null)
            await deferred.WhenIdleAsync();
        var cpuOpen = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var openLocked = locked;
        Console.WriteLine($"  log after the open loop: {SqliteDatabase.CheckpointSummary(data.ConnectionString)}; busy: {SqliteDatabase.BusySummary()}");
        Console.WriteLine($"  the server after the open loop: {await ServerSqliteAsync(product)}");
        Console.WriteLine($"  {SqliteDatabase.GroupCommitSummary(data.ConnectionString)}");

        locked = 0;
        var renderer = domain.GetRequiredService<Community.Domain.Markdown.MarkdownRenderer>();
        var floorRun = await context.WatchAsync(() => ClosedAsync(writer =>
        {
            var body = text.Body(NextSeed(), 800);
            var html = renderer.Render(body).Html;
            var question = NextQuestion();
            return Floor.FloorWrites.InTransactionAsync(data.ConnectionString, (connection, transaction) =>
            {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO Posts (Kind, AuthorId, Body, BodyHtml, RenderVersion, Score, CreatedAt, QuestionId, Version)
                VALUES ('Answer', $author, $body, $html, 1, 0, $now, $question, 1);
                UPDATE Posts SET AnswerCount = AnswerCount + 1, LastActivityAt = $now WHERE Id = $question;
                """;
            command.Parameters.AddWithValue("$author", members[writer % members.Count]);
            command.Parameters.AddWithValue("$body", body);
            command.Parameters.AddWithValue("$html", html);
            command.Parameters.AddWithValue("$now", DateTime.UtcNow);
            command.Parameters.AddWithValue("$question", question);
            command.ExecuteNonQuery();
            return true;
            });
        }));

        var (writes, reads) = productRun.Result;
        var (open, openReads) = openRun.Result;
        var productLocked = closedLocked + openLocked;
        var refused = writes.Failed - closedLocked + open.Failed - openLocked;
        var met = writes.PerSecond >= TargetPostsPerSecond && offered >= TargetPostsPerSecond && open.Failed == 0 && open.Latency.P99 <= 25 && productLocked == 0;
        Console.WriteLine($"  product {writes.PerSecond:N0} posts/s closed loop (p50 {writes.Latency.Median:F1}, p99 {writes.Latency.P99:F1} ms, locked {closedLocked}); "
            + $"open loop at {offered:N0}/s: {open.PerSecond:N0} posts/s, p50 {open.Latency.Median:F1}, p99 {open.Latency.P99:F1} ms, locked {openLocked}; floor {floorRun.Result.Writes.PerSecond:N0} posts/s (locked {locked})");
        Console.WriteLine($"  harness CPU per answer: closed loop {PerOp(cpuClosed, writes.Ok)} ms, open loop {PerOp(cpuOpen, open.Ok)} ms (badge checks and the readers' client included)");
        Console.WriteLine($"  log after posting (votes included): {SqliteDatabase.CheckpointSummary(data.ConnectionString)}");
        context.Rows.Add(new ResultRow($"Posting answers ({writers} writers, AnswerQuestion) while pages are read", ResultRow.PerSecond(writes.PerSecond, "posts/s"),
            ResultRow.PerSecond(floorRun.Result.Writes.PerSecond, "posts/s"), writes.PerSecond / floorRun.Result.Writes.PerSecond, open.Latency.Median, open.Latency.P99,
            "≥ 300 posts/s, p99 ≤ 25 ms at 300/s offered, no \"database is locked\"", met, RunContext.Worst(productRun.Others, openRun.Others, floorRun.Others).ToString(),
            $"{duration.TotalSeconds:F0} s a phase (the issue's run is 10 min: --write-seconds 600); throughput closed loop ({writers} writers, p50 {ResultRow.Ms(writes.Latency.Median)} / p99 {ResultRow.Ms(writes.Latency.P99)} ms); "
            + $"p50/p99 open loop: {offered:N0} answers/s offered{(context.All.PostRate is not null ? " (--post-rate)" : offered < TargetPostsPerSecond ? " (half the measured rate: below the target's 300/s)" : "")}, {open.PerSecond:N0}/s done, latency from each one's due time; "
            + $"harness CPU {PerOp(cpuClosed, writes.Ok)} ms an answer; \"database is locked\": product {productLocked}, floor {locked}; "
            + $"readers at {readRate}/s: p99 {ResultRow.Ms(reads.Latency.P99)} / {ResultRow.Ms(openReads.Latency.P99)} ms (closed / open phase), {reads.Failed + openReads.Failed} failed"
            + (refused > 0 ? $"; {refused} refused ({failures.FirstOrDefault()})" : "")));
    }

    private static async Task RebuildAsync(RunContext context, ServiceProvider domain)
    {
        Console.WriteLine("Reputation rebuild:");
        var rebuild = domain.GetRequiredService<Community.Domain.Reputation.RebuildReputation>();
        var connectionString = context.Data.ConnectionString;
        var rounds = context.All.Smoke ? 1 : 3;
        var products = new List<double>();
        var floors = new List<double>();
        var corrected = 0;
        var from = context.Cpu.Take();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using (var connection = new SqliteConnection(connectionString))
            {
                connection.Open();
                var sums = new Dictionary<string, long>();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT UserId, sum(Amount) FROM ReputationEntries GROUP BY UserId;";
                    using var reader = command.ExecuteReader();
                    while (reader.Read())
                        sums[reader.GetString(0)] = reader.GetInt64(1);
                }
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = "SELECT Id, ReputationPoints FROM AspNetUsers;";
                    using var reader = command.ExecuteReader();
                    var differ = 0;
                    while (reader.Read())
                        differ += sums.GetValueOrDefault(reader.GetString(0)) == reader.GetInt64(1) ? 0 : 1;
                    _ = differ;
                }
            }
            floors.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var report = await rebuild.RunAsync();
            products.Add(clock.Elapsed.TotalMilliseconds);
            corrected += report.Corrected.Count;
        }
        var others = CpuMonitor.Between(from, context.Cpu.Take());
        var product = PageScenarios.Median(products);
        var floor = PageScenarios.Median(floors);
        using var check = DatasetQueries.Open(context.Data.DatabasePath);
        var entries = check.Scalar("SELECT count(*) FROM ReputationEntries");
        Console.WriteLine($"  product {product:F0} ms, floor {floor:F0} ms, {entries:N0} ledger rows");
        context.Rows.Add(new ResultRow($"Reputation rebuild from the ledger ({entries:N0} rows)", $"{product:F0} ms", $"{floor:F0} ms", floor / product, product, null,
            "≤ 1 s for 1M votes", product <= 1_000, others.ToString(),
            $"RebuildReputation.RunAsync, median of {rounds}; {corrected} totals corrected (the daily vote cap makes CastVote's ledger differ from raw sums only when a day's gains pass it)"));
    }

    private static async Task<List<string>> MemberIdsAsync(BenchData data, int count)
    {
        await Task.Yield();
        using var connection = DatasetQueries.Open(data.DatabasePath);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT Id FROM AspNetUsers ORDER BY Reputation DESC LIMIT {count}";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
            ids.Add(reader.GetString(0));
        return ids;
    }

    /// <summary>Runs <paramref name="operation"/> on <paramref name="workers"/> tasks for <paramref name="duration"/>; latencies of the successes.</summary>
    /// <param name="until">Stops early once this says the work is done.</param>
    public static async Task<LoadResult> Concurrently(int workers, TimeSpan duration, Func<Task<bool>> operation, Func<bool>? until = null)
    {
        var clock = Stopwatch.StartNew();
        var ok = 0;
        var failed = 0;
        var samples = new List<double>[workers];
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = samples[w] = [];
            while (clock.Elapsed < duration && until?.Invoke() != true)
            {
                var start = Stopwatch.GetTimestamp();
                if (await operation())
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        var seconds = clock.Elapsed.TotalSeconds;
        return new LoadResult(ok / seconds, new Timing(samples.SelectMany(s => s).ToList()), ok, failed, seconds);
    }
}
