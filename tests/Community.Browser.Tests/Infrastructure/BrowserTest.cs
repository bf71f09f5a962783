namespace Community.Browser.Tests.Infrastructure;

/// <summary>
/// A journey test: opens as many isolated browser contexts (people) as it needs, and closes them afterwards.
/// When a test fails, a screenshot of each open page is saved under the test output folder's screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserSite site) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    protected BrowserSite Site { get; } = site;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A new person with an empty cookie jar, looking at a blank page.</summary>
    protected async Task<IPage> NewVisitorAsync(ViewportSize? viewport = null)
    {
        var context = await Site.NewContextAsync(viewport);
        contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>A new person already signed in with a demo account.</summary>
    protected async Task<IPage> SignedInAsync(string email, string password = CommunityServer.DemoPassword)
    {
        var page = await NewVisitorAsync();
        var login = await Pages.LoginPage.OpenAsync(page);
        await login.SignInAsync(email, password);
        await Expect(new Pages.SiteHeader(page).SignOutButton).ToBeVisibleAsync();
        return page;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
            await SaveScreenshotsAsync();
        foreach (var context in contexts)
            await context.CloseAsync();
        GC.SuppressFinalize(this);
    }

    private async Task SaveScreenshotsAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var name = string.Concat((TestContext.Current.Test?.TestDisplayName ?? "test").Select(c => char.IsLetterOrDigit(c) ? c : '_'));
        var index = 0;
        foreach (var page in contexts.SelectMany(context => context.Pages))
        {
            var path = Path.Combine(folder, $"{name}-{index++}.png");
            try
            {
                await page.ScreenshotAsync(new() { Path = path, FullPage = true });
                TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot of {page.Url}: {path}");
            }
            catch (PlaywrightException) { }
        }
    }
}
