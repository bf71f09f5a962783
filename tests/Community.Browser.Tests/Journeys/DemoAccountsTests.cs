using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>In demo mode the sign-in page hands out the demo accounts, and each one signs in with its role's links.</summary>
public sealed class DemoAccountsTests(BrowserSite site) : BrowserTest(site)
{
    private static readonly string[] DemoEmails =
        ["customer@demo.local", "expert@demo.local", "moderator@demo.local", "staff@demo.local", "admin@demo.local"];

    [Fact]
    public async Task Sign_in_page_lists_the_five_demo_accounts_and_their_password()
    {
        var visitor = await NewVisitorAsync();
        var login = await LoginPage.OpenAsync(visitor);

        await Expect(login.DemoAccounts).ToBeVisibleAsync();
        await Expect(login.DemoAccounts.GetByRole(AriaRole.Heading, new() { Name = "Try the demo accounts" })).ToBeVisibleAsync();
        await Expect(login.DemoAccountEmails).ToHaveTextAsync(DemoEmails);
        await Expect(login.DemoPassword).ToHaveTextAsync(CommunityServer.DemoPassword);
    }

    [Theory]
    [InlineData("customer@demo.local", "Dana Whitfield", false, false, false)]
    [InlineData("expert@demo.local", "Priya Raman", false, false, false)]
    [InlineData("moderator@demo.local", "Ingrid Solberg", true, false, false)]
    [InlineData("staff@demo.local", "Sam Ortega", true, true, false)]
    [InlineData("admin@demo.local", "Alex Kim", true, true, true)]
    public async Task Each_demo_account_signs_in_and_sees_its_role_links(
        string email, string displayName, bool moderation, bool staffDesk, bool admin)
    {
        var visitor = await NewVisitorAsync();
        var login = await LoginPage.OpenAsync(visitor);
        await login.SignInAsync(email, CommunityServer.DemoPassword);

        var header = new SiteHeader(visitor);
        await Expect(header.AccountName).ToHaveTextAsync(displayName);
        await ExpectLink(header.Link("Moderation"), moderation);
        await ExpectLink(header.Link("Staff desk"), staffDesk);
        await ExpectLink(header.Link("Admin"), admin);

        await header.SignOutButton.ClickAsync();
        await Expect(header.SignInLink).ToBeVisibleAsync();
        await Expect(header.AccountName).ToHaveCountAsync(0);
    }

    private static Task ExpectLink(ILocator link, bool shown) =>
        shown ? Expect(link).ToBeVisibleAsync() : Expect(link).ToHaveCountAsync(0);
}
