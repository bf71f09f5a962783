namespace Community.Domain.Moderation;

/// <summary>Settings under <c>Moderation</c>: how much the community's flags weigh, how many a member may raise, and what new accounts may post.</summary>
public sealed record ModerationOptions
{
    /// <summary>Spam or abuse flags of this total weight hide a post at once, pending review. A moderator's flag weighs this alone.</summary>
    public int HoldWeight { get; init; } = 3;

    /// <summary>Flags a member may raise per UTC day.</summary>
    public int DailyFlagLimit { get; init; } = 10;

    /// <summary>Extra flags a day for every ten flags moderators found helpful, up to <see cref="MaxDailyFlagLimit"/>.</summary>
    public int ExtraFlagsPerTenHelpful { get; init; } = 5;

    public int MaxDailyFlagLimit { get; init; } = 100;

    /// <summary>Below this reputation a member is new: fewer posts an hour and fewer links a post.</summary>
    public int NewMemberReputation { get; init; } = 10;

    /// <summary>Questions and answers a new member may post per hour.</summary>
    public int NewMemberPostsPerHour { get; init; } = 3;

    /// <summary>Links a new member may put in one post or comment; more is refused with a message saying so.</summary>
    public int NewMemberMaxLinks { get; init; } = 4;

    /// <summary>An account this young that has never earned reputation is brand-new.</summary>
    public TimeSpan BrandNewAccountAge { get; init; } = TimeSpan.FromDays(3);

    /// <summary>A brand-new account's post with this many links or more is held for review (the spam pattern).</summary>
    public int BrandNewHoldLinks { get; init; } = 2;

    /// <summary>Suspensions a moderator may choose, in days.</summary>
    public IReadOnlyList<int> SuspensionDays { get; init; } = [1, 3, 7, 30, 365];
}
