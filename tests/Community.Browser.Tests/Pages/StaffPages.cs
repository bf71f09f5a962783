using System.Text.RegularExpressions;

namespace Community.Browser.Tests.Pages;

/// <summary>The signature line of a post (question or answer), where a staff post carries its disclosure.</summary>
public sealed class SignatureLine(ILocator post)
{
    public ILocator Root => post.Locator(".post-footer .post-signature");

    /// <summary>The "Staff" link to the person's staff page.</summary>
    public ILocator StaffMark => Root.Locator("a.staff-mark");

    /// <summary>"Name, Title, Company" beside the mark.</summary>
    public ILocator Disclosure => Root.Locator(".staff-disclosure");

    public ILocator AuthorLink => Root.Locator("a[href^='users/']");

    public static SignatureLine OfAnswer(QuestionPage question, int answerId) => new(question.Answer(answerId));
}

/// <summary>/staff/{userId}: a staff member's (or former staff member's) public page.</summary>
public sealed partial class StaffProfilePage(IPage page)
{
    public ILocator Heading => page.Locator("main h1");

    /// <summary>"Staff Support engineer · Technical support · Brightwave".</summary>
    public ILocator TitleLine => page.Locator("main .staff-title");
    public ILocator Bio => page.Locator("main .staff-bio");
    public ILocator RecentAnswers => page.Locator("main .question-list .question-row");

    /// <summary>The link to the person's member profile ("Posts in the community as …").</summary>
    public ILocator MemberProfileLink(string userId) => page.Locator($"main a[href^='users/{userId}/']");

    public static Regex UrlOf(string userId) => new($"/staff/{Regex.Escape(userId)}$");

    /// <summary>The user id in a staff mark's or card's <c>staff/{id}</c> address.</summary>
    public static string UserIdFrom(string href) => StaffHref().Match(href) is { Success: true } match
        ? match.Groups[1].Value
        : throw new ArgumentException($"Not a staff address: {href}", nameof(href));

    [GeneratedRegex(@"^/?staff/([^/?#]+)$")]
    private static partial Regex StaffHref();
}
