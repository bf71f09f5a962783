using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Accounts;

public sealed class RegistrationTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static Dictionary<string, string> Form(string email, string displayName, string password) => new()
    {
        ["Input.Email"] = email,
        ["Input.DisplayName"] = displayName,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    private static string UniqueEmail() => $"new-{Guid.NewGuid():N}@example.com";

    [Fact]
    public async Task RegisteringSendsAConfirmationEmailToThePickupFolder()
    {
        var email = UniqueEmail();

        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form(email, "Fresh Member " + email[4..8], "correct horse battery"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/RegisterConfirmation", new Uri(factory.Server.BaseAddress, response.Headers.Location!).AbsolutePath);
        var saved = Directory.GetFiles(factory.PickupFolder, "*.eml").Select(File.ReadAllText).Single(text => text.Contains(email));
        Assert.Contains("Account/ConfirmEmail?userId=", saved);
    }

    [Theory]
    [InlineData("short pw", "at least 10")]
    [InlineData("password123", "most common")]
    [InlineData("qwertyuiop", "most common")]
    [InlineData("1234567890", "most common")]
    public async Task AWeakPasswordIsRefusedWithAReason(string password, string reason)
    {
        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form(UniqueEmail(), "Weak " + Guid.NewGuid().ToString("N")[..6], password));

        var page = await FormPoster.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, page.Body!.TextContent);
        Assert.Equal("Weak ", page.QuerySelector("#Input\\.DisplayName")!.GetAttribute("value")![..5]);
    }

    [Theory]
    [InlineData("priya raman")]
    [InlineData("ＰＲＩＹＡ ＲＡＭＡＮ")]
    public async Task ADisplayNameTakenUpToCaseOrWidthIsRefused(string name)
    {
        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form(UniqueEmail(), name, "correct horse battery"));

        var text = (await FormPoster.ParseAsync(response)).Body!.TextContent;
        Assert.Contains("is taken", text);
    }

    [Fact]
    public async Task AnEmailAddressCanHaveOnlyOneAccount()
    {
        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form("customer@demo.local", "Another Dana", "correct horse battery"));

        Assert.Contains("is already taken", (await FormPoster.ParseAsync(response)).Body!.TextContent);
    }

    [Fact]
    public async Task AnInvisibleCharacterInTheDisplayNameIsRefused()
    {
        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form(UniqueEmail(), "Sam\u200BOrtega", "correct horse battery"));

        Assert.Contains("invisible or text-direction", (await FormPoster.ParseAsync(response)).Body!.TextContent);
    }

    [Theory]
    [InlineData("Sаm Ortega", "name of a member of staff")] // Cyrillic a: the demo staff member's name
    [InlineData("Brightwave Help", "company's name")]
    [InlineData("St4ff Dana", "\"staff\"")]
    public async Task ANameThatPassesForStaffOrTheCompanyIsRefused(string name, string reason)
    {
        var response = await factory.CreateBrowserlessClient().SubmitFormAsync("/Account/Register", Form(UniqueEmail(), name, "correct horse battery"));

        Assert.Contains(reason, (await FormPoster.ParseAsync(response)).Body!.TextContent);
    }
}
