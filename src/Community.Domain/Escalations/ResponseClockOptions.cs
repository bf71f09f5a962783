namespace Community.Domain.Escalations;

/// <summary>When the response clock acts on an unanswered question (settings section "ResponseClock"); per tag overrides.</summary>
public sealed class ResponseClockOptions
{
    public TimeSpan InviteExpertsAfter { get; set; } = TimeSpan.FromHours(4);
    public TimeSpan EscalateAfter { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan OfferFollowUpAfter { get; set; } = TimeSpan.FromHours(48);

    public int ExpertsPerQuestion { get; set; } = 3;
    /// <summary>Invitations a member gets in any 7 days, so the best answerers are not flooded.</summary>
    public int WeeklyInvitationCap { get; set; } = 3;
    /// <summary>How far back "recent answer score" looks.</summary>
    public TimeSpan RecentAnswersWindow { get; set; } = TimeSpan.FromDays(90);
    /// <summary>Questions older than this are not started on (the clock is for new questions, not the archive).</summary>
    public TimeSpan MaxQuestionAge { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Tag name → tiers for that tag ("billing" may escalate sooner). A question takes the soonest of its tags.</summary>
    public Dictionary<string, ResponseTiers> Tags { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public ResponseTiers Defaults => new(InviteExpertsAfter, EscalateAfter, OfferFollowUpAfter);
}

public sealed record ResponseTiers(TimeSpan InviteExpertsAfter, TimeSpan EscalateAfter, TimeSpan OfferFollowUpAfter)
{
    public ResponseTiers() : this(TimeSpan.FromHours(4), TimeSpan.FromHours(24), TimeSpan.FromHours(48)) { }
}

/// <summary>Which tiers are due for a question: pure, so the arithmetic across days and tags is tested without a database.</summary>
public static class ResponseTierRules
{
    public static ResponseTiers For(ResponseClockOptions options, IEnumerable<string> tags)
    {
        var tiers = options.Defaults;
        foreach (var tag in tags)
            if (options.Tags.TryGetValue(tag, out var own))
                tiers = new ResponseTiers(Min(tiers.InviteExpertsAfter, own.InviteExpertsAfter), Min(tiers.EscalateAfter, own.EscalateAfter),
                    Min(tiers.OfferFollowUpAfter, own.OfferFollowUpAfter));
        return tiers;
    }

    public sealed record Due(bool InviteExperts, bool Escalate, bool OfferFollowUp)
    {
        public bool Any => InviteExperts || Escalate || OfferFollowUp;
    }

    /// <summary>The tiers past their time and not done yet (a late sweep does several at once).</summary>
    public static Due DueSteps(ResponseTiers tiers, DateTime askedAt, ResponseClock? clock, DateTime now)
    {
        var waited = now - askedAt;
        return new Due(
            clock?.ExpertsInvitedAt is null && waited >= tiers.InviteExpertsAfter,
            clock?.EscalatedAt is null && waited >= tiers.EscalateAfter,
            clock?.FollowUpOfferedAt is null && waited >= tiers.OfferFollowUpAfter);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
