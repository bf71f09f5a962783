using Community.Domain.Privileges;

namespace Community.Domain.Notices;

/// <summary>Which privileges a change of reputation unlocks, pure: each threshold crossed upward, cheapest first.</summary>
public static class PrivilegeNoticeRules
{
    public static IReadOnlyList<Privilege> Unlocked(PrivilegeOptions options, int oldReputation, int newReputation) =>
        Enum.GetValues<Privilege>()
            .Where(p => oldReputation < options.Threshold(p) && options.Threshold(p) <= newReputation)
            .OrderBy(options.Threshold)
            .ToList();

    /// <summary>Where the privileges and their thresholds are explained.</summary>
    public const string Link = "help/privileges";

    public static string Key(Privilege privilege) => $"privilege:{privilege}";

    public static string Text(PrivilegeOptions options, Privilege privilege) =>
        $"You reached {options.Threshold(privilege):N0} reputation: {LowerFirst(PrivilegeRules.Describe(privilege))} is now open to you.";

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
