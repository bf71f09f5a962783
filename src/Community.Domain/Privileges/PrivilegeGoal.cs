namespace Community.Domain.Privileges;

/// <summary>
/// A member's next goal, for "Next goal" prompts: what to earn next and how far along they are (0 to 1).
/// Badges and privileges both produce one; <see cref="Nearest"/> picks between them.
/// </summary>
public sealed record Goal(string Text, double Progress, string? Link = null)
{
    /// <summary>The goal closer to done; the first when they are level or the other is missing.</summary>
    public static Goal? Nearest(Goal? first, Goal? second) =>
        first is null ? second : second is null ? first : second.Progress > first.Progress ? second : first;
}

public static class PrivilegeGoal
{
    /// <summary>Where every privilege and its threshold is listed.</summary>
    public const string HelpLink = "help/privileges";

    /// <summary>The cheapest privilege not yet held, as a goal ("110 more reputation to unlock voting down"); null when all are held.</summary>
    public static Goal? Next(PrivilegeOptions options, int reputation, bool isModerator)
    {
        if (isModerator || PrivilegeRules.Next(options, reputation) is not { } next)
            return null;
        var (privilege, needed) = next;
        var what = PrivilegeRules.Describe(privilege);
        return new Goal($"{needed:N0} more reputation to unlock {char.ToLowerInvariant(what[0])}{what[1..]}",
            PrivilegeProgress.Fraction(reputation, options.Threshold(privilege)), HelpLink);
    }
}
