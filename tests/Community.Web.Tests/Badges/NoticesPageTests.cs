using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Badges;

public sealed class NoticesPageTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignIn()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/notices", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task AMemberSeesTheBadgesTheyEarnedAndMarksThemRead()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("expert@demo.local", CommunityWebFactory.DemoPassword);

        var before = await client.GetDocumentAsync("/notices");
        Assert.Contains(before.QuerySelectorAll(".notice-list li.unread"), li => li.TextContent.Contains("You earned the bronze badge Teacher"));
        // After each earning, the next goal is beside the notices.
        Assert.Contains("Next goal:", before.QuerySelector(".next-goal")!.TextContent);

        var posted = await client.SubmitFormAsync("/notices", new Dictionary<string, string> { ["markAllRead"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var after = await client.GetDocumentAsync("/notices");
        Assert.Empty(after.QuerySelectorAll(".notice-list li.unread"));
        Assert.Equal(before.QuerySelectorAll(".notice-list li").Length, after.QuerySelectorAll(".notice-list li").Length);
        Assert.Null(after.QuerySelector("form input[name=markAllRead]"));
    }

    [Fact]
    public async Task MarkingReadWithoutTheAntiforgeryTokenIsRefused()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("customer@demo.local", CommunityWebFactory.DemoPassword);

        var response = await client.PostAsync("/notices", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "mark-notices-read", ["markAllRead"] = "1",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty((await client.GetDocumentAsync("/notices")).QuerySelectorAll(".notice-list li.unread"));
    }
}
