using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;
using Community.Domain.Escalations;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// The contact-centre journey in a real browser: a customer asks, nobody answers, the response clock (run through its
/// domain service as the recurring job would, a day later) escalates the question, the demo staff member claims it from
/// the desk, continues privately with the customer, resolves it with a public summary, and the customer rates it.
/// </summary>
public sealed partial class EscalationJourney(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task An_unanswered_question_is_escalated_claimed_followed_up_privately_resolved_with_a_summary_and_rated()
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Beacon Shield renewal charged but not active ({unique})";
        var customer = await SignedInAsync("customer@demo.local");
        var ask = await AskQuestionPage.OpenAsync(customer);
        await ask.AskAsync(title, $"My **Shield** renewal went through yesterday but the app still says the plan expired. Ref {unique}.", "billing", previewed: "Shield");
        var questionUrl = customer.Url;
        await Expect(customer.Locator(".question-status .status-label")).ToHaveTextAsync("Waiting for the community");

        // A day passes without an answer: the sweep escalates it to the default team.
        var report = await Site.Server.Services.GetRequiredService<ResponseClockSweep>().RunAsync(DateTime.UtcNow.AddHours(25), Cancellation);
        Assert.True(report.Escalated >= 1, $"The sweep escalated nothing: {report}");
        await customer.ReloadAsync();
        await Expect(customer.Locator(".question-status .status-label")).ToHaveTextAsync("Escalated: staff are looking into it");

        // Sam finds it on the desk and claims it.
        var sam = await SignedInAsync("staff@demo.local");
        await sam.GotoAsync("staff/desk");
        var row = sam.Locator("tr.desk-row", new() { HasText = title });
        await Expect(row).ToContainTextAsync("by the response clock");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(sam.Locator("h1.escalation-title")).ToHaveTextAsync(title);
        await sam.GetByRole(AriaRole.Button, new() { Name = "Claim", Exact = true }).ClickAsync();
        await Expect(sam.Locator(".flash")).ToHaveTextAsync("You claimed this escalation.");
        await Expect(sam.Locator("dd.assignee")).ToHaveTextAsync("Sam Ortega");

        // He opens a private conversation and asks for the order number.
        await sam.Locator("button.open-private").ClickAsync();
        await Expect(sam).ToHaveURLAsync(PrivateUrl());
        var conversationUrl = sam.Url;
        await sam.Locator("#private-body").FillAsync("Hi Dana, could you send me the order number of the renewal?");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send privately" }).ClickAsync();
        await Expect(sam.Locator(".private-message.by-staff").Last).ToContainTextAsync("order number of the renewal");

        // The customer sees that staff are on it, follows the private link and answers there.
        await customer.GotoAsync(questionUrl);
        await Expect(customer.Locator(".question-status .status-label")).ToHaveTextAsync("Staff are looking into it");
        await customer.Locator("a.private-link").ClickAsync();
        await Expect(customer).ToHaveURLAsync(conversationUrl);
        await Expect(customer.Locator(".private-message.by-staff")).ToContainTextAsync("order number of the renewal");
        await customer.Locator("#private-body").FillAsync("Sure: BW-77810042.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send privately" }).ClickAsync();
        await Expect(customer.Locator(".private-message.by-asker").Last).ToContainTextAsync("Sure: BW-7781");

        // Sam resolves with a public summary that carries no personal detail.
        await sam.GotoAsync("staff/desk");
        await sam.Locator("tr.desk-row", new() { HasText = title }).GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await sam.Locator("#resolve-summary").FillAsync("The renewal was paid but not linked to the network. We linked it; if the app still shows the plan as expired after a renewal, sign out and in again, or ask us here.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Resolve", Exact = true }).ClickAsync();
        await Expect(sam.Locator(".flash")).ToHaveTextAsync("Resolved. The asker is asked how satisfied they are.");

        // The customer sees the outcome and the summary, signed by disclosed staff, and rates it.
        await customer.GotoAsync(questionUrl);
        await Expect(customer.Locator(".question-status .status-label")).ToHaveTextAsync("Resolved");
        var summary = customer.Locator("article.answer", new() { HasText = "We linked it" });
        await Expect(summary.Locator(".staff-disclosure")).ToHaveTextAsync("Sam Ortega, Support engineer, Brightwave");
        await Expect(customer.Locator("body")).Not.ToContainTextAsync("BW-7781");
        await customer.Locator("#satisfaction input[name=rating][value='5']").CheckAsync();
        await customer.Locator("#rating-comment").FillAsync("Fixed within the hour, thank you.");
        await customer.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Expect(customer.Locator(".flash")).ToHaveTextAsync("Thank you: your rating was saved.");
        await Expect(customer.Locator(".your-rating")).ToContainTextAsync("5 / 5");

        // Sam sees the rating on the escalation.
        await sam.ReloadAsync();
        await Expect(sam.Locator("dd.satisfaction")).ToContainTextAsync("5 / 5");
    }

    [GeneratedRegex(@"/private/\d+$")]
    private static partial Regex PrivateUrl();
}
