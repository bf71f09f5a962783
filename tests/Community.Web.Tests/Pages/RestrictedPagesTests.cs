using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Pages;

/// <summary>Authorization is checked on the server for every restricted page, not by hiding links.</summary>
public sealed class RestrictedPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Theory]
    [InlineData("/admin", "customer@demo.local")]
    [InlineData("/admin/emails", "moderator@demo.local")]
    [InlineData("/admin/emails", "staff@demo.local")]
    [InlineData("/moderation", "customer@demo.local")]
    [InlineData("/staff/desk", "moderator@demo.local")]
    public async Task AMemberWithoutTheRoleIsRefused(string path, string email)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email, CommunityWebFactory.DemoPassword);

        var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location?.OriginalString ?? "");
    }

    [Theory]
    [InlineData("/admin", "admin@demo.local", "Admin")]
    [InlineData("/admin/emails", "admin@demo.local", "Outgoing e-mail")]
    [InlineData("/moderation", "moderator@demo.local", "Moderation")]
    [InlineData("/staff/desk", "staff@demo.local", "Staff desk")]
    public async Task AMemberWithTheRoleGetsIn(string path, string email, string heading)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email, CommunityWebFactory.DemoPassword);

        var page = await client.GetDocumentAsync(path);

        Assert.Equal(heading, page.QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task TheHeaderOffersEachRoleItsOwnLinks()
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync("moderator@demo.local", CommunityWebFactory.DemoPassword);

        var links = (await client.GetDocumentAsync("/")).QuerySelectorAll("header a").Select(a => a.TextContent.Trim()).ToList();

        Assert.Contains("Moderation", links);
        Assert.DoesNotContain("Admin", links);
        Assert.DoesNotContain("Staff desk", links);
    }

    [Theory]
    [InlineData("customer@demo.local", new string[0], new[] { "Review", "Moderation" })]
    [InlineData("expert@demo.local", new[] { "Review" }, new[] { "Moderation" })]
    [InlineData("moderator@demo.local", new[] { "Review", "Moderation" }, new string[0])]
    public async Task TheHeaderOffersTheLinksAMembersReputationOrRoleOpens(string email, string[] offered, string[] withheld)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email, CommunityWebFactory.DemoPassword);

        var links = (await client.GetDocumentAsync("/questions")).QuerySelectorAll("header a").Select(a => a.TextContent.Trim()).ToList();

        Assert.All(offered, link => Assert.Contains(link, links));
        Assert.All(withheld, link => Assert.DoesNotContain(link, links));
    }

    [Fact]
    public async Task AnAdminReadsASavedEmailAndItsLinks()
    {
        var visitor = factory.CreateBrowserlessClient();
        var email = $"reader-{Guid.NewGuid():N}@example.com";
        await visitor.SubmitFormAsync("/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.DisplayName"] = "Reader " + email[7..12], ["Input.Password"] = "correct horse battery", ["Input.ConfirmPassword"] = "correct horse battery",
        });
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync("admin@demo.local", CommunityWebFactory.DemoPassword);

        var list = await admin.GetDocumentAsync("/admin/emails");
        var row = list.QuerySelectorAll("tbody tr").First(tr => tr.TextContent.Contains(email));
        var message = await admin.GetDocumentAsync("/" + row.QuerySelector("a")!.GetAttribute("href"));

        var confirm = message.QuerySelectorAll(".email-body a").Single(a => a.TextContent == "Confirm my account");
        Assert.Contains("/Account/ConfirmEmail?userId=", confirm.GetAttribute("href"));
        Assert.Empty(message.QuerySelectorAll(".email-body script"));
    }

    [Fact]
    public async Task APathOutsideThePickupFolderIsNotServed()
    {
        var admin = factory.CreateBrowserlessClient();
        await admin.SignInAsync("admin@demo.local", CommunityWebFactory.DemoPassword);

        var response = await admin.GetAsync("/admin/emails/..%2F..%2Fappsettings.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("ConnectionStrings", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
