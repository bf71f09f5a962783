using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Accounts;

public sealed class SignInTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task ADemoAccountSignsInAndTheHeaderShowsItsDisplayNameNotItsEmail()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("expert@demo.local", CommunityWebFactory.DemoPassword);

        var header = (await client.GetDocumentAsync("/")).QuerySelector("header")!.TextContent;

        Assert.Contains("Priya Raman", header);
        Assert.DoesNotContain("expert@demo.local", header);
    }

    [Fact]
    public async Task FiveWrongPasswordsLockTheAccount()
    {
        var client = factory.CreateBrowserlessClient();
        var fields = new Dictionary<string, string> { ["Input.Email"] = "moderator@demo.local", ["Input.Password"] = "not the password" };
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var refused = await client.SubmitFormAsync("/Account/Login", fields);
            Assert.Contains("do not match an account", (await FormPoster.ParseAsync(refused)).Body!.TextContent);
        }

        var fifth = await client.SubmitFormAsync("/Account/Login", fields);
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Contains("Account/Lockout", fifth.Headers.Location!.OriginalString);

        // Even the right password is refused while locked.
        var right = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = "moderator@demo.local", ["Input.Password"] = CommunityWebFactory.DemoPassword });
        Assert.Contains("Account/Lockout", right.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task InDemoModeTheSignInPageListsTheDemoAccountsAndPassword()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/Account/Login");

        var demo = page.QuerySelector(".demo-accounts")!.TextContent;
        foreach (var email in new[] { "customer@demo.local", "expert@demo.local", "moderator@demo.local", "staff@demo.local", "admin@demo.local" })
            Assert.Contains(email, demo);
        Assert.Contains(CommunityWebFactory.DemoPassword, demo);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryTokenIsRejected()
    {
        var response = await factory.CreateBrowserlessClient().PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.Email"] = "admin@demo.local", ["Input.Password"] = CommunityWebFactory.DemoPassword,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }
}
