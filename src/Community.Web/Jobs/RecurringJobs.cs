using Hangfire;

namespace Community.Web.Jobs;

/// <summary>Every recurring job, in one place, with stable ids (re-registering updates, never duplicates).</summary>
public sealed class RecurringJobs(IRecurringJobManager jobs, ILogger<RecurringJobs> logger) : IHostedService
{
    private readonly CancellationTokenSource stopping = new();

    public const string ReputationRebuild = "reputation-rebuild";
    public const string SerialVoting = "serial-voting";
    public const string BadgeSweep = "badge-sweep";
    public const string EmailOutboxSweep = "email-outbox-sweep";
    public const string DailyDigest = "daily-digest";
    public const string KnowledgeBaseSweep = "kb-outbox-sweep";
    public const string ResponseClock = "response-clock";
    public const string PlannerStatistics = "planner-statistics";
    public const string SearchIndexMerge = "search-index-merge";

    /// <summary>
    /// Registers every recurring job. On shared storage a node that crashed can leave a recurring job's lock held until
    /// the lock expires; a node starting meanwhile registers again in the background instead of failing to start.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            Register();
        }
        catch (Exception e) when (e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
        {
            logger.LogWarning(e, "A recurring job's lock is held (by a node that stopped?); registering again in the background");
            _ = RegisterLaterAsync(stopping.Token);
        }
        return Task.CompletedTask;
    }

    private async Task RegisterLaterAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
                Register();
                logger.LogInformation("Recurring jobs registered");
                return;
            }
            catch (Exception e) when (e is Hangfire.Storage.DistributedLockTimeoutException or Hangfire.PostgreSql.PostgreSqlDistributedLockException)
            {
                logger.LogWarning("A recurring job's lock is still held; trying again");
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Register()
    {
        jobs.AddOrUpdate<RebuildReputationJob>(ReputationRebuild, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        jobs.AddOrUpdate<ReverseSerialVotingJob>(SerialVoting, job => job.RunAsync(CancellationToken.None), Cron.Hourly(17));
        jobs.AddOrUpdate<BadgeSweepJob>(BadgeSweep, job => job.RunAsync(CancellationToken.None), Cron.Hourly(37));
        jobs.AddOrUpdate<EmailOutboxSweepJob>(EmailOutboxSweep, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<DailyDigestJob>(DailyDigest, job => job.RunAsync(CancellationToken.None), Cron.Daily(6));
        jobs.AddOrUpdate<KnowledgeBaseSweepJob>(KnowledgeBaseSweep, job => job.RunAsync(CancellationToken.None), "*/5 * * * *");
        jobs.AddOrUpdate<ResponseClockJob>(ResponseClock, job => job.RunAsync(CancellationToken.None), "*/10 * * * *");
        jobs.AddOrUpdate<RefreshPlannerStatisticsJob>(PlannerStatistics, job => job.RunAsync(CancellationToken.None), Cron.Daily(4));
        jobs.AddOrUpdate<MergeSearchIndexJob>(SearchIndexMerge, job => job.RunAsync(CancellationToken.None), Cron.Daily(4, 30));
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Cancel();
        return Task.CompletedTask;
    }
}
