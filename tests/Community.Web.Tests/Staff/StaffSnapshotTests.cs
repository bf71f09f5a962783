using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Staff;

/// <summary>
/// The disclosure is a snapshot taken when a post is written: an admin makes the demo customer staff and later revokes it,
/// and only what the customer wrote in between is marked, then and forever. Granting and revoking are audited.
/// This class changes the customer's role, so it has its own app and database.
/// </summary>
public sealed class StaffSnapshotTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private const string Title = "Billing specialist";
    private const string Team = "Billing";
    private const string Disclosure = $"{StaffSite.CustomerName}, {Title}, {Sam.Company}";
    private const string AuditDetails = $"{StaffSite.CustomerName}, {Title}, {Team}";

    [Fact]
    public async Task OnlyWhatAMemberWritesWhileStaffIsMarkedAndItStaysMarkedAfterTheRoleIsRevoked()
    {
        var customerId = await factory.UserIdAsync(Demo.Customer);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);
        var visitor = factory.CreateClient();
        var (_, path) = await expert.AskAsync(QuestionForms.UniqueTitle("Invoice shows two Shield plans"));
        var (ownQuestion, ownPath) = await customer.AskAsync(QuestionForms.UniqueTitle("Written before joining staff"));

        // Before: an ordinary member's answer.
        var before = await customer.AnswerAsync(path, "Same here before the last update: cancel the older plan in Account > Subscriptions. (before)");

        // The admin makes the customer staff through /admin/staff.
        var form = await admin.GetDocumentAsync("/admin/staff");
        var granted = await admin.PostFormAsync("/admin/staff", form, QuestionForms.Handler("grant-staff"), new()
        {
            ["Input.Member"] = Demo.Customer, ["Input.RealName"] = StaffSite.CustomerName, ["Input.JobTitle"] = Title, ["Input.Team"] = Team,
        });
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        var grantedPage = await FormPoster.ParseAsync(granted);
        Assert.Equal($"{StaffSite.CustomerName} now posts as {StaffSite.CustomerName}, {Title}.", grantedPage.QuerySelector(".alert-success")?.TextContent);
        var row = grantedPage.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='staff/{customerId}']") is not null);
        Assert.Contains($"{Title}, {Team}", row.TextContent);

        // While staff: the new answer is marked; what came before is not.
        var during = await customer.AnswerAsync(path, "Billing here: the second plan is a duplicate we are refunding to everyone affected. (during)");
        var page = await visitor.GetDocumentAsync(path);
        StaffSite.AssertDisclosed(page.Answer(during).Signature(), customerId, Disclosure);
        StaffSite.AssertNotDisclosed(page.Answer(before).Signature());
        StaffSite.AssertNotDisclosed((await visitor.GetDocumentAsync(ownPath)).QuerySelector($"#question-{ownQuestion}")!.Signature());
        StaffSite.AssertNotDisclosed((await visitor.GetDocumentAsync("/questions?sort=newest")).QuestionRow(ownQuestion)!.QuerySelector(".question-meta")!);

        // The admin revokes the role with the row's Revoke button.
        var staffPage = await admin.GetDocumentAsync("/admin/staff");
        var revoked = await admin.PostFormAsync("/admin/staff", staffPage, QuestionForms.Handler($"revoke-{customerId}"));
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var revokedPage = await FormPoster.ParseAsync(revoked);
        Assert.Equal("The staff role was revoked. Earlier posts keep their disclosure.", revokedPage.QuerySelector(".alert-success")?.TextContent);
        var revokedRow = revokedPage.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector($"a[href='staff/{customerId}']") is not null);
        Assert.Empty(revokedRow.QuerySelectorAll("form"));

        // After: the answer written as staff keeps its mark; a new one has none.
        var after = await customer.AnswerAsync(path, "Update from me as a customer again: the refund arrived after five days. (after)");
        page = await visitor.GetDocumentAsync(path);
        StaffSite.AssertDisclosed(page.Answer(during).Signature(), customerId, Disclosure);
        StaffSite.AssertNotDisclosed(page.Answer(after).Signature());
        StaffSite.AssertNotDisclosed(page.Answer(before).Signature());

        // The structured data says the same.
        using (var data = page.JsonLd())
        {
            var answers = StaffSite.JsonLdAnswers(data.RootElement.GetProperty("mainEntity")).ToList();
            string? Affiliation(int id) => answers.Single(a => a.GetProperty("url").GetString()!.EndsWith($"#answer-{id}", StringComparison.Ordinal))
                .GetProperty("author").TryGetProperty("affiliation", out var affiliation) ? affiliation.GetProperty("name").GetString() : null;
            Assert.Equal(Sam.Company, Affiliation(during));
            Assert.Null(Affiliation(before));
            Assert.Null(Affiliation(after));
        }

        // /staff lists the customer under former staff, not current staff.
        var directory = await visitor.GetDocumentAsync("/staff");
        var current = directory.QuerySelector("section[aria-labelledby='current-staff']")!;
        var former = directory.QuerySelector("section[aria-labelledby='former-staff']")!;
        Assert.Null(current.QuerySelector($"a[href='staff/{customerId}']"));
        var card = former.QuerySelectorAll("li.staff-card.former").Single(c => c.QuerySelector($"a[href='staff/{customerId}']") is not null);
        Assert.Equal(StaffSite.CustomerName, card.QuerySelector("h3")!.TextContent.Trim());
        Assert.Equal($"{Title} · {Team}", card.QuerySelector(".staff-title")!.TextContent.Trim());
        Assert.Contains("staff from", card.TextContent);
        var profile = await visitor.GetDocumentAsync($"/staff/{customerId}");
        Assert.Contains("former staff", profile.QuerySelector(".former-note")!.TextContent);

        // The audit log names the admin for both steps, newest first.
        var audit = (await admin.GetDocumentAsync("/admin/staff")).QuerySelectorAll(".audit-log li")
            .Select(li => li.TextContent).Where(text => text.Contains($"— {StaffSite.CustomerName} (", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, audit.Count);
        Assert.Contains($"{StaffSite.AdminName} — Revoked — {StaffSite.CustomerName} ({AuditDetails})", audit[0]);
        Assert.Contains($"{StaffSite.AdminName} — Granted — {StaffSite.CustomerName} ({AuditDetails})", audit[1]);
    }

    [Fact]
    public async Task GrantingToNobodyOrWithoutATitleIsRefusedAndChangesNothing()
    {
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);
        var auditBefore = (await admin.GetDocumentAsync("/admin/staff")).QuerySelectorAll(".audit-log li").Length;

        var nobody = await FormPoster.ParseAsync(await admin.PostFormAsync("/admin/staff", await admin.GetDocumentAsync("/admin/staff"), QuestionForms.Handler("grant-staff"),
            new() { ["Input.Member"] = "nobody@demo.local", ["Input.RealName"] = "No Body", ["Input.JobTitle"] = Title, ["Input.Team"] = Team }));
        Assert.Contains("No member has this e-mail address or display name.", nobody.QuerySelector("main")!.TextContent);

        var untitled = await FormPoster.ParseAsync(await admin.PostFormAsync("/admin/staff", await admin.GetDocumentAsync("/admin/staff"), QuestionForms.Handler("grant-staff"),
            new() { ["Input.Member"] = StaffSite.ExpertName, ["Input.RealName"] = StaffSite.ExpertName, ["Input.JobTitle"] = " ", ["Input.Team"] = Team }));
        Assert.Contains("Fill in the job title, shown on every post.", untitled.QuerySelector("main")!.TextContent);
        Assert.Null(untitled.QuerySelector(".alert-success"));

        var expertId = await factory.UserIdAsync(Demo.Expert);
        var after = await admin.GetDocumentAsync("/admin/staff");
        Assert.Equal(auditBefore, after.QuerySelectorAll(".audit-log li").Length);
        Assert.Null(after.QuerySelector($"tbody a[href='staff/{expertId}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync($"/staff/{expertId}", TestContext.Current.CancellationToken)).StatusCode);
    }
}
