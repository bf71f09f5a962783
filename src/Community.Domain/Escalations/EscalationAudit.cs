using Community.Domain.Audit;
using Community.Domain.Persistence;

namespace Community.Domain.Escalations;

/// <summary>Escalation actions in the general audit log (codes kept here, so the feature adds them without touching others' files).</summary>
internal static class EscalationAudit
{
    public const string Opened = "escalation.opened";
    public const string Claimed = "escalation.claimed";
    public const string Assigned = "escalation.assigned";
    public const string Acknowledged = "escalation.acknowledged";
    public const string Noted = "escalation.noted";
    public const string StateSet = "escalation.state-set";
    public const string Resolved = "escalation.resolved";
    public const string PriorityRaised = "escalation.priority-raised";
    public const string ConversationOpened = "escalation.conversation-opened";
    public const string TeamSaved = "staff-team.saved";
    public const string TeamMemberAdded = "staff-team.member-added";
    public const string TeamMemberRemoved = "staff-team.member-removed";

    public static void Record(CommunityDbContext db, DateTime at, string? actorId, string action, Escalation escalation, string? askerId, string? details = null) =>
        AuditLog.Record(db, at, actorId, action, AuditTarget.Of("escalation", escalation.Id, askerId), details: details ?? $"question {escalation.QuestionId}");
}
