namespace Community.Domain.Audit;

/// <summary>
/// One line of the audit log: who did what to what, why, and when. Append-only: the database refuses updates and deletes
/// (triggers in the AuditLog migration), so not even a bug in our code can rewrite history.
/// </summary>
public sealed class AuditEntry
{
    public const int ActionMaxLength = 64;
    public const int TargetKindMaxLength = 32;
    public const int TargetIdMaxLength = 64;
    public const int ReasonMaxLength = 2000;
    public const int DetailsMaxLength = 4000;

    public long Id { get; set; }
    public DateTime At { get; set; }

    /// <summary>The member who acted; null when the system acted (an automatic hold, a sweep).</summary>
    public string? ActorId { get; set; }

    /// <summary>A stable code from <see cref="AuditActions"/>, e.g. <c>post.hidden</c>.</summary>
    public string Action { get; set; } = "";

    public string TargetKind { get; set; } = "";
    public string TargetId { get; set; } = "";

    /// <summary>The member the action is about (a post's author, a suspended member), so their history can be listed.</summary>
    public string? TargetUserId { get; set; }

    /// <summary>Why, in the actor's words (shown to moderators; the parts meant for the member are shown to them elsewhere).</summary>
    public string? Reason { get; set; }

    /// <summary>What else matters: the period of a suspension, the matched watch-list term, the old and new state.</summary>
    public string? Details { get; set; }
}
