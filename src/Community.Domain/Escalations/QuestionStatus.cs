namespace Community.Domain.Escalations;

/// <summary>The public status of a question on its way through the response clock.</summary>
public enum PublicStatus
{
    WaitingForCommunity,
    ExpertsInvited,
    StaffLookingIntoIt,
    Escalated,
    Resolved,
}

/// <summary>What every visitor may know: a status, a resolution state set by staff, never the team, priority or notes.</summary>
public sealed record QuestionStatus(PublicStatus Status, ResolutionState State, string? Reference)
{
    public static QuestionStatus Of(bool hasAcceptedAnswer, Escalation? latest, bool expertsInvited)
    {
        var state = latest?.PublicState ?? ResolutionState.None;
        var reference = latest?.Reference;
        if (hasAcceptedAnswer || latest is { IsOpen: false })
            return new(PublicStatus.Resolved, state, reference);
        if (latest is { IsOpen: true })
            return new(latest.AssigneeId is null && latest.AcknowledgedAt is null ? PublicStatus.Escalated : PublicStatus.StaffLookingIntoIt, state, reference);
        return new(expertsInvited ? PublicStatus.ExpertsInvited : PublicStatus.WaitingForCommunity, state, reference);
    }

    public string Label => Status switch
    {
        PublicStatus.WaitingForCommunity => "Waiting for the community",
        PublicStatus.ExpertsInvited => "Experts invited",
        PublicStatus.StaffLookingIntoIt => "Staff are looking into it",
        PublicStatus.Escalated => "Escalated: staff are looking into it",
        _ => "Resolved",
    };

    public string? StateLabel => State == ResolutionState.None ? null : EscalationRules.Describe(State, Reference);
}
