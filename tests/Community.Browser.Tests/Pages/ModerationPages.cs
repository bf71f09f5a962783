namespace Community.Browser.Tests.Pages;

/// <summary>The "Flag" disclosure under a post: reasons as radio buttons, an optional note, one submit.</summary>
public sealed class FlagPanel(ILocator root)
{
    public ILocator Summary => root.Locator("summary", new() { HasText = "Flag" });
    public ILocator Submit => root.Locator("button[type=submit]");

    public async Task FlagAsync(string reason, string? note = null)
    {
        await Summary.ClickAsync();
        await root.GetByLabel(reason, new() { Exact = false }).First.CheckAsync();
        if (note is not null)
            await root.Locator("textarea[name=note]").FillAsync(note);
        await Submit.ClickAsync();
    }
}

/// <summary>/moderation: the review queue, one article per flagged post or comment.</summary>
public sealed class ReviewQueuePage(IPage page)
{
    public static async Task<ReviewQueuePage> OpenAsync(IPage page)
    {
        await page.GotoAsync("moderation");
        var queue = new ReviewQueuePage(page);
        await Expect(queue.Heading).ToBeVisibleAsync();
        return queue;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Moderation", Level = 1, Exact = true });
    public ILocator Flash => page.Locator("main .flash");
    public ILocator Item(int postId) => page.Locator($"article.queue-item#post-{postId}");
    public ILocator Flags(int postId) => Item(postId).Locator(".queue-flag");

    /// <summary>Accepts the flags on a post, takes <paramref name="action"/>, and suspends the author for <paramref name="days"/> with <paramref name="reason"/>.</summary>
    public async Task AcceptAndSuspendAsync(int postId, string action, int days, string reason)
    {
        var form = Item(postId).Locator("form.queue-accept");
        await form.Locator("select[name=Action]").SelectOptionAsync(new SelectOptionValue { Label = action });
        await form.Locator("select[name=Sanction]").SelectOptionAsync("Suspension");
        await form.Locator("select[name=Days]").SelectOptionAsync(days.ToString());
        await form.Locator("textarea[name=SanctionReason]").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
    }
}

/// <summary>/moderation/log: the audit log table, newest first.</summary>
public sealed class AuditLogPage(IPage page)
{
    public static async Task<AuditLogPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("moderation/log");
        var log = new AuditLogPage(page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        return log;
    }

    public ILocator Rows => page.Locator("table.audit-log tbody tr");
    public ILocator Row(string action, string containing) => page.Locator($"table.audit-log tbody tr[data-action='{action}']", new() { HasText = containing });
}
