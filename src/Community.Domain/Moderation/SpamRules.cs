using Community.Domain.Posting;

namespace Community.Domain.Moderation;

/// <summary>Spam basics, pure: new members post less often and with fewer links; a brand-new account's post full of links waits for a moderator.</summary>
public static class SpamRules
{
    public static bool IsNewMember(int reputation, ModerationOptions options) => reputation < options.NewMemberReputation;

    /// <summary>Never earned reputation and joined recently: the profile of most spam accounts.</summary>
    public static bool IsBrandNew(int reputation, DateTime joinedAt, DateTime now, ModerationOptions options) =>
        reputation <= Accounts.CommunityUser.StartingReputation && now - joinedAt < options.BrandNewAccountAge;

    public static Decision CanPostMore(int reputation, int postsInLastHour, ModerationOptions options) =>
        IsNewMember(reputation, options) && postsInLastHour >= options.NewMemberPostsPerHour
            ? Decision.Deny($"New members can post {options.NewMemberPostsPerHour} questions or answers an hour. Wait a little and try again; nothing you typed is lost. The limit goes once you have {options.NewMemberReputation} reputation.")
            : Decision.Allow;

    public static string? LinksProblem(int reputation, int links, ModerationOptions options) =>
        IsNewMember(reputation, options) && links > options.NewMemberMaxLinks
            ? $"New members can include at most {options.NewMemberMaxLinks} links in a post; this one has {links}. Remove some, or describe where to look instead."
            : null;

    public static bool ShouldHoldForLinks(int reputation, DateTime joinedAt, DateTime now, int links, ModerationOptions options) =>
        IsBrandNew(reputation, joinedAt, now, options) && links >= options.BrandNewHoldLinks;

    /// <summary>
    /// Links in Markdown source: every http(s) address, inline, reference or bare, and bare "www." addresses. Counted in
    /// the source, not the rendered HTML, so a link the renderer would not make clickable still counts.
    /// </summary>
    public static int CountLinks(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return 0;
        var count = Occurrences(text, "http://") + Occurrences(text, "https://");
        for (var at = text.IndexOf("www.", StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf("www.", at + 4, StringComparison.OrdinalIgnoreCase))
            if (at < 3 || text.AsSpan(at - 3, 3) is not "://")
                count++;
        return count;
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.OrdinalIgnoreCase))
            count++;
        return count;
    }
}
