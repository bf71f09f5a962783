using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>A newcomer registers, an admin finds the confirmation e-mail in the pickup folder, and the newcomer confirms and signs in.</summary>
public sealed partial class RegistrationJourneyTests(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task Newcomer_registers_confirms_through_the_pickup_email_and_signs_in()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var email = $"newcomer-{unique}@example.test";
        var displayName = $"Newcomer {unique}";
        var password = $"Lantern-harbor-{unique}";

        // The newcomer registers and is told to confirm the address.
        var newcomer = await NewVisitorAsync();
        var register = await RegisterPage.OpenAsync(newcomer);
        var status = await register.RegisterAsync(email, displayName, password);
        await Expect(status).ToContainTextAsync(email);

        // Signing in before confirming is refused, with a message, and nobody is signed in.
        var login = await LoginPage.OpenAsync(newcomer);
        await login.SignInAsync(email, password);
        await Expect(login.Error).ToBeVisibleAsync();
        await Expect(login.Error).ToContainTextAsync("Error:");
        await Expect(new SiteHeader(newcomer).SignOutButton).ToHaveCountAsync(0);
        await Expect(new SiteHeader(newcomer).SignInLink).ToBeVisibleAsync();

        // In another browser context, the admin opens the newest message addressed to the newcomer.
        var admin = await SignedInAsync("admin@demo.local");
        var outbox = await AdminEmailsPage.OpenAsync(admin);
        var message = await outbox.OpenNewestToAsync(email);
        await Expect(message.Subject).ToHaveTextAsync(ConfirmSubject());
        await Expect(message.Headers).ToContainTextAsync(email);
        await Expect(message.ConfirmLink).ToBeVisibleAsync();
        var confirmationUrl = await message.ConfirmationUrlAsync();
        Assert.StartsWith(Site.BaseUrl + "Account/ConfirmEmail?", confirmationUrl);

        // The newcomer follows the link, is confirmed, signs in, and the header greets them by name.
        await newcomer.GotoAsync(confirmationUrl);
        await Expect(new ConfirmEmailPage(newcomer).Status).ToHaveTextAsync("Thank you for confirming your email.");

        login = await LoginPage.OpenAsync(newcomer);
        await login.SignInAsync(email, password);
        var header = new SiteHeader(newcomer);
        await Expect(header.AccountName).ToHaveTextAsync(displayName);
        await Expect(header.SignOutButton).ToBeVisibleAsync();
        await Expect(header.Link("Admin")).ToHaveCountAsync(0);
    }

    [GeneratedRegex("^Confirm your .+ account$")]
    private static partial Regex ConfirmSubject();
}
