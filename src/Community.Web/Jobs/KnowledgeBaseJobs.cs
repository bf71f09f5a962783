using Community.Domain.KnowledgeBase;
using Hangfire;

namespace Community.Web.Jobs;

/// <summary>Turns one outbox entry into its article. Hangfire retries a failure; after those, the sweep; after that, an admin.</summary>
public sealed class KnowledgeBaseFeedJob(KnowledgeBaseFeed feed)
{
    [JobDisplayName("Knowledge base: outbox entry {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public Task RunAsync(long entryId, CancellationToken cancellationToken) => feed.ProcessAsync(entryId, cancellationToken);
}

/// <summary>
/// The catch-all (DESIGN.md §6): every entry not done, older than the grace period and not given up on, is enqueued
/// again. Jobs live in memory, so after a restart this is what finishes the work the old process had queued.
/// </summary>
public sealed class KnowledgeBaseSweepJob(KnowledgeBaseFeed feed, IBackgroundJobClient jobs, ILogger<KnowledgeBaseSweepJob> logger)
{
    [JobDisplayName("Knowledge base: sweep the outbox")]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var pending = await feed.PendingAsync(cancellationToken: cancellationToken);
        foreach (var (entryId, questionId) in pending)
        {
            jobs.Enqueue<KnowledgeBaseFeedJob>(job => job.RunAsync(entryId, CancellationToken.None));
            logger.LogInformation("Knowledge-base sweep re-enqueued outbox entry {EntryId} for thread {QuestionId}", entryId, questionId);
        }
        if (pending.Count > 0)
            logger.LogInformation("Knowledge-base sweep re-enqueued {Entries} outbox entries", pending.Count);
    }
}

/// <summary>How the domain hands a committed outbox entry to Hangfire (see OutboxDispatchInterceptor).</summary>
public sealed class HangfireKnowledgeBaseFeedQueue(IBackgroundJobClient jobs, ILogger<HangfireKnowledgeBaseFeedQueue> logger) : IKnowledgeBaseFeedQueue
{
    public void Enqueue(long entryId, int questionId)
    {
        var jobId = jobs.Enqueue<KnowledgeBaseFeedJob>(job => job.RunAsync(entryId, CancellationToken.None));
        logger.LogInformation("Enqueued knowledge-base job {JobId} for outbox entry {EntryId}, thread {QuestionId}", jobId, entryId, questionId);
    }
}

public static class KnowledgeBaseJobs
{
    public static IServiceCollection AddKnowledgeBaseJobs(this IServiceCollection services)
    {
        services.AddSingleton(provider => provider.GetRequiredService<IConfiguration>().GetSection(KnowledgeBaseOptions.Section).Get<KnowledgeBaseOptions>() ?? new KnowledgeBaseOptions());
        services.AddSingleton<IKnowledgeBaseFeedQueue, HangfireKnowledgeBaseFeedQueue>();
        services.AddTransient<KnowledgeBaseFeedJob>();
        services.AddTransient<KnowledgeBaseSweepJob>();
        return services;
    }
}
