using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// Reputation and badges as an answerer sees them: the customer asks, the demo expert answers, the customer accepts, and the
/// expert's profile shows 15 more reputation, the acceptance in their own history (linking to the answer) and a new badge,
/// announced on their notices page. Anyone else sees the reputation and the badge, but not the history.
/// </summary>
public sealed class ReputationJourney(BrowserSite site) : BrowserTest(site)
{
    private const string Expert = "Priya Raman";

    /// <summary>ReputationOptions.AnswerAccepted: what an accepted answer is worth to its author.</summary>
    private const int AnswerAccepted = 15;

    // Which badge. Accepting earns the answerer nothing by itself on a fresh question (Guru needs an accepted answer
    // scored 40), and the asker's Scholar (accepted an answer on their own question) is Dana's already: four of her demo
    // questions have an accepted answer. What the accept does award deterministically is a tag badge the new answer
    // completes. The bronze tag badge needs a total answer score of 10 from at least 5 answers in the tag
    // (BadgeCatalogue.TagBronze); in the demo, Priya has exactly 4 answers in [parental-controls], scoring 36 (votes
    // 9, 7, 6, 14), so she holds no badge there. Posting an answer runs no badge check (only votes, accepts and edits
    // call BadgeAwarder.CheckMembersAsync), so her fifth answer earns it and the accept's check awards it, with a notice.
    // No other browser test posts in [parental-controls] ([firmware] also stands at 4, but AskAnswerAcceptJourney answers
    // there). The hourly sweep would award it too if it ran between the answer and the accept, so the "not yet" state is
    // read before she answers, and the award is asserted after the accept without waiting for anything.
    private const string Tag = "parental-controls";
    private const string TagBadgeLevel = "Bronze";
    private const string TagBadgeHref = "badges/20/parental-controls";
    private const string TagBadgeNotice =
        "You earned the bronze badge parental-controls: a total answer score of 10 or more from at least 5 answers in [parental-controls].";

    [Fact]
    public async Task Expert_answer_is_accepted_and_their_profile_shows_the_reputation_the_history_entry_and_a_new_badge()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Shield bedtime ignores the new games console ({unique})";

        // The customer asks a fresh question in the tag.
        var customer = await SignedInAsync("customer@demo.local");
        var ask = await AskQuestionPage.OpenAsync(customer);
        var asked = await ask.AskAsync(title,
            $"Bedtime on my daughter's **Shield profile** pauses her phone, but the console we bought last week plays on. Ref {unique}.",
            Tag, previewed: "Shield profile");
        await Expect(asked.Heading).ToHaveTextAsync(title);
        var questionUrl = customer.Url;
        var questionPath = new Uri(questionUrl).AbsolutePath.TrimStart('/');

        // The expert, in another browser context, finds herself among the top answerers in the tag, before answering:
        // her reputation, her bronze badges, no [parental-controls] badge yet, and nothing about this question in her history.
        var expert = await SignedInAsync("expert@demo.local");
        var board = await TagLeaderboardPage.OpenAsync(expert, Tag);
        var profile = await ProfilePage.FollowAsync(expert, board.MemberLink(Expert), Expert);
        var profileUrl = expert.Url;
        var reputationBefore = await profile.ReputationAsync();
        var bronzeBefore = await profile.BadgeCountAsync(TagBadgeLevel);
        await Expect(profile.Badge(TagBadgeLevel, Tag)).ToHaveCountAsync(0);
        await Expect(profile.History).ToBeVisibleAsync();
        await Expect(profile.HistoryRowsFor(title)).ToHaveCountAsync(0);

        // She answers; the member link on her answer leads to the same profile, where answering alone changed nothing.
        await expert.GotoAsync(questionUrl);
        var question = new QuestionPage(expert);
        await Expect(question.Heading).ToHaveTextAsync(title);
        var answerId = await question.PostAnswerAsync(
            $"Consoles often get a new MAC address after a system update. Open **Shield > Profiles > Devices**, add the console again, and bedtime applies. Ref {unique}.",
            previewed: "Shield > Profiles > Devices");
        await Expect(question.Answer(answerId)).ToContainTextAsync("add the console again");
        profile = await ProfilePage.FollowAsync(expert, SignatureLine.OfAnswer(question, answerId).AuthorLink, Expert);
        Assert.Equal(profileUrl, expert.Url);
        await Expect(profile.Reputation).ToHaveTextAsync(ProfilePage.Format(reputationBefore));
        await Expect(profile.HistoryRowsFor(title)).ToHaveCountAsync(0);

        // The customer reloads and accepts the answer.
        await customer.ReloadAsync();
        await Expect(asked.Answer(answerId)).ToBeVisibleAsync();
        await asked.AcceptButton(answerId).ClickAsync();
        await Expect(asked.Flash).ToHaveTextAsync("You accepted this answer: the question shows as resolved.");
        await Expect(asked.AcceptedMarkOf(answerId)).ToHaveTextAsync("✔ Accepted");

        // The expert's profile: exactly 15 more reputation, and the new bronze badge named after the tag.
        await expert.ReloadAsync();
        await Expect(profile.Heading).ToHaveTextAsync(Expert);
        await Expect(profile.Reputation).ToHaveTextAsync(ProfilePage.Format(reputationBefore + AnswerAccepted));
        await Expect(profile.Badge(TagBadgeLevel, Tag)).ToHaveAttributeAsync("href", TagBadgeHref);
        await Expect(profile.BadgeCount(TagBadgeLevel)).ToHaveTextAsync(ProfilePage.Format(bronzeBefore + 1));

        // Her history, newest first, opens with the acceptance, which links to the answer.
        await Expect(profile.HistoryRowsFor(title)).ToHaveCountAsync(1);
        var accepted = profile.HistoryRows.First;
        await Expect(accepted).ToHaveAttributeAsync("data-reason", "AnswerAccepted");
        await Expect(accepted.Locator("td.gain")).ToHaveTextAsync($"+{AnswerAccepted}");
        await Expect(accepted.Locator("td").Nth(2)).ToHaveTextAsync("Your answer was accepted");
        await Expect(ProfilePage.PostLink(accepted)).ToHaveTextAsync(title);
        await Expect(ProfilePage.PostLink(accepted)).ToHaveAttributeAsync("href", $"{questionPath}#answer-{answerId}");
        await ProfilePage.PostLink(accepted).ClickAsync();
        await Expect(expert).ToHaveURLAsync(new Regex(Regex.Escape($"{questionPath}#answer-{answerId}") + "$"));
        await Expect(question.AcceptedMarkOf(answerId)).ToHaveTextAsync("✔ Accepted");

        // The award was announced on her notices page, unread, linking to the badge.
        var notices = await NoticesPage.OpenAsync(expert);
        var notice = notices.Item(TagBadgeNotice);
        await Expect(notice).ToHaveCountAsync(1);
        await Expect(notice).ToHaveClassAsync("unread");
        await Expect(NoticesPage.Link(notice)).ToHaveAttributeAsync("href", TagBadgeHref);

        // The customer follows the member link on the accepted answer: the same reputation and badge, and no history.
        var seenByCustomer = await ProfilePage.FollowAsync(customer, SignatureLine.OfAnswer(asked, answerId).AuthorLink, Expert);
        Assert.Equal(profileUrl, customer.Url);
        await Expect(seenByCustomer.Reputation).ToHaveTextAsync(ProfilePage.Format(reputationBefore + AnswerAccepted));
        await Expect(seenByCustomer.Badge(TagBadgeLevel, Tag)).ToBeVisibleAsync();
        await Expect(seenByCustomer.History).ToHaveCountAsync(0);
    }
}
