using System.Globalization;

namespace Community.Domain.Badges;

/// <summary>How far a member is from a badge: what they have, and how much more each measure needs (0 when earned).</summary>
public sealed record BadgeProgress(Badge Badge, int Have, int StillNeeded, int Answers = 0, int AnswersStillNeeded = 0)
{
    public bool IsEarned => StillNeeded == 0 && AnswersStillNeeded == 0;

    /// <summary>How far along, 0 to 1; for a tag badge, the measure furthest behind.</summary>
    public double Fraction => Math.Min(Part(Have, StillNeeded), Part(Answers, AnswersStillNeeded));

    private static double Part(int have, int stillNeeded) => stillNeeded == 0 ? 1 : Math.Max(0, have) / (double)(Math.Max(0, have) + stillNeeded);
}

/// <summary>The badge policy, pure: given a measure (a score, a count, views, years), is the badge earned, and what is its award key.</summary>
public static class BadgeRules
{
    public const string OnceKey = "once";

    /// <param name="value">The member's measure of the badge's rule.</param>
    /// <param name="answers">Tag badges only: the member's answers in the tag.</param>
    public static bool IsEarned(Badge badge, int value, int answers = 0) =>
        value >= badge.Threshold && answers >= badge.MinimumAnswers;

    public static BadgeProgress Progress(Badge badge, int value, int answers = 0) =>
        new(badge, value, Math.Max(0, badge.Threshold - value), answers, Math.Max(0, badge.MinimumAnswers - answers));

    /// <summary>Progress towards the next year of membership, in days.</summary>
    public static BadgeProgress MembershipProgress(Badge badge, DateTime memberSince, DateTime now)
    {
        var years = MembershipYears(memberSince, now);
        var started = memberSince.AddYears(years);
        return new(badge, (int)(now - started).TotalDays, Math.Max(1, (int)Math.Ceiling((memberSince.AddYears(years + 1) - now).TotalDays)));
    }

    /// <summary>The goal furthest along that is not yet reached; null when there is none.</summary>
    public static BadgeProgress? Nearest(IEnumerable<BadgeProgress> progress) =>
        progress.Where(p => !p.IsEarned).OrderByDescending(p => p.Fraction).ThenBy(p => p.Badge.Level).FirstOrDefault();

    /// <summary>What a member still has to do: "3 more upvotes on an answer to earn Nice Answer".</summary>
    public static string GoalText(BadgeProgress progress)
    {
        var badge = progress.Badge;
        var n = progress.StillNeeded;
        return badge.Rule switch
        {
            BadgeRule.AnswerScore => $"{Count(n, "more upvote")} on an answer to earn {badge.Name}",
            BadgeRule.AcceptedAnswerScore => $"{Count(n, "more upvote")} on an accepted answer to earn {badge.Name}",
            BadgeRule.QuestionScore => $"{Count(n, "more upvote")} on a question to earn {badge.Name}",
            BadgeRule.QuestionViews => $"{Count(n, "more view")} of a question to earn {badge.Name}",
            BadgeRule.TagAnswerScore when progress.AnswersStillNeeded > 0 && n > 0 =>
                $"{Count(n, "more answer point")} and {Count(progress.AnswersStillNeeded, "more answer")} in [{badge.Name}] to earn its {badge.LevelName} badge",
            BadgeRule.TagAnswerScore when n > 0 => $"{Count(n, "more answer point")} in [{badge.Name}] to earn its {badge.LevelName} badge",
            BadgeRule.TagAnswerScore => $"{Count(progress.AnswersStillNeeded, "more answer")} in [{badge.Name}] to earn its {badge.LevelName} badge",
            BadgeRule.MembershipYears => $"{Count(n, "more day")} of membership to earn {badge.Name}",
            BadgeRule.PublishedArticles => $"{Count(n, "more knowledge-base article")} made from your answers to earn {badge.Name}",
            _ => $"{badge.Description.TrimEnd('.')} to earn {badge.Name}",
        };
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n:N0} {unit}s";

    /// <summary>Whole years of membership, by calendar anniversary (someone who joined on 29 February has theirs on 28 February).</summary>
    public static int MembershipYears(DateTime memberSince, DateTime now)
    {
        if (now < memberSince)
            return 0;
        var years = now.Year - memberSince.Year;
        return memberSince.AddYears(years) > now ? years - 1 : years;
    }

    /// <summary>When the next year of membership completes.</summary>
    public static DateTime NextMembershipYear(DateTime memberSince, DateTime now) =>
        memberSince.AddYears(MembershipYears(memberSince, now) + 1);

    public static string PostKey(int postId) => postId.ToString(CultureInfo.InvariantCulture);

    public static string YearKey(int year) => $"year-{year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What the member is told: "You earned the bronze badge Nice Answer for “Router drops Wi-Fi every night”."</summary>
    public static string NoticeText(Badge badge, string? subject) => subject is null
        ? $"You earned the {badge.LevelName} badge {badge.Name}: {LowerFirst(badge.Description)}"
        : $"You earned the {badge.LevelName} badge {badge.Name} for “{subject}”.";

    public static string YearNoticeText(Badge badge, int year) =>
        $"You earned the {badge.LevelName} badge {badge.Name} for {(year == 1 ? "a year" : $"{year} years")} of membership.";

    private static string LowerFirst(string text) => text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
}
