using Community.Domain.Notifications;
using Community.Web.Notifications;
using Hangfire;

namespace Community.Web.Jobs;

/// <summary>Sends one notification e-mail; a failure is recorded on the entry and retried by Hangfire, then by the sweep.</summary>
public sealed class SendNotificationEmailJob(NotificationEmailSender sender)
{
    [AutomaticRetry(Attempts = 3)]
    public Task RunAsync(long outboxEntryId, CancellationToken cancellationToken) => sender.SendAsync(outboxEntryId, cancellationToken);
}

/// <summary>Re-enqueues e-mails a lost job left unsent (the default job storage is in memory).</summary>
public sealed class EmailOutboxSweepJob(NotificationMail mail, IBackgroundJobClient jobs, ILogger<EmailOutboxSweepJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var stranded = await mail.StrandedAsync(cancellationToken);
        foreach (var id in stranded)
            jobs.Enqueue<SendNotificationEmailJob>(job => job.RunAsync(id, CancellationToken.None));
        if (stranded.Count > 0)
            logger.LogInformation("Re-enqueued {Count} unsent notification e-mails", stranded.Count);
    }
}

/// <summary>Each morning, yesterday's digest for every member who wants one; queuing twice queues nothing more.</summary>
public sealed class DailyDigestJob(NotificationMail mail, IBackgroundJobClient jobs, TimeProvider time)
{
    [DisableConcurrentExecution(timeoutInSeconds: 300)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var yesterday = time.GetUtcNow().UtcDateTime.Date.AddDays(-1);
        foreach (var id in await mail.QueueDigestsAsync(yesterday, cancellationToken))
            jobs.Enqueue<SendNotificationEmailJob>(job => job.RunAsync(id, CancellationToken.None));
    }
}

/// <summary>The domain's hand-off of a committed e-mail entry to Hangfire.</summary>
public sealed class HangfireEmailOutboxQueue(IBackgroundJobClient jobs) : IEmailOutboxQueue
{
    public void Enqueue(long outboxEntryId) => jobs.Enqueue<SendNotificationEmailJob>(job => job.RunAsync(outboxEntryId, CancellationToken.None));
}
