using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Community.Domain;
using Community.Domain.KnowledgeBase;
using Community.Domain.Posting;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Bench.All;

/// <summary>
/// The knowledge-base feed end to end (DESIGN.md §6), in the harness's process through the product's own services:
/// askers accept an answer (<c>AcceptAnswer</c>: the acceptance, its ledger rows and the outbox row in one transaction),
/// the outbox dispatch hands each committed entry to the queue, and feed workers run the job's body
/// (<c>KnowledgeBaseFeedJob.RunAsync</c> is exactly <c>KnowledgeBaseFeed.ProcessAsync(entryId)</c>) until every entry is
/// done. The queue is a channel, not an in-process Hangfire server: Hangfire.InMemory's enqueue and fetch cost
/// microseconds against the feed's milliseconds of SQLite work, and a channel lets the harness see every entry arrive,
/// so the check "each resolved thread became exactly one article, its entry done once" needs no polling. As many workers
/// as the product's Hangfire server has (<c>Math.Max(2, Environment.ProcessorCount)</c>, Jobs/JobsRegistration.cs).
/// </summary>
internal static class KnowledgeBaseFeedScenario
{
    public static async Task RunAsync(RunContext context)
    {
        Console.WriteLine("Knowledge-base feed:");
        var data = context.Data;
        // The smoke run resolves threads on a copy, so that the test can run any number of times on one dataset.
        string? copy = null;
        var connectionString = data.ConnectionString;
        if (context.All.Smoke)
        {
            copy = Path.Combine(Path.GetTempPath(), $"community-bench-kb-{Guid.NewGuid():N}.db");
            using (var source = new Microsoft.Data.Sqlite.SqliteConnection(data.ConnectionString))
            using (var target = new Microsoft.Data.Sqlite.SqliteConnection(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                source.Open();
                target.Open();
                source.BackupDatabase(target);
            }
            connectionString = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = copy }.ToString();
        }
        try
        {
            await RunOnAsync(context, connectionString);
        }
        finally
        {
            if (copy is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { copy, copy + "-wal", copy + "-shm" })
                    File.Delete(file);
            }
        }
    }

    private static async Task RunOnAsync(RunContext context, string connectionString)
    {
        var queue = new ChannelFeedQueue();
        var profile = SqlProfile.FromEnvironment();
        await using var domain = WriteScenarios.Domain(connectionString, services =>
        {
            services.AddSingleton<IKnowledgeBaseFeedQueue>(queue);
            profile?.Register(services);
        });
        var accept = domain.GetRequiredService<Community.Domain.Questions.AcceptAnswer>();
        var feed = domain.GetRequiredService<KnowledgeBaseFeed>();
        var deferredBadges = domain.GetRequiredService<Community.Domain.Badges.DeferredBadgeChecks>();
        var contexts = domain.GetRequiredService<IDbContextFactory<CommunityDbContext>>();

        var wanted = context.All.Smoke ? 20 : context.All.KnowledgeBaseThreads;
        var threads = await UnresolvedThreadsAsync(contexts, wanted);
        if (threads.Count < 2)
        {
            context.Rows.Add(ResultRow.NotMeasured("Knowledge-base feed: resolved threads through the outbox and jobs", "≥ 300 threads/s",
                "no unresolved thread with an answer by someone else left in the dataset"));
            return;
        }

        var feedWorkers = int.TryParse(Environment.GetEnvironmentVariable("BENCH_KB_WORKERS"), out var w) ? w : Math.Max(2, Environment.ProcessorCount);
        var acceptors = int.TryParse(Environment.GetEnvironmentVariable("BENCH_KB_ACCEPTORS"), out var a) ? a : context.All.Smoke ? 2 : 16;
        var limit = TimeSpan.FromSeconds(context.All.Smoke ? 60 : Math.Max(120, wanted / 10.0));
        var half = threads.Count / 2;

        // 1. End to end: acceptances and the feed at once, as on a live forum.
        var together = await context.WatchAsync(() => RunPhaseAsync(threads[..half], gateFeed: false));
        // 2. The feed alone: the other threads accepted first (their entries wait in the queue), then the jobs drain it.
        var apart = await context.WatchAsync(() => RunPhaseAsync(threads[half..], gateFeed: true));
        profile?.Print(threads.Count);

        // Threads left unaccepted when a phase ran out of time are not counted as lost: only the accepted must arrive.
        var acceptedThreads = together.Result.AcceptedQuestions.Concat(apart.Result.AcceptedQuestions).ToList();
        var check = await CheckAsync(contexts, acceptedThreads);
        var doubled = together.Result.Doubled + apart.Result.Doubled;
        var retries = together.Result.Retries + apart.Result.Retries;
        var failures = together.Result.Failures.Concat(apart.Result.Failures).ToList();
        var exactlyOnce = acceptedThreads.Count > 0 && check.Arrived == acceptedThreads.Count && check.Duplicates == 0 && check.Missing == 0 && doubled == 0;
        var endToEnd = together.Result.Fed / together.Result.Seconds;
        var acceptance = apart.Result.Accepted / apart.Result.AcceptSeconds;
        var feedAlone = apart.Result.Fed / (apart.Result.Seconds - apart.Result.AcceptSeconds);
        var checkNote = (exactlyOnce ? "every thread arrived exactly once (one article, one entry done)"
                : $"NOT EXACTLY ONCE: {check.Missing} missing, {check.Duplicates} extra articles/entries, {doubled} entries done twice")
            + (retries == 0 ? "" : $"; {retries} job failures retried ({failures.FirstOrDefault()})")
            + (failures.Count == 0 || retries > 0 ? "" : $"; refused: {failures[0]}");
        if (acceptedThreads.Count < threads.Count)
            checkNote += $"; only {acceptedThreads.Count:N0} of {threads.Count:N0} threads were accepted within the time limit";
        Console.WriteLine($"  {threads.Count:N0} threads: end to end {endToEnd:N0}/s ({together.Result.Fed:N0} in {together.Result.Seconds:F1} s, its acceptances in {together.Result.AcceptSeconds:F1} s); "
            + $"acceptance alone {acceptance:N0}/s, feed alone {feedAlone:N0}/s; articles {check.Arrived:N0}, missing {check.Missing}, duplicated {check.Duplicates + doubled}, retries {retries}; "
            + $"deferred badge checks done {together.Result.BadgesTrailed:F1} s / {apart.Result.BadgesTrailed:F1} s after the last entry");
        // The harness's CPU (Process.TotalProcessorTime): an acceptance alone (the second phase's acceptances, the feed
        // gated) and a thread end to end (the first phase: acceptance, dispatch, job).
        Console.WriteLine($"  harness CPU: {apart.Result.AcceptCpu.TotalMilliseconds / Math.Max(1, apart.Result.Accepted):F2} ms an acceptance alone, "
            + $"{together.Result.Cpu.TotalMilliseconds / Math.Max(1, together.Result.Fed):F2} ms a thread end to end");
        Console.WriteLine($"  log: {Community.Domain.Persistence.SqliteDatabase.CheckpointSummary(connectionString)}");
        var jobs = $"{feedWorkers} feed workers running the job's body (KnowledgeBaseFeed.ProcessAsync, as KnowledgeBaseFeedJob does)";
        context.Rows.Add(new ResultRow($"Knowledge-base feed: outbox entries → articles, the jobs alone ({apart.Result.Fed:N0} resolved threads)",
            ResultRow.PerSecond(feedAlone, "threads/s"), "—", null, apart.Result.Latency.Median, apart.Result.Latency.P99, "≥ 300 threads/s, each exactly once",
            feedAlone >= 300 && exactlyOnce, apart.Others.ToString(),
            $"{apart.Result.Fed:N0} threads accepted first ({acceptance:N0}/s, AcceptAnswer × {acceptors} at once), their outbox entries queued; then {jobs} drain the queue; "
            + "p50/p99: one job; " + checkNote));
        context.Rows.Add(new ResultRow($"Knowledge-base feed: acceptance → article end to end ({together.Result.Fed:N0} threads)",
            ResultRow.PerSecond(endToEnd, "threads/s"), "—", null, together.Result.Latency.Median, together.Result.Latency.P99, "≥ 300 threads/s, each exactly once",
            endToEnd >= 300 && exactlyOnce, together.Others.ToString(),
            $"AcceptAnswer × {acceptors} at once while the feed workers (the job body) take each entry as its transaction commits; threads with their article ÷ time from the first acceptance to the last entry done; "
            + "p50/p99: commit → entry done; " + checkNote + $"; the acceptances' deferred badge checks finished {together.Result.BadgesTrailed:F1} s after the last entry"));

        async Task<Phase> RunPhaseAsync(IReadOnlyList<(int Question, string Asker, int Answer)> batch, bool gateFeed)
        {
            var processed = new ConcurrentDictionary<long, int>();
            var failures = new ConcurrentBag<string>();
            var latency = new ConcurrentBag<double>();
            var retries = 0;
            var next = -1;
            var accepted = 0;
            var acceptedQuestions = new ConcurrentBag<int>();
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!gateFeed)
                open.SetResult();
            var clock = Stopwatch.StartNew();
            var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
            using var stop = new CancellationTokenSource(limit);
            var workers = Enumerable.Range(0, feedWorkers).Select(_ => Task.Run(async () =>
            {
                await open.Task;
                await foreach (var entry in queue.Reader.ReadAllAsync(stop.Token))
                {
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        var outcome = await feed.ProcessAsync(entry.EntryId, stop.Token);
                        processed.AddOrUpdate(entry.EntryId, outcome == EntryOutcome.Done ? 1 : 0, (_, n) => n + (outcome == EntryOutcome.Done ? 1 : 0));
                        latency.Add(Stopwatch.GetElapsedTime(gateFeed ? started : entry.EnqueuedAt).TotalMilliseconds);
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Hangfire would retry after a delay; here at once, counted.
                        Interlocked.Increment(ref retries);
                        failures.Add(e.GetBaseException().Message);
                        queue.Enqueue(entry.EntryId, entry.QuestionId);
                    }
                }
            })).ToList();

            await WriteScenarios.Concurrently(acceptors, limit, async () =>
            {
                var i = Interlocked.Increment(ref next);
                if (i >= batch.Count)
                    return false;
                var (question, asker, answer) = batch[i];
                WriteResult<int?> result;
                try
                {
                    result = await accept.AcceptAsync(new Actor(asker, false, "127.0.0.1"), answer, stop.Token);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    // The phase ran out of time with this acceptance waiting for the writer: not accepted, not lost.
                    return false;
                }
                if (!result.Succeeded)
                {
                    failures.Add(result.Message ?? result.Failure.ToString());
                }
                else
                {
                    acceptedQuestions.Add(question);
                    Interlocked.Increment(ref accepted);
                }
                return result.Succeeded;
            }, until: () => Volatile.Read(ref next) >= batch.Count - 1);
            var acceptSeconds = clock.Elapsed.TotalSeconds;
            var acceptCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
            open.TrySetResult();

            // Every entry written has been handed over; the feed finishes them.
            while (processed.Count(p => p.Value > 0) < Volatile.Read(ref accepted) && !stop.IsCancellationRequested)
                await Task.Delay(2);
            var seconds = clock.Elapsed.TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;
            stop.Cancel();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            // The badge checks the acceptances left for after the request (DeferredBadgeChecks): how long they trail the feed.
            await deferredBadges.WhenIdleAsync();
            var badgesTrailed = Math.Max(0, clock.Elapsed.TotalSeconds - seconds);
            return new Phase(accepted, acceptedQuestions.ToList(), processed.Count(p => p.Value > 0), processed.Count(p => p.Value > 1), retries, failures.ToList(),
                acceptSeconds, seconds, new Timing(latency.ToList()), badgesTrailed, acceptCpu, cpu);
        }
    }

    private sealed record Phase(int Accepted, IReadOnlyList<int> AcceptedQuestions, int Fed, int Doubled, int Retries, IReadOnlyList<string> Failures, double AcceptSeconds, double Seconds, Timing Latency, double BadgesTrailed, TimeSpan AcceptCpu, TimeSpan Cpu);

    /// <summary>Open questions with no accepted answer and no article, each with a live answer by someone else.</summary>
    private static async Task<List<(int Question, string Asker, int Answer)>> UnresolvedThreadsAsync(IDbContextFactory<CommunityDbContext> contexts, int wanted)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var rows = await db.Questions.AsNoTracking()
            .Where(q => q.AcceptedAnswerId == null && q.OfficialAnswerId == null && q.DeletedAt == null && q.HiddenAt == null && q.ClosedAt == null
                && !db.KnowledgeBaseArticles.Any(a => a.SourceQuestionId == q.Id) && !db.KnowledgeBaseOutbox.Any(e => e.QuestionId == q.Id))
            .OrderByDescending(q => q.Id)
            .Select(q => new
            {
                q.Id, q.AuthorId,
                Answer = db.Answers.Where(a => a.QuestionId == q.Id && a.DeletedAt == null && a.HiddenAt == null && a.AuthorId != q.AuthorId)
                    .OrderBy(a => a.Id).Select(a => (int?)a.Id).FirstOrDefault(),
            })
            .Where(q => q.Answer != null)
            .Take(wanted).ToListAsync();
        return rows.Select(r => (r.Id, r.AuthorId, r.Answer!.Value)).ToList();
    }

    private static async Task<(int Arrived, int Missing, int Duplicates)> CheckAsync(IDbContextFactory<CommunityDbContext> contexts, List<int> questions)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var articles = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => questions.Contains(a.SourceQuestionId))
            .GroupBy(a => a.SourceQuestionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var done = await db.KnowledgeBaseOutbox.AsNoTracking().Where(e => questions.Contains(e.QuestionId) && e.DoneAt != null)
            .GroupBy(e => e.QuestionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var arrived = articles.Count(a => a.Count == 1 && done.Any(d => d.Key == a.Key && d.Count == 1));
        var duplicates = articles.Count(a => a.Count > 1) + done.Count(d => d.Count > 1);
        return (arrived, questions.Count - articles.Count, duplicates);
    }

    /// <summary>What Hangfire's client is to the product: the outbox dispatch hands it each committed entry.</summary>
    private sealed class ChannelFeedQueue : IKnowledgeBaseFeedQueue
    {
        private readonly Channel<(long EntryId, int QuestionId, long EnqueuedAt)> channel = Channel.CreateUnbounded<(long, int, long)>();

        public ChannelReader<(long EntryId, int QuestionId, long EnqueuedAt)> Reader => channel.Reader;

        public void Enqueue(long entryId, int questionId) => channel.Writer.TryWrite((entryId, questionId, Stopwatch.GetTimestamp()));

        public void Complete() => channel.Writer.TryComplete();
    }
}
