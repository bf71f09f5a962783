using Community.Domain.Persistence;

namespace Community.Domain.Audit;

/// <summary>
/// Writes the audit log inside the caller's unit of work: the entry is saved with the action it records, or not at all.
/// </summary>
public static class AuditLog
{
    public static AuditEntry Record(CommunityDbContext db, DateTime at, string? actorId, string action, AuditTarget target,
        string? reason = null, string? details = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var entry = new AuditEntry
        {
            At = at,
            ActorId = actorId,
            Action = action,
            TargetKind = target.Kind,
            TargetId = target.Id,
            TargetUserId = target.UserId,
            Reason = Clip(reason, AuditEntry.ReasonMaxLength),
            Details = Clip(details, AuditEntry.DetailsMaxLength),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string? Clip(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length <= max ? text : text[..(max - 1)] + "…";
}
