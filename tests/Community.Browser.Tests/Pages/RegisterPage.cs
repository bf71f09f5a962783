using System.Text.RegularExpressions;

namespace Community.Browser.Tests.Pages;

/// <summary>/Account/Register: a new member's e-mail, display name and password.</summary>
public sealed partial class RegisterPage(IPage page)
{
    public static async Task<RegisterPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("Account/Register");
        var register = new RegisterPage(page);
        await Expect(register.CreateAccountButton).ToBeVisibleAsync();
        return register;
    }

    public ILocator Email => page.Locator("[id='Input.Email']");
    public ILocator DisplayName => page.Locator("[id='Input.DisplayName']");
    public ILocator Password => page.Locator("[id='Input.Password']");
    public ILocator ConfirmPassword => page.Locator("[id='Input.ConfirmPassword']");
    public ILocator CreateAccountButton => page.GetByRole(AriaRole.Button, new() { Name = "Create account", Exact = true });

    /// <summary>Registers and waits for "Confirm your e-mail"; returns its status line.</summary>
    public async Task<ILocator> RegisterAsync(string email, string displayName, string password)
    {
        await Email.FillAsync(email);
        await DisplayName.FillAsync(displayName);
        await Password.FillAsync(password);
        await ConfirmPassword.FillAsync(password);
        await CreateAccountButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(RegisterConfirmationUrl());
        return page.GetByRole(AriaRole.Status);
    }

    [GeneratedRegex("/Account/RegisterConfirmation\\?")]
    private static partial Regex RegisterConfirmationUrl();
}
