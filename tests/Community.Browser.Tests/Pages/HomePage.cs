namespace Community.Browser.Tests.Pages;

/// <summary>The home page: a hero and the recent questions.</summary>
public sealed class HomePage(IPage page)
{
    public static async Task<HomePage> OpenAsync(IPage page)
    {
        await page.GotoAsync("");
        var home = new HomePage(page);
        await Expect(home.RecentHeading).ToBeVisibleAsync();
        return home;
    }

    public SiteHeader Header { get; } = new(page);
    public ILocator RecentHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Recent questions", Level = 2 });
    public ILocator RecentQuestions => page.Locator("section[aria-labelledby='recent-title'] li.question-row");

    /// <summary>Title links of recent questions that show an accepted answer in their stats.</summary>
    public ILocator AnsweredQuestionLinks =>
        RecentQuestions.Filter(new() { Has = page.Locator(".answered-accepted") }).Locator("h3 a");

    public async Task<QuestionPage> OpenFirstAnsweredQuestionAsync()
    {
        await AnsweredQuestionLinks.First.ClickAsync();
        var question = new QuestionPage(page);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/questions/\\d+/"));
        return question;
    }
}

/// <summary>/questions/{id}/{slug}: the question and its answers.</summary>
public sealed class QuestionPage(IPage page)
{
    public ILocator Answers => page.Locator("article.answer");
    public ILocator AcceptedAnswer => page.Locator("article.answer.accepted");
    public ILocator AcceptedMark => page.Locator(".accepted-mark");
}
