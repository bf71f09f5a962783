using Community.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Users;

/// <summary>A signed-in member outside the top 100 is told their rank.</summary>
public sealed class LeaderboardStandingTests(FreshLeaderboardFactory factory) : IClassFixture<FreshLeaderboardFactory>, IAsyncLifetime
{
    private const string Customer = "customer@demo.local";

    public async ValueTask InitializeAsync()
    {
        // xunit makes a new instance per test; the shared app gets its leaders once.
        await using (var db = await factory.DbAsync())
        {
            if (await db.Users.AnyAsync(u => u.DisplayName.StartsWith("Leader "), TestContext.Current.CancellationToken))
                return;
        }
        var now = DateTime.UtcNow.AddMinutes(-1);
        // 101 members tied at the top, and the customer just below them: #102 of the week and of all time.
        for (var i = 0; i < 101; i++)
            await factory.AddMemberAsync($"Leader {i}", (now, 1_000_000));
        await factory.CreditAsync(await factory.UserIdAsync(Customer), (now, 900_000));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Theory]
    [InlineData("/users", "You are #102 this week.")]
    [InlineData("/users?period=month", "You are #102 this month.")]
    [InlineData("/users?period=all", "You are #102 of all time.")]
    public async Task AMemberOutsideTheTop100IsToldTheirRank(string path, string standing)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(Customer, CommunityWebFactory.DemoPassword);

        var page = await client.GetDocumentAsync(path);

        Assert.Equal(standing, page.QuerySelector(".my-standing")!.TextContent);
        Assert.Equal(100, page.QuerySelectorAll("table.leaderboard tbody tr").Length);
        Assert.All(page.QuerySelectorAll(".rank"), rank => Assert.Equal("#1", rank.TextContent));
        Assert.DoesNotContain(page.QuerySelectorAll("table.leaderboard a"), a => a.TextContent == UsersSite.CustomerName);
    }

    [Fact]
    public async Task AVisitorIsToldNoRank()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/users");

        Assert.Null(page.QuerySelector(".my-standing"));
    }
}
