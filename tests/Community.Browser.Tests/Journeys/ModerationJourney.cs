using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// The community polices itself, moderators finish the job, and every step is on record: three members flag a spam
/// answer, it disappears for visitors at once, a moderator deletes it from the queue and suspends its author, the author
/// sees why and until when, and the audit log lists the hold, the accepted flags, the deletion and the suspension.
/// </summary>
public sealed partial class ModerationJourney(BrowserSite site) : BrowserTest(site)
{
    private const string Spammer = "zofianowak@members.demo.local";
    private const string SpammerName = "Zofia Nowak";

    [Fact]
    public async Task Three_members_flag_a_spam_answer_it_disappears_a_moderator_deletes_it_and_suspends_the_author_and_the_log_shows_each_step()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Guest network keeps asking for the password ({unique})";

        var customer = await SignedInAsync("customer@demo.local");
        var asked = await (await AskQuestionPage.OpenAsync(customer)).AskAsync(title,
            $"Every phone that joins the **guest network** is asked for the password again the next day. Ref {unique}.", "security", previewed: "guest network");
        var questionUrl = customer.Url;

        var spammer = await SignedInAsync(Spammer);
        await spammer.GotoAsync(questionUrl);
        var spammerView = new QuestionPage(spammer);
        var answerId = await spammerView.PostAnswerAsync(
            $"Forget the guest network. Buy a better mesh kit at 50% off from my shop today: https://cheap-mesh.example/{unique}", previewed: "50% off");

        // Three members flag it as spam; the third flag hides it.
        var flaggers = new[] { customer, await SignedInAsync("expert@demo.local"), await SignedInAsync("kenjiwatanabe@members.demo.local") };
        for (var i = 0; i < flaggers.Length; i++)
        {
            await flaggers[i].GotoAsync(questionUrl);
            var question = new QuestionPage(flaggers[i]);
            await new FlagPanel(question.Answer(answerId).Locator(".post-body > details.flag-form")).FlagAsync("Spam");
            await Expect(question.Flash).ToContainTextAsync(i < 2 ? "a moderator will review your flag" : "it hid the post until a moderator reviews it");
        }

        // A visitor no longer sees it; its author does, marked as hidden, with the reason.
        var visitor = await NewVisitorAsync();
        await visitor.GotoAsync(questionUrl);
        await Expect(new QuestionPage(visitor).Heading).ToHaveTextAsync(title);
        await Expect(new QuestionPage(visitor).Answer(answerId)).ToHaveCountAsync(0);
        await Expect(visitor.Locator("#answers-title")).ToHaveTextAsync("0 answers");
        await spammer.ReloadAsync();
        await Expect(spammerView.Answer(answerId).Locator(".notice-held")).ToContainTextAsync("several members flagged it as spam");

        // The moderator deletes it from the queue and suspends the author for 7 days.
        var moderator = await SignedInAsync("moderator@demo.local");
        var queue = await ReviewQueuePage.OpenAsync(moderator);
        await Expect(queue.Item(answerId)).ToContainTextAsync("Hidden pending review");
        await Expect(queue.Flags(answerId)).ToHaveCountAsync(3);
        await queue.AcceptAndSuspendAsync(answerId, "Delete it", 7, $"Advertising a shop in answers ({unique}).");
        await Expect(queue.Flash).ToHaveTextAsync("Flags accepted as helpful: deleted the answer. The author is suspended for 7 days.");
        await Expect(queue.Item(answerId)).ToHaveCountAsync(0);

        // The author sees why and until when, and cannot post.
        await spammer.ReloadAsync();
        await Expect(spammer.Locator(".suspension-banner")).ToContainTextAsync($"Advertising a shop in answers ({unique}).");
        await Expect(spammer.Locator(".suspension-banner")).ToContainTextAsync(new Regex("suspended until \\w+day \\d+ \\w+ \\d{4} at \\d\\d:\\d\\d UTC"));

        // The flagger learns the outcome.
        await customer.GotoAsync("flags/mine");
        await Expect(customer.Locator("table.my-flags tr", new() { HasText = title }).Locator(".flag-outcome")).ToHaveTextAsync("Helpful: a moderator agreed and deleted the answer.");

        // The audit log shows every step.
        var log = await AuditLogPage.OpenAsync(moderator);
        await Expect(log.Row("post.held", $"Post {answerId} by {SpammerName}")).ToContainTextAsync("System");
        await Expect(log.Row("flags.accepted", $"Post {answerId}")).ToContainTextAsync("Ingrid Solberg");
        await Expect(log.Row("post.deleted", $"Post {answerId}")).ToContainTextAsync("3 × spam");
        await Expect(log.Row("member.suspended", unique)).ToContainTextAsync(SpammerName);
    }
}
