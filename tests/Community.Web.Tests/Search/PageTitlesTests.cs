using System.Xml.Linq;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Search;

/// <summary>
/// Every page a search engine is pointed at has a title and a meta description of its own (issue 9, item 5): the
/// sitemap's questions and articles (an article and the thread it came from included), and the list pages.
/// </summary>
public sealed class PageTitlesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryIndexedPageHasATitleAndADescriptionOfItsOwn()
    {
        var client = factory.CreateBrowserlessClient();
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var sitemaps = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Ct)).Descendants(sm + "loc").Select(l => l.Value).ToList();
        var urls = new List<string> { "/questions", "/questions?sort=newest", "/questions?sort=unanswered", "/questions?sort=top",
            "/questions/tagged/firmware", "/questions/tagged/firmware?sort=newest", "/tags", "/kb", "/kb?sort=recent", "/kb?tag=firmware" };
        foreach (var sitemap in sitemaps)
            urls.AddRange(XDocument.Parse(await client.GetStringAsync(sitemap, Ct)).Descendants(sm + "loc").Select(l => new Uri(l.Value).PathAndQuery));
        Assert.Contains(urls, u => u.StartsWith("/kb/", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.StartsWith("/questions/", StringComparison.Ordinal) && char.IsAsciiDigit(u["/questions/".Length]));

        var pages = new List<(string Url, string Title, string? Description)>();
        foreach (var url in urls.Distinct())
        {
            var page = await client.GetDocumentAsync(url);
            pages.Add((url, page.Title ?? "", page.QuerySelector("meta[name=description]")?.GetAttribute("content")));
        }

        Assert.All(pages, p => Assert.False(string.IsNullOrWhiteSpace(p.Title), $"{p.Url} has no title"));
        Assert.All(pages, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), $"{p.Url} has no meta description"));
        Assert.All(pages, p => Assert.True(p.Description!.Length <= 161, $"{p.Url}: a description of {p.Description.Length} characters"));
        var sharedTitles = pages.GroupBy(p => p.Title).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Url))}").ToList();
        Assert.True(sharedTitles.Count == 0, "Pages share a title:\n" + string.Join("\n", sharedTitles));
        var sharedDescriptions = pages.GroupBy(p => p.Description).Where(g => g.Count() > 1).Select(g => string.Join(", ", g.Select(p => p.Url))).ToList();
        Assert.True(sharedDescriptions.Count == 0, "Pages share a description:\n" + string.Join("\n", sharedDescriptions));
    }
}
