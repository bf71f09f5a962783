using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Jobs;

public sealed class HangfireDashboardTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task AnAdminSeesTheDashboard()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("admin@demo.local", CommunityWebFactory.DemoPassword);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Community background jobs", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("customer@demo.local")]
    [InlineData("moderator@demo.local")]
    [InlineData("staff@demo.local")]
    public async Task AnyoneElseSignedInIsRefused(string email)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email, CommunityWebFactory.DemoPassword);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/jobs/enqueued")]
    public async Task AnAnonymousVisitorIsSentToSignIn(string path)
    {
        var response = await factory.CreateBrowserlessClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }
}
