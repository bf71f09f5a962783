using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Staff;

/// <summary>/admin/staff is for admins only (checked on the server, posts included); /staff and /staff/{id} are public; a member who never was staff has no staff page.</summary>
public sealed class StaffPagesAccessTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Demo.Customer)]
    [InlineData(Demo.Expert)]
    [InlineData(Demo.Moderator)]
    [InlineData(Demo.Staff)]
    public async Task TheStaffAdminPageIsRefusedToAnyoneButAdmins(string email)
    {
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync("/admin/staff", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Staff disclosures", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AVisitorIsSentToSignInFromTheStaffAdminPage()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/admin/staff", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AMembersHandMadeGrantToThemselvesIsRefused()
    {
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);
        var adminsForm = await admin.GetDocumentAsync("/admin/staff");
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var customerId = await factory.UserIdAsync(Demo.Customer);
        var token = QuestionForms.AntiforgeryToken(await customer.GetDocumentAsync("/questions/ask"));

        var response = await customer.PostFormAsync("/admin/staff", adminsForm, QuestionForms.Handler("grant-staff"), new()
        {
            [QuestionForms.TokenField] = token, ["Input.Member"] = Demo.Customer, ["Input.RealName"] = StaffSite.CustomerName,
            ["Input.JobTitle"] = "Head of support", ["Input.Team"] = "Technical support",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/staff/{customerId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task AnAdminGetsTheGrantFormTheStaffWithRevokeButtonsAndTheAuditLog()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);

        var page = await admin.GetDocumentAsync("/admin/staff");

        Assert.Equal("Staff disclosures", page.QuerySelector("main h1")!.TextContent);
        var grant = page.FindForm(QuestionForms.Handler("grant-staff"));
        var fields = QuestionForms.FieldsOf(grant).Keys.Where(k => k.StartsWith("Input.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(["Input.JobTitle", "Input.Member", "Input.RealName", "Input.Team"], fields);
        var samRow = page.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='staff/{samId}']") is not null);
        Assert.Contains($"{Sam.Title}, {Sam.Team}", samRow.TextContent);
        Assert.Equal("Revoke", samRow.QuerySelector("form button")!.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll(".audit-log li"), li => li.TextContent.Contains($"— Granted — {Sam.Name} ({Sam.Name}, {Sam.Title}, {Sam.Team})", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheStaffDirectoryIsPublicAndListsCurrentAndFormerStaff()
    {
        var samId = await factory.UserIdAsync(Sam.Email);

        var response = await factory.CreateBrowserlessClient().GetAsync("/staff", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Equal($"{Sam.Company} staff", page.QuerySelector("main h1")!.TextContent);
        var current = page.QuerySelector("section[aria-labelledby='current-staff']")!;
        var sam = current.QuerySelectorAll("li.staff-card").Single(c => c.QuerySelector($"h3 a[href='staff/{samId}']") is not null);
        Assert.Equal(Sam.Name, sam.QuerySelector("h3")!.TextContent.Trim());
        Assert.Equal($"{Sam.Title} · {Sam.Team}", sam.QuerySelector(".staff-title")!.TextContent.Trim());
        Assert.Empty(current.QuerySelectorAll("li.former"));

        var former = page.QuerySelector("section[aria-labelledby='former-staff']")!;
        var formerCard = Assert.Single(former.QuerySelectorAll("li.staff-card.former"));
        Assert.Equal("Product specialist · Product", formerCard.QuerySelector(".staff-title")!.TextContent.Trim());
        Assert.Contains("staff from", formerCard.TextContent);
        Assert.Null(former.QuerySelector($"a[href='staff/{samId}']"));
    }

    [Fact]
    public async Task AStaffProfileIsPublicWithTitleTeamAndCompany()
    {
        var samId = await factory.UserIdAsync(Sam.Email);

        var response = await factory.CreateBrowserlessClient().GetAsync($"/staff/{samId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Equal($"{Sam.Name}, {Sam.Title} at {Sam.Company}", page.Title);
        Assert.Equal(Sam.Name, page.QuerySelector("main h1")!.TextContent);
        var title = page.QuerySelector(".staff-title")!;
        Assert.Equal("Staff", title.QuerySelector(".staff-mark")!.TextContent);
        Assert.Contains($"{Sam.Title} · {Sam.Team} · {Sam.Company}", title.TextContent);
        Assert.Null(title.QuerySelector(".former-note"));
        Assert.NotNull(page.QuerySelector(".staff-bio"));
        Assert.NotNull(page.QuerySelector($"main a[href^='users/{samId}/']"));
        Assert.NotEmpty(page.QuerySelectorAll("main .question-row"));
    }

    [Theory]
    [InlineData(Demo.Customer)]
    [InlineData(Demo.Moderator)]
    [InlineData(StaffSite.Admin)]
    public async Task AMemberWhoNeverWasStaffHasNoStaffPage(string email)
    {
        var userId = await factory.UserIdAsync(email);

        var response = await factory.CreateBrowserlessClient().GetAsync($"/staff/{userId}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        // The status code page ("Page not found") stands in for the staff page's own "Staff member not found", as elsewhere.
        Assert.Contains("not found", page.QuerySelector("main h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(page.QuerySelector(".staff-title"));
        Assert.DoesNotContain("Product specialist", page.Body!.TextContent);
    }

    [Fact]
    public async Task AnUnknownIdHasNoStaffPage()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync($"/staff/{Guid.NewGuid()}", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
