using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// Staff disclosure as people see it: the demo staff member answers through the question page's real answer form, and
/// an anonymous visitor sees the "Staff" mark with name, title and company beside the new answer; the mark leads to the
/// staff page with the title and team.
/// </summary>
public sealed class StaffDisclosureJourney(BrowserSite site) : BrowserTest(site)
{
    private const string StaffName = "Sam Ortega";
    private const string StaffTitle = "Support engineer";
    private const string StaffTeam = "Technical support";
    private const string Company = "Brightwave";

    [Fact]
    public async Task Staff_answers_and_a_visitor_sees_the_disclosure_beside_the_answer_and_follows_the_mark_to_the_staff_page()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Beacon Pro drops the 5 GHz band every night ({unique})";

        // A customer asks a fresh question, so the journey changes no demo thread.
        var customer = await SignedInAsync("customer@demo.local");
        var ask = await AskQuestionPage.OpenAsync(customer);
        var asked = await ask.AskAsync(title, $"Every night around 2am the **5 GHz** network disappears for ten minutes. Ref {unique}.",
            "performance firmware", previewed: "5 GHz");
        await Expect(asked.Heading).ToHaveTextAsync(title);
        var questionUrl = customer.Url;

        // The demo staff member answers through the answer form on the question page.
        var staff = await SignedInAsync("staff@demo.local");
        await staff.GotoAsync(questionUrl);
        var staffView = new QuestionPage(staff);
        await Expect(staffView.Heading).ToHaveTextAsync(title);
        var answerId = await staffView.PostAnswerAsync(
            $"That is the nightly channel scan. Turn off **Auto channel** under Settings > Wi-Fi > Advanced until 4.3.1 ships. Ref {unique}.",
            previewed: "Auto channel");
        await Expect(staffView.Answer(answerId)).ToContainTextAsync("Turn off Auto channel");
        // The author sees their own disclosure too: there is no way to post without it.
        await Expect(SignatureLine.OfAnswer(staffView, answerId).Disclosure).ToHaveTextAsync($"{StaffName}, {StaffTitle}, {Company}");

        // An anonymous visitor, in a browser context of their own, opens the question.
        var visitor = await NewVisitorAsync();
        await visitor.GotoAsync(questionUrl);
        var question = new QuestionPage(visitor);
        await Expect(question.Heading).ToHaveTextAsync(title);
        var answer = question.Answer(answerId);
        await Expect(answer).ToContainTextAsync("Turn off Auto channel");
        var signature = SignatureLine.OfAnswer(question, answerId);
        await Expect(signature.AuthorLink).ToHaveTextAsync(StaffName);
        await Expect(signature.StaffMark).ToBeVisibleAsync();
        await Expect(signature.StaffMark).ToHaveTextAsync("Staff");
        await Expect(signature.StaffMark).ToHaveAttributeAsync("title", $"{StaffName} is {StaffTitle} at {Company}");
        await Expect(signature.Disclosure).ToBeVisibleAsync();
        await Expect(signature.Disclosure).ToHaveTextAsync($"{StaffName}, {StaffTitle}, {Company}");
        // Only the new answer on this page is by staff.
        await Expect(visitor.Locator("article.answer .post-signature a.staff-mark")).ToHaveCountAsync(1);
        await Expect(visitor.Locator("article.question .post-signature a.staff-mark")).ToHaveCountAsync(0);
        var staffId = StaffProfilePage.UserIdFrom((await signature.StaffMark.GetAttributeAsync("href"))!);

        // The mark leads to the staff page, with the title and the team.
        await signature.StaffMark.ClickAsync();
        await Expect(visitor).ToHaveURLAsync(StaffProfilePage.UrlOf(staffId));
        var profile = new StaffProfilePage(visitor);
        await Expect(visitor).ToHaveTitleAsync($"{StaffName}, {StaffTitle} at {Company}");
        await Expect(profile.Heading).ToHaveTextAsync(StaffName);
        await Expect(profile.TitleLine).ToContainTextAsync($"{StaffTitle} · {StaffTeam} · {Company}");
        await Expect(profile.TitleLine.Locator(".staff-mark")).ToHaveTextAsync("Staff");
        await Expect(profile.MemberProfileLink(staffId)).ToHaveTextAsync(StaffName);
        // The answer just written is the newest of the recent answers.
        await Expect(profile.RecentAnswers.First.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
    }
}
