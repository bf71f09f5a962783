namespace Community.Domain.Escalations;

public enum EscalationPriority
{
    Normal = 0,
    High = 1,
    Urgent = 2,
}

/// <summary>Where an escalation came from.</summary>
public enum EscalationSource
{
    /// <summary>A moderator or staff member escalated the question.</summary>
    Manual,
    /// <summary>A moderator accepted a member's "needs staff attention" flag.</summary>
    Flag,
    /// <summary>The response clock: nobody answered in time.</summary>
    Clock,
    /// <summary>The asker asked to continue privately with staff.</summary>
    Asker,
}

/// <summary>The state staff set, shown publicly on the question ("needs more information" pauses the deadline).</summary>
public enum ResolutionState
{
    None = 0,
    NeedsMoreInformation,
    WorkaroundAvailable,
    ConfirmedBug,
    FixedInVersion,
    Resolved,
}

/// <summary>Where an escalation is in the desk's workflow (derived from its times, never stored).</summary>
public enum EscalationState
{
    New,
    Claimed,
    Acknowledged,
    WaitingForAsker,
    Resolved,
}

/// <summary>
/// A question handed to a staff team with a priority and a deadline. At most one open escalation per question
/// (a unique index), so a retry or a second sweep cannot make another. Internal notes stay on the desk; the public
/// thread only learns that staff are looking into it and, later, the resolution state.
/// </summary>
public sealed class Escalation
{
    public const int ReferenceMaxLength = 100;
    public const int CommentMaxLength = 1_000;

    public int Id { get; set; }
    public int QuestionId { get; set; }
    public int TeamId { get; set; }
    public StaffTeam? Team { get; set; }

    public EscalationPriority Priority { get; set; }
    public EscalationSource Source { get; set; }

    public DateTime OpenedAt { get; set; }
    /// <summary>Who escalated; null when the response clock did.</summary>
    public string? OpenedById { get; set; }

    /// <summary>When staff must have responded; moved on by pauses and raised priorities.</summary>
    public DateTime DueAt { get; set; }
    /// <summary>When the sweep first found it past its deadline (kept for metrics after it is resolved).</summary>
    public DateTime? BreachedAt { get; set; }

    public string? AssigneeId { get; set; }
    public DateTime? ClaimedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    /// <summary>The first thing staff did that the asker could see or that tells them staff picked it up.</summary>
    public DateTime? FirstResponseAt { get; set; }

    public ResolutionState PublicState { get; set; }
    /// <summary>The bug reference or the fixed version, shown with the state.</summary>
    public string? Reference { get; set; }
    /// <summary>Set while waiting for the asker ("needs more information"): the deadline does not run.</summary>
    public DateTime? PausedAt { get; set; }

    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedById { get; set; }
    public int? SummaryAnswerId { get; set; }

    /// <summary>The asker's satisfaction, 1 to 5, asked once when resolved.</summary>
    public int? Rating { get; set; }
    public string? RatingComment { get; set; }
    public DateTime? RatedAt { get; set; }

    public List<EscalationNote> Notes { get; set; } = [];

    public bool IsOpen => ResolvedAt is null;

    public EscalationState State => ResolvedAt is not null ? EscalationState.Resolved
        : PausedAt is not null ? EscalationState.WaitingForAsker
        : AcknowledgedAt is not null ? EscalationState.Acknowledged
        : AssigneeId is not null ? EscalationState.Claimed
        : EscalationState.New;
}

/// <summary>An internal note on an escalation: staff and moderators only, never on a public page.</summary>
public sealed class EscalationNote
{
    public const int BodyMaxLength = 4_000;

    public int Id { get; set; }
    public int EscalationId { get; set; }
    public string AuthorId { get; set; } = "";
    public string Body { get; set; } = "";
    public DateTime At { get; set; }
}
