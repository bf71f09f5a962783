using Community.Web.Database;
using Community.Web.Tests.Infrastructure;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Community.Web.Tests.Hosting;

/// <summary>
/// The host starts its services together, so the server listens while the migrations are checked: requests and the job
/// server wait for the database instead (<see cref="DatabaseReady"/>).
/// </summary>
public sealed class StartUpTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task ARequestDuringStartUpIsHeldUntilTheDatabaseIsReady()
    {
        var database = new DatabaseReady();
        var served = false;
        var request = DatabaseReady.WaitForDatabaseAsync(Request(database), () => { served = true; return Task.CompletedTask; });

        await Task.Yield();
        Assert.False(request.IsCompleted);
        Assert.False(served);

        database.Open();
        await request.WaitAsync(TestContext.Current.CancellationToken);
        Assert.True(served);
    }

    [Fact]
    public async Task AStartThatFailsFailsTheHeldRequestsWithItsReason()
    {
        var database = new DatabaseReady();
        var request = DatabaseReady.WaitForDatabaseAsync(Request(database), () => throw new InvalidOperationException("must not be served"));

        database.Fail(new TimeoutException("the database did not answer"));

        var failure = await Assert.ThrowsAsync<TimeoutException>(() => request);
        Assert.Equal("the database did not answer", failure.Message);
    }

    [Fact]
    public async Task TheJobServerStartsOnlyOnceTheDatabaseIsReady()
    {
        var database = new DatabaseReady();
        var server = new RecordingService();
        var wrapped = new StartsAfterDatabase(server, database);

        var starting = wrapped.StartAsync(TestContext.Current.CancellationToken);
        await Task.Yield();
        Assert.False(starting.IsCompleted);
        Assert.Equal(0, server.Starts);

        database.Open();
        await starting.WaitAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, server.Starts);
        await wrapped.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, server.Stops);
    }

    [Fact]
    public async Task AServerThatNeverStartedIsNotStopped()
    {
        var server = new RecordingService();
        var wrapped = new StartsAfterDatabase(server, new DatabaseReady());

        await wrapped.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, server.Stops);
    }

    [Fact]
    public async Task TheAppStartsItsServicesTogetherWithTheJobsBehindTheDatabase()
    {
        _ = factory.CreateClient();
        Assert.True(factory.Services.GetRequiredService<IOptions<HostOptions>>().Value.ServicesStartConcurrently);
        Assert.True(factory.Services.GetRequiredService<DatabaseReady>().IsOpen);

        var hosted = factory.Services.GetServices<IHostedService>().ToList();
        Assert.DoesNotContain(hosted, service => service is BackgroundJobServerHostedService);
        Assert.DoesNotContain(hosted, service => service is Community.Web.Jobs.RecurringJobs);
        var afterDatabase = hosted.OfType<StartsAfterDatabase>().Select(service => service.Inner.GetType()).ToList();
        Assert.Equal([typeof(BackgroundJobServerHostedService), typeof(Community.Web.Jobs.RecurringJobs)], afterDatabase);

        var home = await factory.CreateClient().GetAsync("/", TestContext.Current.CancellationToken);
        home.EnsureSuccessStatusCode();
    }

    private static DefaultHttpContext Request(DatabaseReady database) => new()
    {
        RequestServices = new ServiceCollection().AddSingleton(database).BuildServiceProvider(),
    };

    private sealed class RecordingService : IHostedService
    {
        public int Starts { get; private set; }
        public int Stops { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            Starts++;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            Stops++;
            return Task.CompletedTask;
        }
    }
}
