using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>At phone width the forum is readable without sideways scrolling.</summary>
public sealed class PhoneLayoutTests(BrowserSite site) : BrowserTest(site)
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    [Fact]
    public async Task Home_page_fits_a_phone_and_a_question_shows_its_accepted_answer()
    {
        var phone = await NewVisitorAsync(Phone);
        var home = await HomePage.OpenAsync(phone);

        await Expect(home.Header.Root).ToBeVisibleAsync();
        foreach (var name in new[] { "Questions", "Tags", "Users", "Knowledge base" })
            await Expect(home.Header.NavLink(name)).ToBeVisibleAsync();
        await Expect(home.Header.SearchBox).ToBeVisibleAsync();
        await Expect(home.RecentQuestions.First).ToBeVisibleAsync();
        Assert.True(await home.RecentQuestions.CountAsync() > 0);
        await AssertNoHorizontalScrollAsync(phone);

        var question = await home.OpenFirstAnsweredQuestionAsync();
        await Expect(question.AcceptedMark).ToHaveTextAsync("✔ Accepted");
        await Expect(question.AcceptedMark).ToBeVisibleAsync();
        await Expect(question.AcceptedAnswer).ToHaveCountAsync(1);
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(widths[0] <= widths[1],
            $"{page.Url} scrolls sideways at {Phone.Width}px: scrollWidth {widths[0]} > clientWidth {widths[1]}.");
    }
}
