using System.Text.Json;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>The Kestrel app serves the stylesheet and the Blazor script, and the page's links to them resolve.</summary>
public sealed class StaticAssetsTests(BrowserSite site) : BrowserTest(site)
{
    [Theory]
    [InlineData("app.css", "text/css")]
    [InlineData("_framework/blazor.web.js", "javascript")]
    public async Task Asset_is_served(string path, string contentType)
    {
        var page = await NewVisitorAsync();
        var response = await page.APIRequest.GetAsync(path);

        Assert.Equal(200, response.Status);
        Assert.Contains(contentType, response.Headers["content-type"]);
        Assert.NotEmpty(await response.BodyAsync());
    }

    [Fact]
    public async Task Home_page_stylesheets_load_and_blazor_starts()
    {
        var page = await NewVisitorAsync();
        var failed = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
                failed.Add($"{response.Status} {response.Url}");
        };
        await HomePage.OpenAsync(page);

        var stylesheets = page.Locator("link[rel=stylesheet]");
        var hrefs = await stylesheets.EvaluateAllAsync<string[]>("links => links.map(link => link.href)");
        Assert.Contains(hrefs, href => new Uri(href).AbsolutePath.StartsWith("/app.", StringComparison.Ordinal));
        foreach (var href in hrefs)
        {
            var response = await page.APIRequest.GetAsync(href);
            Assert.True(response.Status == 200, $"{href} answered {response.Status}");
        }

        // Every linked stylesheet was loaded and parsed by the browser (cssRules is readable: same origin).
        var sheets = await page.EvaluateAsync<JsonElement>(
            "() => [...document.styleSheets].filter(s => s.href).map(s => ({ href: s.href, rules: s.cssRules.length }))");
        Assert.Equal(hrefs.Length, sheets.GetArrayLength());
        foreach (var sheet in sheets.EnumerateArray())
            Assert.True(sheet.GetProperty("rules").GetInt32() > 0, $"{sheet.GetProperty("href")} has no CSS rules");

        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        Assert.Empty(failed);
    }
}
