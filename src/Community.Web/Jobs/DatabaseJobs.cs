using Community.Domain.Persistence;
using Community.Domain.Search;

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

/// <summary>
/// The full-text indexes merged daily into one segment each (<see cref="SearchIndexMerge"/>), after the planner's
/// statistics. Two minutes at most a run, in short steps; what is left goes on the next night.
/// </summary>
public sealed class MergeSearchIndexJob(SearchIndexMerge merge, ILogger<MergeSearchIndexJob> logger)
{
    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var outcome = await merge.MergeAsync(Budget, cancellationToken);
        if (outcome.Tables.Count > 0)
            logger.LogInformation("Merged the search indexes {Tables} in {Steps} steps ({State})", string.Join(", ", outcome.Tables), outcome.Steps,
                outcome.Complete ? "one segment each" : "to be continued");
    }
}
