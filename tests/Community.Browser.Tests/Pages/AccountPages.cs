namespace Community.Browser.Tests.Pages;

/// <summary>/Account/ConfirmEmail: the result of following the link from the confirmation e-mail.</summary>
public sealed class ConfirmEmailPage(IPage page)
{
    public ILocator Status => page.GetByRole(AriaRole.Alert);
}

/// <summary>/Account/AccessDenied: where a signed-in person lands on a page their role may not see.</summary>
public sealed class AccessDeniedPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Access denied", Level = 1 });
}

/// <summary>/hangfire: the background jobs dashboard (Hangfire's own UI, admins only).</summary>
public sealed class JobsDashboardPage(IPage page)
{
    public const string Path = "hangfire";
    public const string Title = "Community background jobs";

    public static async Task<JobsDashboardPage> OpenAsync(IPage page)
    {
        await page.GotoAsync(Path);
        return new JobsDashboardPage(page);
    }

    public ILocator Brand => page.Locator(".navbar-brand");
    public ILocator Nav => page.Locator(".navbar");
    public ILocator Text(string text) => page.GetByText(text);
}
