using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// Deflection while asking: a customer starts typing a question whose answer is already a knowledge-base article, the article
/// is suggested under the title as she types, she opens it, and staff see the opened suggestion counted. (It becomes a
/// deflection once 30 minutes pass without her asking; that window is proven with a fake clock in DeflectionTests.)
/// </summary>
public sealed class DeflectionJourney(BrowserSite site) : BrowserTest(site)
{
    [Fact]
    public async Task A_customer_typing_a_question_opens_a_suggested_article_and_staff_see_it_counted()
    {
        var staff = await SignedInAsync("staff@demo.local");
        var metrics = new DeflectionMetricsPage(staff);
        var openedBefore = await metrics.OpenedTodayAsync();
        await staff.GotoAsync("kb?sort=recent");
        var article = (await staff.Locator(".kb-list .kb-item-title").First.TextContentAsync())!.Trim();

        var customer = await SignedInAsync("customer@demo.local");
        await AskQuestionPage.OpenAsync(customer);
        await Islands.WaitUntilLiveAsync(customer, "#ask-title");
        await customer.Locator("#ask-title").PressSequentiallyAsync(article);
        // The article, not its source thread (which is suggested too, under the same title).
        var suggestion = customer.Locator(".title-suggestions li").Filter(new() { HasText = "Knowledge base" }).Filter(new() { HasText = article }).Locator("a.suggestion");
        await Expect(suggestion.First).ToBeVisibleAsync();
        await suggestion.First.ClickAsync();
        await Expect(customer.Locator("h1#kb-title")).ToHaveTextAsync(article);

        Assert.Equal(openedBefore + 1, await metrics.OpenedTodayAsync());
    }
}
