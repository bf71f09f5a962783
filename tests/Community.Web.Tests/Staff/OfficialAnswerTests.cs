using System.Net;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Staff;

/// <summary>
/// Staff mark any answer as the company's official one, shown beside (not instead of) the asker's accepted answer.
/// Nobody else can: the button is not there, and a hand-made post is refused with a flash message.
/// </summary>
public sealed class OfficialAnswerTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string RefusedMessage = "Only staff can mark an answer as the company's official answer.";

    [Fact]
    public async Task StaffMarkAMembersAnswerOfficialAndThePageShowsItBesideTheAcceptedAnswer()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Official and accepted"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var acceptedId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var officialId = await moderator.AnswerAsync(path, "Factory-reset the Point (hold the pin-hole button for ten seconds) and add it again next to the Beacon Pro.");
        await customer.FollowAsync(await customer.PostFormAsync(path, await customer.GetDocumentAsync(path), QuestionForms.Action($"answers/{acceptedId}/accept")));
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var before = await sam.GetDocumentAsync(path);
        Assert.Equal("Mark as official answer", before.Answer(officialId).QuerySelector(".official-button")!.TextContent.Trim());
        Assert.Equal("Mark as official answer", before.Answer(acceptedId).QuerySelector(".official-button")!.TextContent.Trim());

        var response = await sam.PostFormAsync(path, before, QuestionForms.Action($"answers/{officialId}/official"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{path}#answer-{officialId}", response.Headers.Location!.OriginalString);
        var marked = await sam.FollowAsync(response);
        Assert.Equal("This is now the company's official answer, shown beside the accepted one.", QuestionForms.Flash(marked)!.TextContent);
        Assert.Equal("Withdraw official mark", marked.Answer(officialId).QuerySelector(".official-button")!.TextContent.Trim());

        var page = await factory.CreateClient().GetDocumentAsync(path);
        var accepted = page.Answer(acceptedId);
        var official = page.Answer(officialId);
        Assert.Equal("✔ Resolved", page.QuerySelector($"article.question .resolved-badge")!.TextContent);
        Assert.Contains("accepted", accepted.ClassList);
        Assert.Equal("✔ Accepted", accepted.QuerySelector(".accepted-mark")!.TextContent.Trim());
        Assert.Null(accepted.QuerySelector(".official-mark"));
        Assert.Contains("official", official.ClassList);
        Assert.DoesNotContain("accepted", official.ClassList);
        Assert.Equal($"{Sam.Company} official answer", official.QuerySelector(".official-mark")!.TextContent.Trim());
        Assert.Equal($"{Sam.Company} staff marked this as the company's official answer", official.QuerySelector(".official-mark")!.GetAttribute("title"));
        Assert.Null(official.QuerySelector(".accepted-mark"));
        Assert.Single(page.QuerySelectorAll(".official-mark"));
        Assert.Single(page.QuerySelectorAll(".accepted-mark"));
        // The accepted answer first, the official one next.
        Assert.Equal([$"answer-{acceptedId}", $"answer-{officialId}"], page.QuerySelectorAll("article.answer").Select(a => a.Id).ToArray());
        // Marking it official does not make the moderator's answer a staff post.
        StaffSite.AssertNotDisclosed(official.Signature());
        Assert.Empty(page.QuerySelectorAll(".official-button"));
    }

    [Fact]
    public async Task StaffWithdrawTheOfficialMark()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Official then withdrawn"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var marked = await sam.FollowAsync(await sam.PostFormAsync(path, await sam.GetDocumentAsync(path), QuestionForms.Action($"answers/{answerId}/official")));

        var withdrawn = await sam.FollowAsync(await sam.PostFormAsync(path, marked, QuestionForms.Action($"questions/{id}/unofficial")));

        Assert.Equal("The official mark was withdrawn.", QuestionForms.Flash(withdrawn)!.TextContent);
        Assert.Null(withdrawn.QuerySelector(".official-mark"));
        Assert.DoesNotContain("official", withdrawn.Answer(answerId).ClassList);
    }

    public static TheoryData<string> NotStaff => [Demo.Customer, Demo.Expert, Demo.Moderator, StaffSite.Admin];

    [Theory]
    [MemberData(nameof(NotStaff))]
    public async Task AnyoneButStaffIsRefusedWithAFlashMessageAndNothingChanges(string email)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Not yours to make official"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");
        var member = await factory.SignedInClientAsync(email);
        var page = await member.GetDocumentAsync(path);
        Assert.Empty(page.QuerySelectorAll(".official-button"));
        Assert.Empty(page.QuerySelectorAll($"form[action='answers/{answerId}/official']"));

        // No button, so they post by hand, with their own valid antiforgery token.
        var response = await PostByHandAsync(member, page, $"answers/{answerId}/official", $"{path}#answer-{answerId}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await member.FollowAsync(response);
        var flash = QuestionForms.Flash(after)!;
        Assert.Equal(RefusedMessage, flash.TextContent);
        Assert.Contains("flash-error", flash.ClassList);
        Assert.Equal("alert", flash.GetAttribute("role"));
        Assert.Null(after.QuerySelector(".official-mark"));
        Assert.Null((await factory.CreateClient().GetDocumentAsync(path)).QuerySelector(".official-mark"));
        var official = await factory.QueryAsync(db => db.Questions.Where(q => q.Id == id).Select(q => new { q.OfficialAnswerId, q.OfficialMarkedById }).SingleAsync(Ct));
        Assert.Null(official.OfficialAnswerId);
        Assert.Null(official.OfficialMarkedById);
    }

    [Theory]
    [MemberData(nameof(NotStaff))]
    public async Task AnyoneButStaffIsRefusedWithdrawingTheDemoOfficialMark(string email)
    {
        var demo = await factory.QueryAsync(db => db.Questions.AsNoTracking().Where(q => q.OfficialAnswerId != null)
            .Select(q => new { q.Id, q.OfficialAnswerId }).FirstAsync(Ct));
        var member = await factory.SignedInClientAsync(email);
        var page = await member.GetDocumentAsync($"/questions/{demo.Id}");
        var path = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;

        var after = await member.FollowAsync(await PostByHandAsync(member, page, $"questions/{demo.Id}/unofficial", new Uri(path).AbsolutePath));

        Assert.Equal(RefusedMessage, QuestionForms.Flash(after)!.TextContent);
        Assert.NotNull((await factory.CreateClient().GetDocumentAsync($"/questions/{demo.Id}")).Answer(demo.OfficialAnswerId!.Value).QuerySelector(".official-mark"));
    }

    [Fact]
    public async Task AVisitorWhoIsNotSignedInCannotMarkAnAnswerOfficial()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Anonymous official"));
        var answerId = await (await factory.SignedInClientAsync(Demo.Expert)).AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am.");
        var visitor = factory.CreateBrowserlessClient();

        var response = await visitor.PostAsync($"answers/{answerId}/official", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = path }), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest || response.Headers.Location?.OriginalString.Contains("Account/Login") == true,
            $"An anonymous post answered {(int)response.StatusCode} {response.Headers.Location}.");
        Assert.Null((await factory.CreateClient().GetDocumentAsync(path)).QuerySelector(".official-mark"));
    }

    private static Task<HttpResponseMessage> PostByHandAsync(HttpClient client, IHtmlDocument page, string action, string returnUrl) =>
        client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [QuestionForms.TokenField] = QuestionForms.AntiforgeryToken(page),
            ["returnUrl"] = returnUrl,
        }), Ct);
}
