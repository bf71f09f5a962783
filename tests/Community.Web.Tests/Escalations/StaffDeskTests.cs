using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Escalations;

/// <summary>The staff desk, its metrics and the teams page over HTTP: who gets in (checked on the server), what they see, and the escalate form.</summary>
public sealed class StaffDeskTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/staff/desk", Demo.Customer)]
    [InlineData("/staff/desk", Demo.Moderator)]
    [InlineData("/staff/desk/metrics", Demo.Expert)]
    [InlineData("/staff/desk/metrics", Demo.Moderator)]
    [InlineData("/admin/teams", Demo.Staff)]
    public async Task DeskMetricsAndTeamsAreRefusedToOthers(string url, string email)
    {
        var client = await factory.SignedInClientAsync(email);
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AMembersHandMadeDeskActionIsRefused()
    {
        var id = await factory.QueryAsync(db => db.Escalations.Where(e => e.ResolvedAt == null).Select(e => e.Id).FirstAsync(Ct));
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var token = QuestionForms.AntiforgeryToken(await customer.GetDocumentAsync("/questions/ask"));

        var response = await customer.PostAsync($"/staff/desk/{id}/claim", new FormUrlEncodedContent([new(QuestionForms.TokenField, token)]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SamsDeskListsOpenEscalationsOverdueFirst()
    {
        var sam = await factory.SignedInClientAsync(Demo.Staff);

        var page = await sam.GetDocumentAsync("/staff/desk");

        var rows = page.QuerySelectorAll("tr.desk-row");
        Assert.True(rows.Length >= 3, page.QuerySelector("main")!.TextContent);
        Assert.Contains("overdue", rows[0].ClassList);
        Assert.StartsWith("Overdue by", rows[0].QuerySelector(".time-left")!.TextContent);
        Assert.DoesNotContain("overdue", rows[^1].ClassList);
        var waiting = await sam.GetDocumentAsync("/staff/desk?state=WaitingForAsker");
        Assert.All(waiting.QuerySelectorAll("tr.desk-row"), r => Assert.Contains("Paused", r.QuerySelector(".time-left")!.TextContent));
    }

    [Fact]
    public async Task TheMetricsPageShowsChartsAndATablePerTeam()
    {
        var sam = await factory.SignedInClientAsync(Demo.Staff);

        var page = await sam.GetDocumentAsync("/staff/desk/metrics?days=30");

        Assert.Equal(2, page.QuerySelectorAll("svg.desk-chart[role=img]").Length);
        Assert.All(page.QuerySelectorAll("svg.desk-chart"), svg => Assert.False(string.IsNullOrWhiteSpace(svg.QuerySelector("desc")?.TextContent)));
        Assert.NotEmpty(page.QuerySelectorAll("svg.desk-chart rect.bar-opened"));
        Assert.Equal(["Billing", "Technical support"], page.QuerySelectorAll(".metrics-table tbody th").Select(th => th.TextContent).Order());
        Assert.Matches(@"^\d+\.\d h$", page.QuerySelector(".median-response")!.TextContent);
        Assert.Contains("/ 5", page.QuerySelector(".satisfaction-average")!.TextContent);
    }

    [Fact]
    public async Task AModeratorEscalatesAndThePublicSeesOnlyThatStaffAreLookingIntoIt()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Shield renewal charged twice"));
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var page = await moderator.GetDocumentAsync(path);

        var response = await moderator.PostFormAsync(path, page, QuestionForms.Action($"questions/{id}/escalate"),
            new() { ["priority"] = "High", ["note"] = "Internal: probably the payment provider retry bug" });
        var after = await moderator.FollowAsync(response);

        Assert.Equal("Escalated to staff. The thread now shows that staff are looking into it.", QuestionForms.Flash(after)?.TextContent);
        var anonymous = await factory.CreateBrowserlessClient().GetAsync(path, Ct);
        var html = await anonymous.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Escalated: staff are looking into it", html);
        Assert.DoesNotContain("payment provider retry bug", html);
        Assert.DoesNotContain("High", (await FormPoster.ParseAsync(anonymous)).QuerySelector(".question-status")!.TextContent);
        var desk = await (await factory.SignedInClientAsync(Demo.Staff)).GetDocumentAsync("/staff/desk");
        Assert.Contains(desk.QuerySelectorAll("tr.desk-row a"), a => a.TextContent.Contains("Shield renewal charged twice", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PersonalDataIsRefusedUntilTheAuthorConfirmsItIsNotPersonal()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var form = await customer.GetDocumentAsync("/questions/ask");
        var fields = new Dictionary<string, string?>
        {
            ["Input.Title"] = QuestionForms.UniqueTitle("Refund not received"), ["Input.Tags"] = "billing",
            ["Input.Body"] = "I was charged on card 4111 1111 1111 1111 and nobody answers at (415) 555-0132. Please help.",
        };

        var refused = await customer.PostFormAsync("/questions/ask", form, QuestionForms.Handler("ask"), fields, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await FormPoster.ParseAsync(refused);
        var warning = again.QuerySelector(".personal-data-warning")!.TextContent;
        Assert.Contains("a card number (•••• 1111)", warning);
        Assert.Contains("a phone number", warning);
        Assert.DoesNotContain("4111 1111", warning);
        Assert.Equal(fields["Input.Body"], again.QuerySelector("textarea[name='Input.Body']")?.TextContent ?? again.QuerySelector("[name='Input.Body']")?.GetAttribute("value"));

        fields["Input.ConfirmedNotPersonal"] = "true";
        var confirmed = await customer.PostFormAsync("/questions/ask", again, QuestionForms.Handler("ask"), fields, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
    }

    [Fact]
    public async Task AnAdminAddsATeamOnTheTeamsPage()
    {
        var admin = await factory.SignedInClientAsync(StaffSite.Admin);
        var page = await admin.GetDocumentAsync("/admin/teams");
        var name = "Returns " + Guid.NewGuid().ToString("N")[..6];

        var response = await admin.PostFormAsync("/admin/teams", page, f => f.GetAttribute("action") == "admin/teams" && f.QuerySelector("input[name=id]") is null,
            new() { ["name"] = name, ["urgentMinutes"] = "30", ["highMinutes"] = "120", ["normalMinutes"] = "600" });
        var after = await admin.FollowAsync(response);

        Assert.Equal("The team was saved.", QuestionForms.Flash(after)?.TextContent);
        Assert.Contains(after.QuerySelectorAll("section.staff-team h2"), h => h.TextContent.Contains(name, StringComparison.Ordinal));
        Assert.Single(after.QuerySelectorAll("section.staff-team .badge"), b => b.TextContent == "default");
    }
}
