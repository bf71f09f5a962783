namespace Community.Browser.Tests.Pages;

/// <summary>/admin/emails: the saved outgoing messages, newest first (admins only).</summary>
public sealed class AdminEmailsPage(IPage page)
{
    public static async Task<AdminEmailsPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("admin/emails");
        var emails = new AdminEmailsPage(page);
        await Expect(emails.Heading).ToBeVisibleAsync();
        return emails;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Outgoing e-mail", Level = 1 });
    public ILocator Rows => page.Locator("table tbody tr");

    /// <summary>Opens the newest message whose To column names <paramref name="address"/>.</summary>
    public async Task<EmailMessagePage> OpenNewestToAsync(string address)
    {
        var row = Rows.Filter(new() { HasText = address }).First;
        await row.GetByRole(AriaRole.Link).ClickAsync();
        var message = new EmailMessagePage(page);
        await Expect(message.Body).ToBeVisibleAsync();
        return message;
    }
}

/// <summary>/admin/emails/{file}: one saved message, its headers and sanitized HTML body.</summary>
public sealed class EmailMessagePage(IPage page)
{
    public ILocator Subject => page.GetByRole(AriaRole.Heading, new() { Level = 1 });
    public ILocator Headers => page.Locator("dl.email-headers");
    public ILocator Body => page.Locator("article.email-body");
    public ILocator ConfirmLink => Body.GetByRole(AriaRole.Link, new() { Name = "Confirm my account", Exact = true });

    public async Task<string> ConfirmationUrlAsync() =>
        await ConfirmLink.GetAttributeAsync("href") ?? throw new InvalidOperationException("The \"Confirm my account\" link has no href.");
}
