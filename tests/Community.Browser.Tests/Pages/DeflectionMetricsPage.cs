namespace Community.Browser.Tests.Pages;

/// <summary>/staff/deflection: suggestions opened, deflected and asked anyway, per period (the first row is the shortest).</summary>
public sealed class DeflectionMetricsPage(IPage page)
{
    public async Task<int> OpenedTodayAsync()
    {
        await page.GotoAsync("staff/deflection");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Deflection and resolution", Level = 1 })).ToBeVisibleAsync();
        return int.Parse((await page.Locator("table.deflection-metrics tbody tr").First.Locator("td").First.TextContentAsync())!.Trim());
    }
}
