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
        var queue = new ChannelFeedQueue();
        var profile = SqlProfile.FromEnvironment();
        await using var domain = WriteScenarios.Domain(data.ConnectionString, services =>
        {
            services.AddSingleton<IKnowledgeBaseFeedQueue>(queue);
            profile?.Register(services);
        });
        var accept = domain.GetRequiredService<Community.Domain.Questions.AcceptAnswer>();
        var feed = domain.GetRequiredService<KnowledgeBaseFeed>();
        var contexts = domain.GetRequiredService<IDbContextFactory<CommunityDbContext>>();

        var wanted = context.All.Smoke ? 20 : context.All.KnowledgeBaseThreads;
        var threads = await UnresolvedThreadsAsync(contexts, wanted);
        if (threads.Count == 0)
        {
            context.Rows.Add(ResultRow.NotMeasured("Knowledge-base feed: resolved threads through the outbox and jobs", "≥ 300 threads/s",
                "no unresolved thread with an answer by someone else left in the dataset"));
            return;
        }

        var feedWorkers = Math.Max(2, Environment.ProcessorCount);
        var acceptors = int.TryParse(Environment.GetEnvironmentVariable("BENCH_KB_ACCEPTORS"), out var a) ? a : context.All.Smoke ? 2 : 16;
        var processed = new ConcurrentDictionary<long, int>();
        var failures = new ConcurrentBag<string>();
        var feedLatency = new ConcurrentBag<double>();
        var retries = 0;
        var next = -1;
        var acceptedCount = 0;
        var limit = TimeSpan.FromSeconds(context.All.Smoke ? 60 : Math.Max(120, wanted / 10.0));

        var run = await context.WatchAsync(async () =>
        {
            var clock = Stopwatch.StartNew();
            using var stop = new CancellationTokenSource(limit);
            var workers = Enumerable.Range(0, feedWorkers).Select(_ => Task.Run(async () =>
            {
                await foreach (var entry in queue.Reader.ReadAllAsync(stop.Token))
                {
                    try
                    {
                        var outcome = await feed.ProcessAsync(entry.EntryId, stop.Token);
                        processed.AddOrUpdate(entry.EntryId, outcome == EntryOutcome.Done ? 1 : 0, (_, n) => n + (outcome == EntryOutcome.Done ? 1 : 0));
                        feedLatency.Add(Stopwatch.GetElapsedTime(entry.EnqueuedAt).TotalMilliseconds);
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

            var accepting = await WriteScenarios.Concurrently(acceptors, limit, async () =>
            {
                var i = Interlocked.Increment(ref next);
                if (i >= threads.Count)
                    return false;
                var (_, asker, answer) = threads[i];
                var result = await accept.AcceptAsync(new Actor(asker, false, "127.0.0.1"), answer, stop.Token);
                if (!result.Succeeded)
                    failures.Add(result.Message ?? result.Failure.ToString());
                else
                    Interlocked.Increment(ref acceptedCount);
                return result.Succeeded;
            }, until: () => Volatile.Read(ref next) >= threads.Count - 1);
            var acceptSeconds = clock.Elapsed.TotalSeconds;

            // Every entry written has been handed over; the feed finishes them.
            while (processed.Count(p => p.Value > 0) < Volatile.Read(ref acceptedCount) && !stop.IsCancellationRequested)
                await Task.Delay(5);
            var seconds = clock.Elapsed.TotalSeconds;
            queue.Complete();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
            _ = accepting;
            return (AcceptSeconds: acceptSeconds, Seconds: seconds);
        });

        var ids = threads.Select(t => t.Question).ToList();
        var check = await CheckAsync(contexts, ids);
        var accepted = acceptedCount;
        var throughput = check.Arrived / run.Result.Seconds;
        var doubled = processed.Count(p => p.Value > 1);
        var exactlyOnce = check.Arrived == threads.Count && check.Duplicates == 0 && check.Missing == 0 && doubled == 0;
        var latency = new Timing(feedLatency.ToList());
        profile?.Print(threads.Count);
        Console.WriteLine($"  {threads.Count:N0} threads: accepted {accepted:N0} in {run.Result.AcceptSeconds:F1} s, all fed in {run.Result.Seconds:F1} s "
            + $"({throughput:N0} threads/s); articles {check.Arrived:N0}, missing {check.Missing}, duplicated {check.Duplicates + doubled}, retries {retries}");
        context.Rows.Add(new ResultRow($"Knowledge-base feed: resolved threads through the outbox and jobs ({threads.Count:N0} threads)",
            ResultRow.PerSecond(throughput, "threads/s"), "—", null, latency.Median, latency.P99, "≥ 300 threads/s, each exactly once",
            throughput >= 300 && exactlyOnce, run.Others.ToString(),
            $"AcceptAnswer × {acceptors} at once ({accepted / run.Result.AcceptSeconds:N0}/s alone), {feedWorkers} feed workers running the job body (KnowledgeBaseFeed.ProcessAsync); "
            + $"p50/p99: commit → entry done; "
            + (exactlyOnce ? "every thread arrived exactly once (one article, one entry done)" : $"NOT EXACTLY ONCE: {check.Missing} missing, {check.Duplicates} extra articles/entries, {doubled} entries done twice")
            + (retries == 0 ? "" : $"; {retries} job failures retried ({failures.FirstOrDefault()})")
            + (failures.IsEmpty || retries > 0 ? "" : $"; refused: {failures.First()}")));
    }

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
