namespace Community.Browser.Tests.Pages;

/// <summary>/Account/Login: the e-mail and password form, and in demo mode the list of demo accounts.</summary>
public sealed class LoginPage(IPage page)
{
    public const string Path = "Account/Login";

    public static async Task<LoginPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var login = new LoginPage(page);
        await Expect(login.Heading).ToBeVisibleAsync();
        return login;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true, Level = 1 });
    public ILocator Email => page.Locator("[id='Input.Email']");
    public ILocator Password => page.Locator("[id='Input.Password']");
    public ILocator SignInButton => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });

    /// <summary>The status message shown when sign-in is refused.</summary>
    public ILocator Error => page.Locator(".alert.alert-danger");

    public ILocator DemoAccounts => page.Locator("section.demo-accounts");
    public ILocator DemoAccountEmails => DemoAccounts.Locator("tbody tr td:first-child code");
    public ILocator DemoPassword => DemoAccounts.Locator("code.demo-password");

    /// <summary>Fills the form and submits it; the caller asserts where that leads.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await SignInButton.ClickAsync();
    }
}
