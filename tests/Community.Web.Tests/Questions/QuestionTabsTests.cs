using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Community.Domain.Questions;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>
/// /questions tabs and keyset paging over the 60 demo questions. This class writes nothing, so its factory's
/// list stays exactly the seeded one.
/// </summary>
public sealed class QuestionTabsTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private const int DemoQuestionCount = 60;

    private sealed record Row(int Id, string Title, int Score, bool Accepted, DateTime AskedAt);

    private static List<Row> Rows(IHtmlDocument page) => page.QuerySelectorAll(".question-list .question-row").Select(row => new Row(
        QuestionForms.QuestionId(row.QuerySelector("h3 a")!.GetAttribute("href")!),
        row.QuerySelector("h3 a")!.TextContent,
        int.Parse(row.QuerySelector(".question-stats strong")!.TextContent),
        row.QuerySelector(".answered-accepted") is not null,
        DateTime.Parse(row.QuerySelector(".question-meta time")!.GetAttribute("datetime")!, null, System.Globalization.DateTimeStyles.RoundtripKind))).ToList();

    private static IElement? NextLink(IHtmlDocument page) => page.QuerySelector("nav.pager a[rel=next]");

    [Fact]
    public async Task TheTabsListTheQuestionsInDifferentOrders()
    {
        var client = factory.CreateClient();

        var newest = Rows(await client.GetDocumentAsync("/questions?sort=newest"));
        var unanswered = Rows(await client.GetDocumentAsync("/questions?sort=unanswered"));
        var top = Rows(await client.GetDocumentAsync("/questions?sort=top"));

        Assert.Equal(QuestionQueries.PageSize, newest.Count);
        Assert.Equal(QuestionQueries.PageSize, top.Count);
        Assert.NotEmpty(unanswered);
        Assert.NotEqual(newest.Select(r => r.Id), top.Select(r => r.Id));
        Assert.NotEqual(newest.Select(r => r.Id), unanswered.Select(r => r.Id));
        Assert.NotEqual(top.Select(r => r.Id), unanswered.Select(r => r.Id));

        Assert.Equal(newest.OrderByDescending(r => r.AskedAt).ThenByDescending(r => r.Id).Select(r => r.Id), newest.Select(r => r.Id));
        Assert.Equal(top.OrderByDescending(r => r.Score).ThenByDescending(r => r.Id).Select(r => r.Id), top.Select(r => r.Id));
        Assert.True(top[0].Score > top[^1].Score, "The top tab should start with a higher score than it ends with.");
        Assert.Equal(unanswered.OrderByDescending(r => r.AskedAt).ThenByDescending(r => r.Id).Select(r => r.Id), unanswered.Select(r => r.Id));
        Assert.DoesNotContain(unanswered, r => r.Accepted);
        Assert.Contains(newest, r => r.Accepted);
    }

    [Theory]
    [InlineData("newest", "Newest")]
    [InlineData("unanswered", "Unanswered")]
    [InlineData("top", "Top score")]
    public async Task TheCurrentTabIsMarkedAndIsTheCanonicalAddress(string sort, string name)
    {
        var page = await factory.CreateClient().GetDocumentAsync($"/questions?sort={sort}");

        var current = page.QuerySelector("nav.tabs a[aria-current=page]")!;
        Assert.Equal(name, current.TextContent);
        Assert.Equal($"questions?sort={sort}", current.GetAttribute("href"));
        Assert.EndsWith($"/questions?sort={sort}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Single(page.QuerySelectorAll("nav.tabs a.active"));
    }

    [Theory]
    [InlineData("newest")]
    [InlineData("top")]
    public async Task TheNextPageContinuesWithTheNext30WithoutOverlap(string sort)
    {
        var client = factory.CreateClient();
        var first = await client.GetDocumentAsync($"/questions?sort={sort}");
        var next = NextLink(first)!.GetAttribute("href")!;
        Assert.StartsWith($"questions?sort={sort}&after=", next);
        Assert.Null(first.QuerySelector("meta[name=robots]"));

        var second = await client.GetDocumentAsync("/" + next);

        var page1 = Rows(first);
        var page2 = Rows(second);
        Assert.Equal(QuestionQueries.PageSize, page1.Count);
        Assert.Equal(DemoQuestionCount - QuestionQueries.PageSize, page2.Count);
        Assert.Empty(page1.Select(r => r.Id).Intersect(page2.Select(r => r.Id)));
        Assert.Equal(DemoQuestionCount, page1.Concat(page2).Select(r => r.Id).Distinct().Count());
        // Page 2 carries on where page 1 stopped, in the same order.
        var all = page1.Concat(page2).ToList();
        var expected = sort == "top"
            ? all.OrderByDescending(r => r.Score).ThenByDescending(r => r.Id)
            : all.OrderByDescending(r => r.AskedAt).ThenByDescending(r => r.Id);
        Assert.Equal(expected.Select(r => r.Id), all.Select(r => r.Id));

        Assert.Null(NextLink(second));
        Assert.Equal($"questions?sort={sort}", second.QuerySelector("nav.pager a:not([rel])")!.GetAttribute("href"));
        Assert.Equal("noindex, follow", second.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    [Fact]
    public async Task TheActiveTabPagesToo()
    {
        var client = factory.CreateClient();
        var first = await client.GetDocumentAsync("/questions");
        var next = NextLink(first)!.GetAttribute("href")!;
        Assert.StartsWith("questions?after=", next);

        var page2 = Rows(await client.GetDocumentAsync("/" + next));

        Assert.Equal(DemoQuestionCount - QuestionQueries.PageSize, page2.Count);
        Assert.Empty(Rows(first).Select(r => r.Id).Intersect(page2.Select(r => r.Id)));
    }

    [Theory]
    [InlineData("/questions?sort=newest&after=garbage")]
    [InlineData("/questions?sort=nonsense")]
    public async Task ABadCursorOrSortFallsBackToAFirstPage(string path)
    {
        var page = await factory.CreateClient().GetDocumentAsync(path);

        Assert.Equal(QuestionQueries.PageSize, Rows(page).Count);
        Assert.NotNull(NextLink(page));
    }

    [Theory]
    [InlineData(15)]
    [InlineData(50)]
    public async Task AReaderChoosesThePageSizeAndEveryLinkKeepsTheChoice(int size)
    {
        var client = factory.CreateClient();
        var first = await client.GetDocumentAsync($"/questions?sort=newest&pagesize={size}");

        var rows = Rows(first);
        Assert.Equal(size, rows.Count);
        Assert.Equal(rows.OrderByDescending(r => r.AskedAt).ThenByDescending(r => r.Id).Select(r => r.Id), rows.Select(r => r.Id));
        var chosen = first.QuerySelector("nav.page-sizes a[aria-current=page]")!;
        Assert.Equal(size.ToString(System.Globalization.CultureInfo.InvariantCulture), chosen.TextContent);
        Assert.Equal(QuestionQueries.PageSizes.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            first.QuerySelectorAll("nav.page-sizes a").Select(a => a.TextContent));
        Assert.EndsWith($"/questions?sort=newest&pagesize={size}", first.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal($"questions?sort=top&pagesize={size}", first.QuerySelectorAll("nav.tabs a").Single(a => a.TextContent == "Top score").GetAttribute("href"));
        Assert.Equal($"questions?pagesize={size}", first.QuerySelectorAll("nav.tabs a").Single(a => a.TextContent == "Active").GetAttribute("href"));
        // Choosing the default size again drops the key: one address per page.
        Assert.Equal("questions?sort=newest", first.QuerySelectorAll("nav.page-sizes a").Single(a => a.TextContent == "30").GetAttribute("href"));

        var next = NextLink(first)!.GetAttribute("href")!;
        Assert.StartsWith($"questions?sort=newest&pagesize={size}&after=", next);
        var second = await client.GetDocumentAsync("/" + next);
        var page2 = Rows(second);
        Assert.Equal(Math.Min(size, DemoQuestionCount - size), page2.Count);
        Assert.Empty(rows.Select(r => r.Id).Intersect(page2.Select(r => r.Id)));
        Assert.Equal($"questions?sort=newest&pagesize={size}", second.QuerySelector("nav.pager a:not([rel])")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheDefaultPageSizeIsMarkedAndKeepsItsShortAddress()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/questions");

        Assert.Equal("30", page.QuerySelector("nav.page-sizes a[aria-current=page]")!.TextContent);
        Assert.Equal("questions?pagesize=50", page.QuerySelectorAll("nav.page-sizes a").Single(a => a.TextContent == "50").GetAttribute("href"));
        Assert.EndsWith("/questions", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/questions?pagesize=1000")]
    [InlineData("/questions?pagesize=0")]
    [InlineData("/questions?pagesize=-50")]
    [InlineData("/questions?pagesize=fifty")]
    [InlineData("/questions?pagesize=31")]
    public async Task OnlyTheOfferedPageSizesAreTaken(string path)
    {
        var page = await factory.CreateClient().GetDocumentAsync(path);

        Assert.Equal(QuestionQueries.PageSize, Rows(page).Count);
        Assert.Equal("30", page.QuerySelector("nav.page-sizes a[aria-current=page]")!.TextContent);
        Assert.StartsWith("questions?after=", NextLink(page)!.GetAttribute("href"));
    }

    [Fact]
    public async Task ATagsListTakesThePageSizeToo()
    {
        var client = factory.CreateClient();
        const string tag = "firmware";
        var fifteen = await client.GetDocumentAsync($"/tags/{tag}?pagesize=15");
        var thirty = await client.GetDocumentAsync($"/tags/{tag}");

        Assert.NotEmpty(Rows(fifteen));
        Assert.Equal(Math.Min(15, Rows(thirty).Count), Rows(fifteen).Count);
        Assert.Equal(Rows(thirty).Take(15).Select(r => r.Id), Rows(fifteen).Select(r => r.Id));
        Assert.Equal($"tags/{tag}?sort=newest&pagesize=15", fifteen.QuerySelectorAll("nav.tabs a").Single(a => a.TextContent == "Newest").GetAttribute("href"));
    }
}
