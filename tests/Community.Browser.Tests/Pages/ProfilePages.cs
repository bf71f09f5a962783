using System.Globalization;
using System.Text.RegularExpressions;

namespace Community.Browser.Tests.Pages;

/// <summary>
/// /users/{id}/{slug}: a member's profile: reputation, badges by level, and, to the member alone, their reputation history.
/// Reached through member links (a post's signature, a leaderboard row).
/// </summary>
public sealed partial class ProfilePage(IPage page)
{
    /// <summary>Follows a link to a member's profile and waits for it to show <paramref name="displayName"/>.</summary>
    public static async Task<ProfilePage> FollowAsync(IPage page, ILocator memberLink, string displayName)
    {
        await memberLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(ProfileUrl());
        var profile = new ProfilePage(page);
        await Expect(profile.Heading).ToHaveTextAsync(displayName);
        return profile;
    }

    public ILocator Heading => page.Locator("main .profile-heading h1");

    /// <summary>The reputation as shown, with thousands separators ("2,715").</summary>
    public ILocator Reputation => page.Locator("main .profile-heading .profile-stats .reputation");

    public ILocator Badges => page.Locator("main section.profile-badges");
    public ILocator BadgeLevel(string level) => Badges.Locator($".badge-level[data-level='{level}']");

    /// <summary>How many badges of a level ("Bronze") the member holds, counting repeats.</summary>
    public ILocator BadgeCount(string level) => BadgeLevel(level).Locator("h3 .badge-count");

    /// <summary>A badge's link among one level's badges; a tag badge is named after its tag.</summary>
    public ILocator Badge(string level, string name) =>
        BadgeLevel(level).Locator(".badge-list li").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>"Your reputation history": only the member sees it on their own profile.</summary>
    public ILocator History => page.Locator("#reputation-history");
    public ILocator HistoryRows => History.Locator("table.reputation-history tbody tr");

    /// <summary>The history rows whose post link reads exactly <paramref name="title"/> (a question's title, also for its answers).</summary>
    public ILocator HistoryRowsFor(string title) =>
        HistoryRows.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }) });

    public static ILocator PostLink(ILocator historyRow) => historyRow.Locator("td:last-child a");

    public async Task<int> ReputationAsync() => ParseNumber(await Reputation.InnerTextAsync());

    public async Task<int> BadgeCountAsync(string level) => ParseNumber(await BadgeCount(level).InnerTextAsync());

    /// <summary>A number as the profile writes it: <c>2,715</c>.</summary>
    public static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static int ParseNumber(string text) => int.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/users/[^/?#]+/[a-z0-9-]+$")]
    private static partial Regex ProfileUrl();
}

/// <summary>/users?tag={tag}: the leaderboard of top answerers in one tag.</summary>
public sealed class TagLeaderboardPage(IPage page)
{
    public static async Task<TagLeaderboardPage> OpenAsync(IPage page, string tag)
    {
        await page.GotoAsync($"users?tag={Uri.EscapeDataString(tag)}");
        var board = new TagLeaderboardPage(page);
        await Expect(board.Title).ToHaveTextAsync($"Top answerers in [{tag}]");
        return board;
    }

    public ILocator Title => page.Locator("main h2.leaderboard-title");
    public ILocator Rows => page.Locator("main table.leaderboard tbody tr");

    /// <summary>The link to a member's profile in their row.</summary>
    public ILocator MemberLink(string displayName) => Rows.GetByRole(AriaRole.Link, new() { Name = displayName, Exact = true });
}

/// <summary>/notices (now /notifications): the signed-in member's notifications, newest first.</summary>
public sealed class NoticesPage(IPage page)
{
    public static async Task<NoticesPage> OpenAsync(IPage page)
    {
        await page.GotoAsync("notices");
        var notices = new NoticesPage(page);
        await Expect(notices.Heading).ToBeVisibleAsync();
        return notices;
    }

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Exact = true, Level = 1 });
    public ILocator Items => page.Locator("main ol.notice-list > li");

    /// <summary>The notices whose link reads exactly <paramref name="text"/>.</summary>
    public ILocator Item(string text) => Items.Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = text, Exact = true }) });

    public static ILocator Link(ILocator item) => item.GetByRole(AriaRole.Link);
}
