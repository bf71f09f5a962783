using System.Text.RegularExpressions;

namespace Community.Browser.Tests.Pages;

/// <summary>/questions/ask: title, Markdown details (a live-preview island) and tags.</summary>
public sealed partial class AskQuestionPage(IPage page)
{
    public const string Path = "questions/ask";

    public static async Task<AskQuestionPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        var ask = new AskQuestionPage(page);
        await Expect(ask.Heading).ToBeVisibleAsync();
        return ask;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Ask a question", Level = 1 });
    public ILocator Form => page.Locator("form:has(#ask-body)");
    public ILocator Title => page.Locator("#ask-title");
    public ILocator Body => page.Locator("#ask-body");
    public ILocator BodyPreview => page.Locator(".markdown-editor .editor-preview");
    public ILocator Tags => page.Locator("#ask-tags");
    public ILocator PostButton => page.GetByRole(AriaRole.Button, new() { Name = "Post your question" });

    /// <summary>
    /// Fills the form, waits until the live preview shows <paramref name="previewed"/> (the circuit holds the body),
    /// posts it, and waits for the new question's page.
    /// </summary>
    /// <param name="sendTokenOnce">Works around the form's repeated antiforgery token (see <see cref="FormWorkarounds"/>).</param>
    public async Task<QuestionPage> AskAsync(string title, string body, string tags, string previewed, bool sendTokenOnce = false)
    {
        await Islands.WaitUntilLiveAsync(page, "#ask-body");
        await Title.FillAsync(title);
        await Body.FillAsync(body);
        await Tags.FillAsync(tags);
        await Expect(BodyPreview).ToContainTextAsync(previewed);
        if (sendTokenOnce)
            await FormWorkarounds.SendAntiforgeryTokenOnceAsync(Form);
        await PostButton.ClickAsync();
        await Expect(page).ToHaveURLAsync(QuestionUrl());
        return new QuestionPage(page);
    }

    [GeneratedRegex(@"/questions/\d+/[a-z0-9-]+$")]
    private static partial Regex QuestionUrl();
}

/// <summary>/questions with its tabs (<c>?sort=newest|unanswered|top</c>).</summary>
public sealed class QuestionsListPage(IPage page)
{
    public static async Task<QuestionsListPage> OpenAsync(IPage page, string sort)
    {
        await page.GotoAsync($"questions?sort={sort}");
        var list = new QuestionsListPage(page);
        await Expect(list.Heading).ToBeVisibleAsync();
        return list;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "All questions", Level = 1 });
    public ILocator Rows => page.Locator(".question-list li.question-row");

    /// <summary>The row whose title link reads exactly <paramref name="title"/>.</summary>
    public ILocator Row(string title) =>
        Rows.Filter(new() { Has = page.Locator("h3").GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    /// <summary>The answer count styled as "has an accepted answer" in a row's stats.</summary>
    public static ILocator AcceptedStat(ILocator row) => row.Locator(".question-stats .answered-accepted");
}

/// <summary>
/// The vote arrows of one post: sign-in links for visitors; for members a form per arrow, which wwwroot/js/votes.js
/// sends with fetch (no page load) and which posts the ordinary way without JavaScript.
/// </summary>
public sealed class VotePanel(ILocator root)
{
    public ILocator Root => root;
    public ILocator Score => root.Locator(".score");
    public ILocator SignInLinks => root.Locator("a.vote");
    public ILocator UpLink => root.Locator("a.vote.up");
    public ILocator Forms => root.Locator("form");
    public ILocator Up => root.Locator("form[data-vote=up] button.vote.up");
    public ILocator Error => root.Locator(".vote-error[role=alert]");

    /// <summary>Clicks up once the page's scripts have loaded (the script then sends the vote without a page load).</summary>
    public async Task VoteUpAsync()
    {
        await Expect(Up).ToBeEnabledAsync();
        await root.Page.WaitForFunctionAsync("() => window.communityVotes === true");
        await Up.ClickAsync();
    }
}

/// <summary>Workarounds for bugs in the app that would otherwise stop a journey before the part it tests.</summary>
public static class FormWorkarounds
{
    public const string DuplicateTokenBug =
        "Bug in src: the ask (AskPage.razor), answer (QuestionPage.razor) and edit (EditPostPage.razor) forms put an explicit <AntiforgeryToken /> "
        + "inside an <EditForm>, which renders its own; the browser posts both __RequestVerificationToken fields and the server answers 400 "
        + "'A valid antiforgery token was not provided with the request.' Remove the explicit <AntiforgeryToken /> from those three EditForms.";

    /// <summary>Removes all but the first antiforgery token of a form before it is submitted (see <see cref="DuplicateTokenBug"/>).</summary>
    public static Task SendAntiforgeryTokenOnceAsync(ILocator form) =>
        form.EvaluateAsync("form => form.querySelectorAll('input[name=\"__RequestVerificationToken\"]').forEach((input, i) => { if (i > 0) input.remove(); })");
}

/// <summary>Interactive islands (Blazor Server components inside static pages).</summary>
public static class Islands
{
    /// <summary>
    /// Waits until the element matching <paramref name="selector"/> is the live island's, not its prerendered copy: a
    /// person types into the editor once it is ready, and text typed into the prerendered copy while the circuit swaps it
    /// for the live one can land nowhere (the swap takes the focus). The two look the same; only the live one carries
    /// the event handlers that Blazor's event delegator keeps on it under a <c>_blazorEvents_N</c> property.
    /// </summary>
    public static Task WaitUntilLiveAsync(IPage page, string selector) =>
        page.WaitForFunctionAsync(
            "selector => { const element = document.querySelector(selector); return !!element && Object.keys(element).some(key => key.startsWith('_blazorEvents_')); }",
            selector);
}
