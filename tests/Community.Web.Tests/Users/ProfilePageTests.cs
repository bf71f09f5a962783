using System.Net;
using AngleSharp.Html.Dom;
using Community.Domain.Privileges;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Users;

public sealed class ProfilePageTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string Id, string Path)> ExpertAsync()
    {
        var id = await factory.UserIdAsync(Demo.Expert);
        return (id, $"/users/{id}/priya-raman");
    }

    [Theory]
    [InlineData("/users/{0}", "")]
    [InlineData("/users/{0}/someone-else", "")]
    [InlineData("/users/{0}/old-name?history=1_2", "?history=1_2")]
    public async Task AnAddressWithoutTheRightSlugAnswers301ToTheCanonicalOne(string requested, string keptQuery)
    {
        var (id, canonical) = await ExpertAsync();

        var response = await factory.CreateBrowserlessClient().GetAsync(string.Format(requested, id), Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical + keptQuery, response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/users/no-such-member")]
    [InlineData("/users/no-such-member/no-slug")]
    public async Task AnUnknownMemberAnswers404(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateBrowserlessClient().GetAsync(path, Ct)).StatusCode);

    [Fact]
    public async Task ThePublicProfileShowsTotalsAnswersQuestionsAndTheChartButNoHistory()
    {
        var (id, path) = await ExpertAsync();
        var reputation = await ReputationAsync(id);

        var response = await factory.CreateBrowserlessClient().GetAsync(path, Ct);
        var page = await FormPoster.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(UsersSite.ExpertName, page.QuerySelector("main h1")!.TextContent);
        Assert.Equal(reputation.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector(".profile-stats .reputation")!.TextContent);
        Assert.EndsWith(path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.NotEmpty(page.QuerySelectorAll(".profile-answers li a[href^='questions/']"));
        Assert.NotNull(page.QuerySelector(".profile-questions"));
        AssertChart(page, UsersSite.ExpertName, reputation);
        Assert.Null(page.QuerySelector("#reputation-history"));
        Assert.Null(page.QuerySelector(".next-goal"));
        Assert.NotEmpty(page.QuerySelectorAll(".profile-badges a[href^='badges/']")); // the demo expert holds badges, shown publicly
        Assert.DoesNotContain("@demo.local", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task AnotherMemberSeesThePublicProfileToo()
    {
        var (_, path) = await ExpertAsync();
        var customer = await factory.SignedInClientAsync(Demo.Customer);

        var page = await customer.GetDocumentAsync(path);

        Assert.Null(page.QuerySelector("#reputation-history"));
        Assert.Null(page.QuerySelector(".next-goal"));
    }

    [Fact]
    public async Task TheOwnerAlsoSeesTheirHistoryWithReasonsAndLinksAndTheirNextGoal()
    {
        var (id, path) = await ExpertAsync();
        var expert = await factory.SignedInClientAsync(Demo.Expert);

        var response = await expert.GetAsync(path, Ct);
        var page = await FormPoster.ParseAsync(response);

        Assert.True(response.Headers.CacheControl!.NoStore, "The owner's page, with their private history, may be stored by a cache.");
        var rows = page.QuerySelectorAll("#reputation-history table.reputation-history tbody tr");
        Assert.NotEmpty(rows);
        Assert.Contains(rows, r => r.TextContent.Contains("Your answer was voted up") && r.QuerySelector("a[href*='#answer-']") is not null);
        Assert.All(rows, r => Assert.Matches(@"^(\+[\d,]+|\u2212[\d,]+|0)$", r.QuerySelectorAll("td")[1].TextContent));
        // The nearer of the next privilege and the next badge: for the demo expert, a badge is closer.
        var goal = page.QuerySelector(".next-goal .next-goal-text")?.TextContent ?? "";
        Assert.Matches(@"more .* to (earn|unlock) ", goal);
    }

    [Fact]
    public async Task AVoteUndoneWithinTheGracePeriodLeavesNoTraceInTheOwnersHistory()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (kept, keptPath) = await customer.AskAsync(QuestionForms.UniqueTitle("Kept vote"));
        var (undone, undonePath) = await customer.AskAsync(QuestionForms.UniqueTitle("Undone vote"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        foreach (var (id, path) in new[] { (kept, keptPath), (undone, undonePath) })
        {
            var up = QuestionForms.Action($"posts/{id}/vote", withButton: "button.up");
            var voted = await expert.FollowAsync(await expert.PostFormAsync(path, await expert.GetDocumentAsync(path), up));
            if (id == undone)
                await expert.PostFormAsync(path, voted, up); // the same arrow again withdraws the vote
        }

        var page = await customer.GetDocumentAsync($"/users/{await factory.UserIdAsync(Demo.Customer)}/dana-whitfield");

        var links = page.QuerySelectorAll("#reputation-history a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Contains(keptPath.TrimStart('/'), links);
        Assert.DoesNotContain(links, l => l.StartsWith($"questions/{undone}/"));
    }

    private static void AssertChart(IHtmlDocument page, string name, int reputation)
    {
        var svg = page.QuerySelector(".profile-chart svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal($"Reputation of {name} over time", svg.QuerySelector("title")!.TextContent);
        var description = svg.QuerySelector("desc")!.TextContent;
        Assert.Contains($"to {reputation.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} on", description);
        Assert.Equal($"{svg.QuerySelector("title")!.Id} {svg.QuerySelector("desc")!.Id}", svg.GetAttribute("aria-labelledby"));
        var points = svg.QuerySelector("polyline")!.GetAttribute("points")!.Split(' ');
        Assert.True(points.Length >= 2, "The line has fewer than two points.");
        Assert.NotEmpty(svg.QuerySelectorAll("text"));
    }

    private async Task<int> ReputationAsync(string id)
    {
        await using var db = await factory.DbAsync();
        return await db.Users.Where(u => u.Id == id).Select(u => u.Reputation).SingleAsync(Ct);
    }
}
