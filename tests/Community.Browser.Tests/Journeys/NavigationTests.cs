using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>Every link of the header's main navigation leads to a working page (not the error page).</summary>
public sealed class NavigationTests(BrowserSite site) : BrowserTest(site)
{
    [Theory]
    [InlineData("Questions", "/questions", "All questions")]
    [InlineData("Tags", "/tags", "Tags")]
    [InlineData("Users", "/users", "Users")]
    [InlineData("Knowledge base", "/kb", "Knowledge base")]
    public async Task Main_navigation_link_opens_its_page(string link, string path, string heading)
    {
        var visitor = await NewVisitorAsync();
        var home = await HomePage.OpenAsync(visitor);

        await home.Header.NavLink(link).ClickAsync();

        await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(path) + "$"));
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
    }
}
