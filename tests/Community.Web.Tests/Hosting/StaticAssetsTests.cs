using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Hosting;

public sealed class StaticAssetsTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Theory]
    [InlineData("/app.css", "text/css")]
    [InlineData("/lib/bootstrap/dist/css/bootstrap.min.css", "text/css")]
    [InlineData("/_framework/blazor.web.js", "text/javascript")]
    public async Task TheRootWebRootAndTheFrameworkScriptAreServed(string path, string contentType)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).Length > 1000);
    }

    [Fact]
    public async Task EveryStylesheetAndScriptThePageLinksIsServed()
    {
        var client = factory.CreateClient();
        var page = await client.GetDocumentAsync("/");

        var links = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();

        Assert.Contains(links, link => link.StartsWith("app.", StringComparison.Ordinal) && link.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(links, link => link.Contains("blazor.web", StringComparison.Ordinal));
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/" + link, TestContext.Current.CancellationToken)).StatusCode);
    }
}
