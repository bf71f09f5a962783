namespace Community.Domain.Reputation.Queries;

/// <summary>What a leaderboard sums: reputation earned since the start of this UTC week, month or year, or in total.</summary>
public enum LeaderboardPeriod
{
    Week,
    Month,
    Year,
    All,
}

public static class LeaderboardPeriods
{
    /// <summary>The UTC start of the period that contains <paramref name="utcNow"/> (weeks start on Monday); null for all time.</summary>
    public static DateTime? Start(LeaderboardPeriod period, DateTime utcNow)
    {
        var today = DateTime.SpecifyKind(utcNow.Date, DateTimeKind.Utc);
        return period switch
        {
            LeaderboardPeriod.Week => today.AddDays(-(((int)today.DayOfWeek + 6) % 7)),
            LeaderboardPeriod.Month => new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Utc),
            LeaderboardPeriod.Year => new DateTime(today.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            _ => null,
        };
    }

    /// <summary>Reads <c>week</c>, <c>month</c>, <c>year</c> or <c>all</c> (any case); anything else is <paramref name="fallback"/>.</summary>
    public static LeaderboardPeriod Parse(string? text, LeaderboardPeriod fallback = LeaderboardPeriod.Week) =>
        text?.ToLowerInvariant() switch
        {
            "week" => LeaderboardPeriod.Week,
            "month" => LeaderboardPeriod.Month,
            "year" => LeaderboardPeriod.Year,
            "all" => LeaderboardPeriod.All,
            _ => fallback,
        };

    public static string Key(LeaderboardPeriod period) => period.ToString().ToLowerInvariant();

    /// <summary>For sentences: "You are #12 this week".</summary>
    public static string Describe(LeaderboardPeriod period) => period switch
    {
        LeaderboardPeriod.Week => "this week",
        LeaderboardPeriod.Month => "this month",
        LeaderboardPeriod.Year => "this year",
        _ => "of all time",
    };
}
