namespace Community.Domain.Escalations;

/// <summary>
/// How far the response clock has moved a question: each tier is done once (the sweep checks these times and the
/// unique indexes behind them), and a stopped clock is never looked at again.
/// </summary>
public sealed class ResponseClock
{
    public int QuestionId { get; set; }
    public DateTime? ExpertsInvitedAt { get; set; }
    public DateTime? EscalatedAt { get; set; }
    public DateTime? FollowUpOfferedAt { get; set; }
    /// <summary>Answered by the community, by staff, or every tier done: the sweep skips it.</summary>
    public DateTime? StoppedAt { get; set; }
    public string? StopReason { get; set; }
}

/// <summary>A member invited to answer a question nobody answered (one per member and question).</summary>
public sealed class ExpertInvitation
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public string UserId { get; set; } = "";
    public DateTime InvitedAt { get; set; }
}

/// <summary>A member who agreed to be invited to unanswered questions in their tags.</summary>
public sealed class InvitationOptIn
{
    public string UserId { get; set; } = "";
    public DateTime OptedInAt { get; set; }
}
