namespace Community.Browser.Tests.Pages;

/// <summary>The live parts of a signed-in page: the bell in the header and, on a question, the "new activity" banner.</summary>
public sealed class LiveUpdates(IPage page)
{
    public ILocator Bell => page.Locator("header .notification-bell");
    public ILocator Banner => page.Locator(".live-updates .live-banner");
    public ILocator Show => Banner.GetByRole(AriaRole.Link, new() { Name = "show" });

    /// <summary>Both islands run on the circuit (their prerendered copies cannot hear anything).</summary>
    public async Task WaitUntilListeningAsync()
    {
        await Expect(page.Locator(".live-updates[data-live=on]")).ToHaveCountAsync(1);
        await Expect(page.Locator("header .notification-bell[data-live=on]")).ToHaveCountAsync(1);
    }

    public async Task<int> UnreadAsync()
    {
        var label = await Bell.GetAttributeAsync("aria-label") ?? "";
        return int.Parse(label.Split(' ')[1]);
    }
}
