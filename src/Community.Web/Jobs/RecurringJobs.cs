using Hangfire;

namespace Community.Web.Jobs;

/// <summary>Every recurring job, in one place, with stable ids (re-registering updates, never duplicates).</summary>
public sealed class RecurringJobs(IRecurringJobManager jobs) : IHostedService
{
    public const string ReputationRebuild = "reputation-rebuild";
    public const string SerialVoting = "serial-voting";
    public const string BadgeSweep = "badge-sweep";
    public const string EmailOutboxSweep = "email-outbox-sweep";
    public const string DailyDigest = "daily-digest";
    public const string KnowledgeBaseSweep = "kb-outbox-sweep";
    public const string ResponseClock = "response-clock";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        jobs.AddOrUpdate<RebuildReputationJob>(ReputationRebuild, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        jobs.AddOrUpdate<ReverseSerialVotingJob>(SerialVoting, job => job.RunAsync(CancellationToken.None), Cron.Hourly(17));
        jobs.AddOrUpdate<BadgeSweepJob>(BadgeSweep, job => job.RunAsync(CancellationToken.None), Cron.Hourly(37));
        jobs.AddOrUpdate<EmailOutboxSweepJob>(EmailOutboxSweep, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<DailyDigestJob>(DailyDigest, job => job.RunAsync(CancellationToken.None), Cron.Daily(6));
        jobs.AddOrUpdate<KnowledgeBaseSweepJob>(KnowledgeBaseSweep, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<ResponseClockJob>(ResponseClock, job => job.RunAsync(CancellationToken.None), "*/10 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
