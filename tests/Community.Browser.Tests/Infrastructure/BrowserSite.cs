namespace Community.Browser.Tests.Infrastructure;

/// <summary>
/// One running app and one headless Chromium, shared by every test in the <see cref="BrowserCollection"/>.
/// Tests never share cookies: each opens its own browser context with <see cref="NewContextAsync"/>.
/// Without Chromium at <see cref="ChromiumPath"/> nothing starts, and each test is skipped, or fails when
/// <c>COMMUNITY_REQUIRE_BROWSER=1</c> (CI, where a missing browser is a broken machine, not a choice).
/// </summary>
public sealed class BrowserSite : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string MissingBrowser = "Chromium is not installed at /usr/bin/chromium: apt-get install chromium";

    /// <summary>Generous on a 2-core machine that may build or test other projects at the same time.</summary>
    private const float ExpectTimeoutMs = 15_000;
    private const float ActionTimeoutMs = 30_000;

    private IPlaywright? playwright;
    private IBrowser? browser;

    public CommunityServer Server { get; } = new();

    public string BaseUrl => Server.BaseUrl;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;

        Assertions.SetDefaultExpectTimeout(ExpectTimeoutMs);
        Server.Start();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) on the app; a phone or desktop viewport.</summary>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null)
    {
        if (browser is null)
        {
            if (Environment.GetEnvironmentVariable("COMMUNITY_REQUIRE_BROWSER") == "1")
                Assert.Fail(MissingBrowser);
            Assert.Skip(MissingBrowser);
        }

        var context = await browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(ActionTimeoutMs);
        context.SetDefaultNavigationTimeout(ActionTimeoutMs);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.CloseAsync();
        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserSite>
{
    public const string Name = "Browser";
}
