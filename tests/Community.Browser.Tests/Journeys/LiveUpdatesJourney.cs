using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// Live updates over the circuit, with two people in two browser contexts: the customer has her question open, the expert
/// answers it in his own browser, and the customer's page shows "1 new answer — show" and her bell count rises without
/// reloading; "show" brings the answer in.
/// </summary>
public sealed class LiveUpdatesJourney(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task The_customer_sees_the_new_answer_announced_and_the_bell_rise_while_the_page_stays_open()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Guest network drops every video call ({unique})";

        var customer = await SignedInAsync("customer@demo.local");
        var ask = await AskQuestionPage.OpenAsync(customer);
        var asked = await ask.AskAsync(title, $"The **guest network** drops every video call after ten minutes. Ref {unique}.", "wifi-coverage", previewed: "guest network");
        var live = new LiveUpdates(customer);
        await live.WaitUntilListeningAsync();
        var before = await live.UnreadAsync();
        var questionUrl = customer.Url;

        var expert = await SignedInAsync("expert@demo.local");
        await expert.GotoAsync(questionUrl);
        var answered = new QuestionPage(expert);
        var answerId = await answered.PostAnswerAsync(
            $"Guest networks have a **session limit** in Settings > Guest; raise it or turn it off. Ref {unique}.", previewed: "session limit");

        // No reload on the customer's side: the banner and the bell change in place.
        await Expect(live.Banner).ToContainTextAsync("1 new answer");
        await Expect(live.Bell).ToHaveAttributeAsync("aria-label", $"Notifications: {before + 1} unread");
        await Expect(asked.Answer(answerId)).ToHaveCountAsync(0);

        await live.Show.ClickAsync();
        await Expect(asked.Answer(answerId)).ToContainTextAsync("session limit");
    }
}
