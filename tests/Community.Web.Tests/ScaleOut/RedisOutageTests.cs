using System.Net;
using Community.Domain.Notifications;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.ScaleOut;

/// <summary>A node whose Redis has gone away keeps serving: pages are rendered, not cached, and it says it is degraded.</summary>
public sealed class RedisOutageTests : IAsyncLifetime
{
    private readonly RedisServer redis = new();
    private RedisNodes.Node node = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await redis.InitializeAsync();
        node = new RedisNodes.Node(null, redis);
        _ = node.Services;
        // Signed in and a key made while Redis was there; then it fails.
        _ = node.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("outage").Protect("warm");
        await redis.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await node.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task PagesStillRenderAndSigningInStillWorks()
    {
        redis.Require();
        var visitor = node.CreateBrowserlessClient();

        foreach (var page in new[] { "/", "/questions", "/kb", "/tags" })
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(page, Ct)).StatusCode);
        var member = await node.SignedInClientAsync(Demo.Customer);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/Account/Manage", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheCacheStoreMissesInsteadOfFailing()
    {
        redis.Require();
        var store = node.Services.GetRequiredService<IOutputCacheStore>();

        await store.SetAsync("page", [1, 2, 3], ["tag"], TimeSpan.FromMinutes(1), Ct);
        await store.EvictByTagAsync("tag", Ct);

        Assert.Null(await store.GetAsync("page", Ct));
    }

    [Fact]
    public async Task ItsOwnPagesStillHearItsEvents()
    {
        redis.Require();
        var heard = new TaskCompletionSource<QuestionActivity>(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = node.Services.GetRequiredService<ILiveEvents>();
        using var page = live.OnQuestion(7, activity =>
        {
            heard.TrySetResult(activity);
            return Task.CompletedTask;
        });

        live.Publish(new QuestionActivity(7, QuestionChange.NewAnswer, 70, "someone"));

        Assert.Equal(70, (await heard.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct)).PostId);
    }

    [Fact]
    public async Task HealthSaysDegradedNotDown()
    {
        redis.Require();

        var response = await node.CreateClient().GetAsync("/healthz", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Degraded", await response.Content.ReadAsStringAsync(Ct));
    }
}
