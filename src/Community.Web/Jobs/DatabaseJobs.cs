using Community.Domain.Persistence;

namespace Community.Web.Jobs;

/// <summary>The query planner's statistics refreshed daily (<see cref="PlannerStatistics"/>), in the quiet hours.</summary>
public sealed class RefreshPlannerStatisticsJob(PlannerStatistics statistics, ILogger<RefreshPlannerStatisticsJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await statistics.RefreshAsync(cancellationToken))
            logger.LogInformation("Refreshed the query planner's statistics");
    }
}
