using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Staff;

/// <summary>
/// A staff member cannot post without the disclosure: no account or staff page offers a setting for it, and editing a
/// staff answer (by its author, with made-up fields, or by a moderator) keeps the mark. Only admins set it, on /admin/staff.
/// </summary>
public sealed partial class StaffDisclosureIsNotOptionalTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Words a field that turned the disclosure off (or changed it) would have in its name, id or label.</summary>
    [GeneratedRegex(@"staff|disclos|affiliat|company|employ|job|title|team|real ?name|anonym|incognito|hide|hidden mark|official|badge|role", RegexOptions.IgnoreCase)]
    private static partial Regex DisclosureWords();

    /// <summary>Every field a person can fill or tick on the page (hidden inputs and the header's search and sign-out aside), with its label.</summary>
    private static List<string> EditableFields(IHtmlDocument page) =>
        page.QuerySelectorAll("main input, main textarea, main select")
            .Where(e => e.GetAttribute("type") is not ("hidden" or "submit" or "button"))
            .Select(e => $"{e.GetAttribute("name")} #{e.GetAttribute("id")} [{(e.Id is { Length: > 0 } id ? page.QuerySelector($"label[for='{id}']")?.TextContent.Trim() : null)}]")
            .ToList();

    [Theory]
    [InlineData("/Account/Manage", "Input.PhoneNumber")]
    [InlineData("/Account/Manage/Email", "Input.NewEmail")]
    [InlineData("/Account/Manage/ChangePassword", "Input.OldPassword")]
    [InlineData("/Account/Manage/TwoFactorAuthentication", null)]
    [InlineData("/Account/Manage/Passkeys", null)]
    [InlineData("/Account/Manage/PersonalData", null)]
    public async Task NoAccountPageOffersStaffASettingForTheirDisclosure(string path, string? aFieldItHas)
    {
        var sam = await factory.SignedInClientAsync(Sam.Email);

        var response = await sam.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        var fields = EditableFields(page);
        Assert.NotEmpty(page.QuerySelectorAll("main .nav a[href^='Account/Manage']"));
        if (aFieldItHas is not null)
            Assert.Contains(fields, f => f.StartsWith(aFieldItHas + " ", StringComparison.Ordinal));
        Assert.DoesNotContain(fields, f => DisclosureWords().IsMatch(f));
        var links = page.QuerySelectorAll("main a").Select(a => $"{a.TextContent.Trim()} -> {a.GetAttribute("href")}").ToList();
        Assert.DoesNotContain(links, l => Regex.IsMatch(l, "staff|disclos", RegexOptions.IgnoreCase));
        Assert.DoesNotContain(page.QuerySelectorAll("main form[method=post] input[name^='Input.']"), i => DisclosureWords().IsMatch(i.GetAttribute("name")!));
    }

    [Fact]
    public async Task TheStaffPagesShowStaffTheirDisclosureWithNoFormToChangeIt()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var sam = await factory.SignedInClientAsync(Sam.Email);

        // (The staff desk is a work page with its own forms and tests: Escalations/StaffDeskTests.)
        foreach (var path in new[] { "/staff", $"/staff/{samId}" })
        {
            var page = await sam.GetDocumentAsync(path);
            Assert.Empty(page.QuerySelectorAll("main form"));
            Assert.Empty(EditableFields(page));
        }
        var own = await sam.GetDocumentAsync($"/staff/{samId}");
        Assert.Contains($"{Sam.Title} · {Sam.Team} · {Sam.Company}", own.QuerySelector(".staff-title")!.TextContent);
    }

    [Fact]
    public async Task EditingAStaffAnswerKeepsTheMarkWhateverTheFormSends()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Edited staff answer"));
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var answerId = await sam.AnswerAsync(path, "This is a known issue with 4.2.0 that 4.2.1 fixes; it rolls out this week. — Sam, Brightwave support");
        var form = await sam.GetDocumentAsync($"/posts/{answerId}/edit");
        Assert.Equal("Edit answer", form.QuerySelector("main h1")!.TextContent);
        var fields = QuestionForms.FieldsOf(form.FindForm(QuestionForms.Handler("edit"))).Keys.ToList();
        Assert.DoesNotContain(fields, f => DisclosureWords().IsMatch(f));
        Assert.DoesNotContain(EditableFields(form), f => DisclosureWords().IsMatch(f));

        // Sam saves an edit with made-up fields that would turn the disclosure off if anything read them.
        var response = await sam.PostFormAsync($"/posts/{answerId}/edit", form, QuestionForms.Handler("edit"), new()
        {
            ["Input.Body"] = "This is a known issue with 4.2.0 that 4.2.1 fixes; it rolls out on Thursday. — Sam, Brightwave support",
            ["Input.Summary"] = "gave the day",
            ["Input.StaffDisclosure"] = "", ["Input.Staff"] = "false", ["Input.HideStaffMark"] = "true", ["Input.Anonymous"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var edited = await sam.FollowAsync(response);
        Assert.Contains("rolls out on Thursday", edited.Answer(answerId).QuerySelector(".markdown")!.TextContent);
        StaffSite.AssertDisclosed(edited.Answer(answerId).Signature(), samId, Sam.Disclosure);
        var visitorsView = await factory.CreateClient().GetDocumentAsync(path);
        StaffSite.AssertDisclosed(visitorsView.Answer(answerId).Signature(), samId, Sam.Disclosure);
    }

    [Fact]
    public async Task AModeratorsEditOfAStaffAnswerKeepsTheMarkAndAStaffEditOfAMembersAnswerAddsNone()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Edits across roles"));
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var staffAnswer = await sam.AnswerAsync(path, "This is a known issue with 4.2.0 that 4.2.1 fixes; it rolls out this week. — Sam, Brightwave support");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var memberAnswer = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");

        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var byModerator = await moderator.PostFormAsync($"/posts/{staffAnswer}/edit", await moderator.GetDocumentAsync($"/posts/{staffAnswer}/edit"), QuestionForms.Handler("edit"),
            new() { ["Input.Body"] = "This is a known issue with firmware 4.2.0 that 4.2.1 fixes; it rolls out this week. — Sam, Brightwave support", ["Input.Summary"] = "firmware" });
        Assert.Equal(HttpStatusCode.Redirect, byModerator.StatusCode);
        var byStaff = await sam.PostFormAsync($"/posts/{memberAnswer}/edit", await sam.GetDocumentAsync($"/posts/{memberAnswer}/edit"), QuestionForms.Handler("edit"),
            new() { ["Input.Body"] = "Open the Beacon app, go to **Settings > Firmware** and move the update window to 3am; the amber light is the update retrying.", ["Input.Summary"] = "bold path" });
        Assert.Equal(HttpStatusCode.Redirect, byStaff.StatusCode);

        var page = await factory.CreateClient().GetDocumentAsync(path);
        Assert.Contains("firmware 4.2.0", page.Answer(staffAnswer).QuerySelector(".markdown")!.TextContent);
        StaffSite.AssertDisclosed(page.Answer(staffAnswer).Signature(), samId, Sam.Disclosure);
        Assert.NotNull(page.Answer(memberAnswer).QuerySelector(".markdown strong"));
        StaffSite.AssertNotDisclosed(page.Answer(memberAnswer).Signature());
    }
}
