using System.Net;
using Community.Web.Components.Pages.Users;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Staff;

/// <summary>
/// Wherever a staff post appears, the server-rendered HTML says so: a "Staff" link to the person's staff page and
/// "Name, Title, Company" beside the author, for answers, questions (in every list) and comments. Members' posts carry nothing.
/// </summary>
public sealed class StaffDisclosureViewsTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SamsDemoAnswersCarryTheMarkNameTitleAndCompanyAndMembersAnswersDoNot()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var answers = await factory.QueryAsync(db => db.Answers.AsNoTracking().Where(a => a.DeletedAt == null).ToListAsync(Ct));
        // A demo question where Sam answered and so did a member who never was staff.
        var questionId = answers.Where(a => a.AuthorId == samId).Select(a => a.QuestionId).Order()
            .First(q => answers.Any(o => o.QuestionId == q && o.AuthorId != samId && o.StaffDisclosure is null));
        var visitor = factory.CreateClient();

        var page = await visitor.GetDocumentAsync($"/questions/{questionId}");

        var sams = answers.Where(a => a.QuestionId == questionId && a.AuthorId == samId).ToList();
        Assert.NotEmpty(sams);
        foreach (var sam in sams)
        {
            var answer = page.Answer(sam.Id);
            Assert.Equal($"Answer by {Sam.Name}", answer.GetAttribute("aria-label"));
            var signature = answer.Signature();
            StaffSite.AssertDisclosed(signature, samId, Sam.Disclosure);
            Assert.Contains("by-staff", signature.ClassList);
            Assert.Equal($"{Sam.Name} is {Sam.Title} at {Sam.Company}", signature.StaffMark()!.GetAttribute("title"));
            Assert.StartsWith($"users/{samId}/", signature.QuerySelector("a[href^='users/']")!.GetAttribute("href"));
            Assert.Null(signature.QuerySelector(".reputation"));
        }
        var members = answers.Where(a => a.QuestionId == questionId && a.StaffDisclosure is null).ToList();
        Assert.NotEmpty(members);
        foreach (var member in members)
        {
            var signature = page.Answer(member.Id).Signature();
            StaffSite.AssertNotDisclosed(signature);
            Assert.DoesNotContain("by-staff", signature.ClassList);
            Assert.NotNull(signature.QuerySelector(".reputation"));
        }
    }

    [Fact]
    public async Task TheDemoOfficialAnswerShowsTheOfficialMarkBesideTheAcceptedOne()
    {
        var demo = await factory.QueryAsync(db => db.Questions.AsNoTracking().Where(q => q.OfficialAnswerId != null)
            .Select(q => new { q.Id, q.OfficialAnswerId, q.AcceptedAnswerId }).FirstAsync(Ct));
        var (questionId, officialId, acceptedId) = (demo.Id, demo.OfficialAnswerId!.Value, demo.AcceptedAnswerId);
        var samId = await factory.UserIdAsync(Sam.Email);

        var page = await factory.CreateClient().GetDocumentAsync($"/questions/{questionId}");

        var official = page.Answer(officialId);
        Assert.Contains("official", official.ClassList);
        Assert.Equal($"{Sam.Company} official answer", official.QuerySelector(".official-mark")!.TextContent.Trim());
        StaffSite.AssertDisclosed(official.Signature(), samId, Sam.Disclosure);
        Assert.Single(page.QuerySelectorAll(".official-mark"));
        Assert.NotNull(acceptedId);
        Assert.NotEqual(officialId, acceptedId);
        Assert.Equal("✔ Accepted", page.Answer(acceptedId!.Value).QuerySelector(".accepted-mark")!.TextContent.Trim());
        Assert.Null(official.QuerySelector(".accepted-mark"));
        // Visitors see the marks, never the staff button.
        Assert.Empty(page.QuerySelectorAll(".official-button"));
    }

    [Fact]
    public async Task AQuestionAskedByStaffIsMarkedOnItsPageInTheListsOnTheProfileAndInSearch()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var title = QuestionForms.UniqueTitle("Staff asks about the amber light");
        var (id, path) = await sam.AskAsync(title);
        var visitor = factory.CreateClient();

        var question = await visitor.GetDocumentAsync(path);
        StaffSite.AssertDisclosed(question.QuerySelector($"#question-{id}")!.Signature(), samId, Sam.Disclosure);

        var newest = await visitor.GetDocumentAsync("/questions?sort=newest");
        StaffSite.AssertDisclosed(newest.QuestionRow(id)!.QuerySelector(".question-meta")!, samId, Sam.Disclosure);

        var home = await visitor.GetDocumentAsync("/");
        StaffSite.AssertDisclosed(home.QuestionRow(id)!.QuerySelector(".question-meta")!, samId, Sam.Disclosure);

        var tagged = await visitor.GetDocumentAsync("/questions/tagged/firmware?sort=newest");
        StaffSite.AssertDisclosed(tagged.QuestionRow(id)!.QuerySelector(".question-meta")!, samId, Sam.Disclosure);

        var profile = await visitor.GetDocumentAsync("/" + ProfileLinks.For(samId, Sam.Name));
        Assert.Equal(Sam.Name, profile.QuerySelector("main h1")!.TextContent);
        var profileRow = profile.QuerySelector(".profile-questions")!.QuerySelectorAll(".question-row")
            .Single(r => r.QuerySelector($"h3 a[href^='questions/{id}/']") is not null);
        StaffSite.AssertDisclosed(profileRow.QuerySelector(".question-meta")!, samId, Sam.Disclosure);

        var search = await visitor.GetDocumentAsync("/search?q=" + Uri.EscapeDataString(title));
        Assert.Equal("1 result", search.QuerySelector("main h2")!.TextContent);
        var hit = search.QuerySelectorAll(".search-hit").Single(h => h.QuerySelector($"a.search-title[href^='questions/{id}/']") is not null);
        StaffSite.AssertDisclosed(hit.QuerySelector(".question-meta")!, samId, Sam.Disclosure);

        // A member's question in the same list carries nothing.
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (memberQuestion, _) = await customer.AskAsync(QuestionForms.UniqueTitle("Member asks about the amber light"));
        var again = await visitor.GetDocumentAsync("/questions?sort=newest");
        StaffSite.AssertNotDisclosed(again.QuestionRow(memberQuestion)!.QuerySelector(".question-meta")!);
        StaffSite.AssertDisclosed(again.QuestionRow(id)!.QuerySelector(".question-meta")!, samId, Sam.Disclosure);
    }

    /// <remarks>
    /// Fails while the bug stands: StaffQueries.ToMemberAsync (src/Community.Domain/Staff/StaffQueries.cs) builds each
    /// QuestionSummary without <c>AuthorStaff</c>, so a staff-asked question in "Recent answers" on /staff/{id} shows no mark.
    /// </remarks>
    [Fact]
    public async Task AQuestionAskedByStaffIsMarkedInTheRecentAnswersOfAStaffProfile()
    {
        // Sam answers his own question (a follow-up with the fix), so it is listed under his recent answers.
        var samId = await factory.UserIdAsync(Sam.Email);
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var (id, path) = await sam.AskAsync(QuestionForms.UniqueTitle("Known issue with the amber light"));
        await sam.AnswerAsync(path, "Fixed in firmware 4.2.2: update from Settings > Firmware and the amber light stops. — Sam, Brightwave support");

        var staffPage = await factory.CreateClient().GetDocumentAsync($"/staff/{samId}");

        var row = staffPage.QuestionRow(id);
        Assert.NotNull(row);
        StaffSite.AssertDisclosed(row.QuerySelector(".question-meta")!, samId, Sam.Disclosure);
    }

    [Fact]
    public async Task CommentsByStaffCarryTheMarkAndMembersCommentsDoNot()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Comments from staff"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and move the update window to 3am; the amber light is the update retrying.");
        var sam = await factory.SignedInClientAsync(Sam.Email);

        await sam.CommentAsync(path, id, "Could you send us the diagnostic report from Settings > Help? (staff on the question)");
        await sam.CommentAsync(path, answerId, "Confirmed: the 3am window avoids the retry loop. (staff on the answer)");
        await customer.CommentAsync(path, answerId, "Thanks, I will try the 3am window tonight. (member on the answer)");

        var page = await factory.CreateClient().GetDocumentAsync(path);
        var question = page.QuerySelector($"#question-{id}")!;
        var answer = page.Answer(answerId);
        StaffSite.AssertDisclosed(question.Comment("(staff on the question)"), samId, Sam.Disclosure);
        StaffSite.AssertDisclosed(answer.Comment("(staff on the answer)"), samId, Sam.Disclosure);
        StaffSite.AssertNotDisclosed(answer.Comment("(member on the answer)"));
        // The comments' marks do not spill onto the posts they are under.
        StaffSite.AssertNotDisclosed(question.Signature());
        StaffSite.AssertNotDisclosed(answer.Signature());
    }

    [Fact]
    public async Task AnAnswerStaffWroteNowCarriesTheMarkOnTheQuestionPage()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Staff answers now"));
        var sam = await factory.SignedInClientAsync(Sam.Email);

        var answerId = await sam.AnswerAsync(path, "This is a known issue with 4.2.0; 4.2.1 rolls out this week and fixes it. — Sam, Brightwave support");

        foreach (var client in new[] { factory.CreateClient(), customer, sam })
        {
            var page = await client.GetDocumentAsync(path);
            StaffSite.AssertDisclosed(page.Answer(answerId).Signature(), samId, Sam.Disclosure);
            Assert.Null(page.Answer(answerId).Signature().QuerySelector(".reputation"));
        }
    }

    /// <remarks>
    /// Fails while the bug stands: /posts/{id}/revisions shows every version of a staff post with "Posted by Sam Ortega" and
    /// no disclosure (RevisionQueries.PostHistory carries no StaffDisclosure; RevisionsPage.razor renders no StaffMark).
    /// </remarks>
    [Fact]
    public async Task TheRevisionHistoryOfAStaffAnswerCarriesTheMark()
    {
        var samId = await factory.UserIdAsync(Sam.Email);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("History of a staff answer"));
        var sam = await factory.SignedInClientAsync(Sam.Email);
        var answerId = await sam.AnswerAsync(path, "Hold the button for ten seconds until the light flashes yellow, then set it up again. — Sam, Brightwave support");

        var response = await factory.CreateClient().GetAsync($"/posts/{answerId}/revisions", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var history = await FormPoster.ParseAsync(response);
        var first = history.GetElementById("revision-1")!;
        Assert.Contains("ten seconds", first.QuerySelector(".diff")!.TextContent);
        StaffSite.AssertDisclosed(first.QuerySelector(".revision-meta")!, samId, Sam.Disclosure);
    }

    [Fact]
    public async Task AFormerStaffMembersAnswersFromTheirTimeAsStaffStillCarryTheirDisclosure()
    {
        var directory = await factory.CreateClient().GetDocumentAsync("/staff");
        var formerLink = directory.QuerySelector("section[aria-labelledby='former-staff'] .staff-card h3 a")!;
        var formerId = formerLink.GetAttribute("href")!["staff/".Length..];
        var formerName = formerLink.TextContent.Trim();
        var answers = await factory.QueryAsync(db => db.Answers.AsNoTracking().Where(a => a.AuthorId == formerId && a.DeletedAt == null).ToListAsync(Ct));
        var whileStaff = answers.Where(a => a.StaffDisclosure is not null).ToList();
        Assert.NotEmpty(whileStaff);

        var visitor = factory.CreateClient();
        var page = await visitor.GetDocumentAsync($"/questions/{whileStaff[0].QuestionId}");

        StaffSite.AssertDisclosed(page.Answer(whileStaff[0].Id).Signature(), formerId, $"{formerName}, Product specialist, {Sam.Company}");
        foreach (var since in answers.Where(a => a.StaffDisclosure is null))
            StaffSite.AssertNotDisclosed((await visitor.GetDocumentAsync($"/questions/{since.QuestionId}")).Answer(since.Id).Signature());
        // Their old answer's mark still leads somewhere: the staff page, which says they left.
        var staffPage = await visitor.GetDocumentAsync($"/staff/{formerId}");
        Assert.Equal(formerName, staffPage.QuerySelector("main h1")!.TextContent);
        Assert.Contains("former staff", staffPage.QuerySelector(".staff-title .former-note")!.TextContent);
    }
}
