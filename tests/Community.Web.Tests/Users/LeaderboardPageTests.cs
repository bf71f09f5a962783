using System.Net;
using AngleSharp.Html.Dom;
using Community.Domain.Questions;
using Community.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Users;

public sealed class LeaderboardPageTests(FreshLeaderboardFactory factory) : IClassFixture<FreshLeaderboardFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<(string Rank, string Name, string Href, string? Points, string Reputation)> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("table.leaderboard tbody tr").Select(row => (
            row.QuerySelector(".rank")!.TextContent,
            row.QuerySelector("a")!.TextContent,
            row.QuerySelector("a")!.GetAttribute("href")!,
            row.QuerySelector(".points")?.TextContent,
            row.QuerySelector(".reputation")!.TextContent)).ToList();

    private static string CurrentTab(IHtmlDocument page) => page.QuerySelector("nav.tabs a[aria-current=page]")!.TextContent;

    [Fact]
    public async Task AllTimeRanksMembersByReputationWithLinksToTheirProfiles()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/users?period=all");

        var rows = Rows(page);
        Assert.Equal("All time", CurrentTab(page));
        Assert.InRange(rows.Count, 5, 100);
        var reputations = rows.Select(r => int.Parse(r.Reputation.Replace(",", ""))).ToList();
        Assert.Equal(reputations.OrderDescending(), reputations);
        Assert.Equal("#1", rows[0].Rank);
        // The demo's top contributor leads every demo member; only the six-figure members other tests of this class add
        // (in whatever order the tests run) may stand above her.
        var expert = rows.FindIndex(r => r.Name == UsersSite.ExpertName);
        Assert.All(rows.Take(expert), r => Assert.True(int.Parse(r.Reputation.Replace(",", "")) >= 100_000, $"{r.Name} outranks the expert"));
        Assert.Equal($"users/{await factory.UserIdAsync("expert@demo.local")}/priya-raman", rows[expert].Href);
        Assert.All(rows, r => Assert.Null(r.Points));
    }

    [Fact]
    public async Task APeriodCountsOnlyWhatWasGainedSinceItStarted()
    {
        var now = DateTime.UtcNow;
        var recent = await factory.AddMemberAsync("Recent Riley", (now.AddMinutes(-1), 500_000));
        var veteran = await factory.AddMemberAsync("Veteran Vic", (now.AddDays(-400), 900_000));
        var client = factory.CreateClient();

        var week = Rows(await client.GetDocumentAsync("/users"));
        var year = Rows(await client.GetDocumentAsync("/users?period=year"));
        var all = Rows(await client.GetDocumentAsync("/users?period=all"));

        Assert.Equal(("#1", recent.Name, "+500,000"), (week[0].Rank, week[0].Name, week[0].Points));
        Assert.Equal("500,001", week[0].Reputation);
        Assert.DoesNotContain(week, r => r.Name == veteran.Name);
        Assert.Equal(recent.Name, year[0].Name);
        Assert.DoesNotContain(year, r => r.Name == veteran.Name);
        Assert.Equal([veteran.Name, recent.Name], all.Take(2).Select(r => r.Name));
    }

    [Fact]
    public async Task TheSignedInMembersOwnRowIsMarkedWhenItIsInTheList()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("expert@demo.local", CommunityWebFactory.DemoPassword);

        var page = await client.GetDocumentAsync("/users?period=all");

        var mine = page.QuerySelector("table.leaderboard tr.me")!;
        Assert.Equal(UsersSite.ExpertName, mine.QuerySelector("a")!.TextContent);
        Assert.Contains("(you)", mine.TextContent);
        Assert.Null(page.QuerySelector(".my-standing"));
    }

    [Theory]
    [InlineData("/users", "Week")]
    [InlineData("/users?period=month", "Month")]
    [InlineData("/users?period=YEAR", "Year")]
    [InlineData("/users?period=decade", "Week")]
    public async Task ThePeriodIsChosenByTheAddress(string path, string tab)
    {
        var response = await factory.CreateClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tab, CurrentTab(await FormPoster.ParseAsync(response)));
    }

    [Fact]
    public async Task ATagsBoardRanksAnswerersByTheTotalScoreOfTheirAnswersInIt()
    {
        // The expected board, worked out from the stored posts independently of the page's query.
        await using var db = await factory.DbAsync();
        var tag = await db.Tags.OrderByDescending(t => t.Questions.Count).Select(t => t.Name).FirstAsync(Ct);
        var answers = await db.Answers.Where(a => a.DeletedAt == null && a.Question!.DeletedAt == null && a.Question.Tags.Any(t => t.Name == tag))
            .Select(a => new { a.Author!.DisplayName, a.Score }).ToListAsync(Ct);
        var expected = answers.GroupBy(a => a.DisplayName).Select(g => (Name: g.Key, Score: g.Sum(a => a.Score)))
            .Where(t => t.Score > 0).OrderByDescending(t => t.Score).ToList();

        var page = await factory.CreateClient().GetDocumentAsync($"/users?tag={tag.ToUpperInvariant()}");

        var rows = Rows(page);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(e => e.Score.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r.Points));
        Assert.Equal(expected.Select(e => e.Name).Order(), rows.Select(r => r.Name).Order());
        Assert.Equal($"Top answerers in [{tag}]", page.QuerySelector("h2.leaderboard-title")!.TextContent);
        Assert.Null(page.QuerySelector("nav.tabs a[aria-current=page]"));
        Assert.Equal(tag, page.QuerySelector("form.leaderboard-tag input[name=tag]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AnUnknownTagAnswers404()
    {
        var response = await factory.CreateClient().GetAsync("/users?tag=no-such-tag", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/users")]
    [InlineData("/users?period=all")]
    [InlineData("/users?tag=firmware")]
    public async Task TheLeaderboardNeverShowsAnEmailAddress(string path) =>
        Assert.DoesNotContain("@demo.local", await factory.CreateClient().GetStringAsync(path, Ct));
}
