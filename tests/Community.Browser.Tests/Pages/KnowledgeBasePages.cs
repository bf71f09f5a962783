namespace Community.Browser.Tests.Pages;

/// <summary>/kb/review and /kb/review/{id}: staff review drafts and publish them.</summary>
public sealed class KnowledgeBaseReviewPage(IPage page)
{
    public static async Task<KnowledgeBaseReviewPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("kb/review");
        var review = new KnowledgeBaseReviewPage(page);
        await Expect(review.Heading).ToBeVisibleAsync();
        return review;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Knowledge base review", Level = 1 });
    public ILocator Draft(string title) => page.Locator("#drafts").GetByRole(AriaRole.Link, new() { Name = title });
    public ILocator PublishButton => page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true });
    public ILocator Status => page.Locator(".kb-review-status .kb-status");
    public ILocator ReadersView => page.GetByRole(AriaRole.Link, new() { Name = "Reader's view" });
    public ILocator Flash => page.Locator("main .flash");
}

/// <summary>/kb: published articles; /kb/{id}/{slug}: one article with "was this helpful?".</summary>
public sealed class KnowledgeBaseArticlePage(IPage page)
{
    public static async Task<KnowledgeBaseArticlePage> OpenFromListAsync(IPage page, string title)
    {
        await page.GotoAsync("kb?sort=recent");
        await page.Locator(".kb-list").GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        var article = new KnowledgeBaseArticlePage(page);
        await Expect(article.Heading).ToHaveTextAsync(title);
        return article;
    }

    public ILocator Heading => page.Locator("h1#kb-title");
    public ILocator Solution => page.Locator(".kb-solution");
    public ILocator Credits => page.Locator(".kb-credit");
    public ILocator SourceLink => page.GetByRole(AriaRole.Link, new() { Name = "Read the original discussion" });
    public ILocator YesButton => page.Locator(".kb-helpful-form").GetByRole(AriaRole.Button, new() { Name = "Yes" });
    public ILocator Thanks => page.Locator(".kb-helpful-thanks");
    public ILocator HelpfulCount => page.Locator(".kb-helpful-count");
    public ILocator Flash => page.Locator("main .flash");
}
