using Community.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Jobs;

/// <summary>
/// Two hosts in one process (as the test hosts are) keep their jobs apart: a job enqueued on one never runs on the other's
/// workers, nor is built from the other's services (its database).
/// </summary>
public sealed class JobStoragePerHostTests
{
    [Fact]
    public async Task AJobEnqueuedOnOneHostIsUnknownToTheOther()
    {
        await using var first = new CommunityWebFactory();
        await using var second = new CommunityWebFactory();
        var firstStorage = first.Services.GetRequiredService<JobStorage>();
        var secondStorage = second.Services.GetRequiredService<JobStorage>();
        Assert.NotSame(firstStorage, secondStorage);
        Assert.NotSame(first.Services.GetRequiredService<JobActivator>(), second.Services.GetRequiredService<JobActivator>());

        var id = first.Services.GetRequiredService<IBackgroundJobClient>().Schedule(() => Console.WriteLine("later"), TimeSpan.FromDays(1));

        using (var connection = firstStorage.GetConnection())
            Assert.NotNull(connection.GetJobData(id));
        using (var connection = secondStorage.GetConnection())
            Assert.Null(connection.GetJobData(id));
    }
}
