using Community.Domain.Search;
using Community.Web.Jobs;
using Community.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Jobs;

/// <summary>The nightly database upkeep: planner statistics, then the search indexes merged; registered and runnable by the host.</summary>
public sealed class DatabaseJobsTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void BothRunNightlyAsRecurringJobs()
    {
        _ = factory.Server;
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        var recurring = Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection);

        Assert.Contains(recurring, job => job.Id == RecurringJobs.PlannerStatistics && job.Cron == Cron.Daily(4));
        Assert.Contains(recurring, job => job.Id == RecurringJobs.SearchIndexMerge && job.Cron == Cron.Daily(4, 30));
    }

    [Fact]
    public async Task TheMergeRunsOnTheHostsDatabaseAndLeavesNothingToMerge()
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<MergeSearchIndexJob>().RunAsync(Ct);

        // Merged: a second run takes one step per table, each finding nothing left.
        var again = await scope.ServiceProvider.GetRequiredService<SearchIndexMerge>().MergeAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.True(again.Complete);
        Assert.Equal(again.Tables.Count, again.Steps);
    }
}
