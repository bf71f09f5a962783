using System.Net;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;
using Community.Web.Accounts;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Help;

/// <summary>The app with some points and thresholds changed in its settings: the help pages and the policies follow them.</summary>
public sealed class CustomRulesFactory : CommunityWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Reputation:AnswerAccepted", "20"),
        new("Reputation:DailyVoteCap", "150"),
        new("Reputation:VoteGracePeriod", "00:10:00"),
        new("Privileges:VoteDown", "200"),
    ];
}

public sealed class HelpPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static string Points(IHtmlDocument page, string reason) => page.QuerySelector($"tr[data-event={reason}] td.num")!.TextContent;

    internal static string Threshold(IHtmlDocument page, string privilege) => page.QuerySelector($"tr[data-privilege={privilege}] .threshold")!.TextContent;

    [Fact]
    public async Task TheReputationPageShowsThePointsForEachEventAndTheFairPlayRules()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/help/reputation");

        Assert.Equal("How reputation works", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal("+10", Points(page, "QuestionUpvoted"));
        Assert.Equal("+10", Points(page, "AnswerUpvoted"));
        Assert.Equal("+15", Points(page, "AnswerAccepted"));
        Assert.Equal("+2", Points(page, "AcceptedAnAnswer"));
        Assert.Equal("\u22122", Points(page, "PostDownvoted"));
        Assert.Equal("\u22121", Points(page, "DownvotedAnswer"));
        Assert.Contains("at most +200 a day", page.QuerySelector(".daily-cap")!.TextContent);
        Assert.Contains("never goes below 1", page.QuerySelector(".daily-cap")!.TextContent);
        var rules = System.Text.RegularExpressions.Regex.Replace(page.QuerySelector(".fair-play")!.TextContent, @"\s+", " ");
        Assert.Contains("own votes", rules);
        Assert.Contains("staff", rules);
        Assert.Contains("within 5 minutes leaves no trace", rules);
        Assert.Contains("Serial voting is reversed", rules);
        Assert.Contains("10 or more times on another member's posts within 24 hours", rules);
        Assert.Contains("post is deleted", rules);
    }

    [Fact]
    public async Task ThePrivilegesPageListsEachThresholdAndAsksAVisitorToSignIn()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/help/privileges");

        Assert.Equal(8, page.QuerySelectorAll("table.privileges-table tbody tr").Length);
        Assert.Equal("125", Threshold(page, "VoteDown"));
        Assert.Equal("10,000", Threshold(page, "AccessReviewQueues"));
        Assert.Empty(page.QuerySelectorAll("table.privileges-table progress"));
        Assert.NotNull(page.QuerySelector("a[href^='Account/Login']"));
    }

    [Fact]
    public async Task AMemberSeesWhichPrivilegesTheyHoldAndTheirProgressTowardsTheOthers()
    {
        var member = await factory.AddSignInMemberAsync("Progress Pat", (DateTime.UtcNow, 99)); // reputation 100
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(member.Email, CommunityWebFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/help/privileges");

        Assert.Equal("100", page.QuerySelector(".my-reputation .reputation")!.TextContent);
        Assert.Equal(["VoteUp", "Flag", "CommentEverywhere"], page.QuerySelectorAll("tr.held").Select(r => r.GetAttribute("data-privilege")));
        var voteDown = page.QuerySelector("tr[data-privilege=VoteDown] progress")!;
        Assert.Equal(("125", "100"), (voteDown.GetAttribute("max"), voteDown.GetAttribute("value")));
        Assert.Equal("100 of 125", page.QuerySelector("tr[data-privilege=VoteDown] .progress-text")!.TextContent);
        Assert.Equal("Next goal: 25 more reputation to unlock voting down", page.QuerySelector(".next-goal-text")!.TextContent);
    }

    [Fact]
    public async Task AModeratorHoldsEveryPrivilege()
    {
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);

        var page = await moderator.GetDocumentAsync("/help/privileges");

        Assert.Equal(8, page.QuerySelectorAll("table.privileges-table tbody tr.held").Length);
        Assert.Null(page.QuerySelector(".next-goal"));
    }

    [Fact]
    public async Task TheHelpIndexLinksToBothPages()
    {
        var response = await factory.CreateClient().GetAsync("/help", Ct);
        var page = await FormPoster.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["help/reputation", "help/privileges"], page.QuerySelectorAll("main a").Select(a => a.GetAttribute("href")));
    }
}

public sealed class ConfiguredRulesTests(CustomRulesFactory factory) : IClassFixture<CustomRulesFactory>
{
    [Fact]
    public async Task TheReputationPageShowsThePointsFromTheSettings()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/help/reputation");

        Assert.Equal("+20", HelpPagesTests.Points(page, "AnswerAccepted"));
        Assert.Contains("at most +150 a day", page.QuerySelector(".daily-cap")!.TextContent);
        Assert.Contains("within 10 minutes", page.QuerySelector(".fair-play")!.TextContent);
    }

    [Fact]
    public async Task ThePrivilegesPageAndThePolicyUseTheThresholdFromTheSettings()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/help/privileges");
        Assert.Equal("200", HelpPagesTests.Threshold(page, "VoteDown"));

        var (id, _) = await factory.AddMemberAsync("Configured Cam", (DateTime.UtcNow, 149)); // 150: enough by default, not here
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var result = await authorization.AuthorizeAsync(await factory.PrincipalAsync(id), PrivilegePolicies.VoteDown);
        Assert.False(result.Succeeded);
    }
}
