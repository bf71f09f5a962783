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

    public ILocator Heading => page.Locator("article.question h1");
    public ILocator ResolvedBadge => page.Locator("article.question .resolved-badge");

    /// <summary>The one-time message at the top of the page after a vote, accept, comment... ("Your vote was counted.").</summary>
    public ILocator Flash => page.Locator("main .flash");

    public VotePanel QuestionVotes => new(page.Locator("article.question .vote-buttons"));

    public ILocator Answer(int answerId) => page.Locator($"article.answer#answer-{answerId}");
    public VotePanel AnswerVotes(int answerId) => new(Answer(answerId).Locator(".vote-buttons"));
    public ILocator AcceptButton(int answerId) => Answer(answerId).GetByRole(AriaRole.Button, new() { Name = "Accept this answer" });
    public ILocator AcceptedMarkOf(int answerId) => Answer(answerId).Locator(".accepted-mark");

    public ILocator AnswerForm => page.Locator("form:has(#answer-body)");
    public ILocator AnswerBody => page.Locator("#answer-body");
    public ILocator AnswerPreview => page.Locator(".your-answer .editor-preview");
    public ILocator PostAnswerButton => page.GetByRole(AriaRole.Button, new() { Name = "Post your answer" });

    /// <summary>
    /// Types an answer into the live editor, waits until its preview shows it (so the circuit holds the text), posts it,
    /// and returns the new answer's id from the <c>#answer-{id}</c> the page lands on.
    /// </summary>
    /// <param name="sendTokenOnce">Works around the form's repeated antiforgery token (see <see cref="FormWorkarounds"/>).</param>
    public async Task<int> PostAnswerAsync(string body, string previewed, bool sendTokenOnce = false)
    {
        await Islands.WaitUntilLiveAsync(page, "#answer-body");
        await AnswerBody.FillAsync(body);
        await Expect(AnswerPreview).ToContainTextAsync(previewed);
        if (sendTokenOnce)
            await FormWorkarounds.SendAntiforgeryTokenOnceAsync(AnswerForm);
        await PostAnswerButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/questions/\\d+/[a-z0-9-]+#answer-\\d+$"));
        return int.Parse(page.Url[(page.Url.LastIndexOf("#answer-", StringComparison.Ordinal) + "#answer-".Length)..]);
    }
}
