namespace Community.Domain.Staff;

public enum StaffAuditAction
{
    Granted,
    DisclosureChanged,
    Revoked,
}

/// <summary>Append-only record of who made whom staff (or stopped), and when.</summary>
public sealed class StaffAuditEntry
{
    public long Id { get; set; }
    public StaffAuditAction Action { get; set; }
    public string TargetUserId { get; set; } = "";
    public string ActorId { get; set; } = "";
    public DateTime At { get; set; }

    /// <summary>The disclosure as it stood after the action ("Sam Ortega, Support engineer, Technical support").</summary>
    public string Details { get; set; } = "";
}
