namespace Community.Domain.Audit;

/// <summary>
/// The audit log's action codes, named area.verb. Stored as text so that a feature adds its codes here without a migration;
/// a code is never renamed once written, because old entries keep it.
/// </summary>
public static class AuditActions
{
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string StaffGranted = "staff.granted";
    public const string StaffDisclosureChanged = "staff.disclosure-changed";
    public const string StaffRevoked = "staff.revoked";
    public const string SuggestedEditApproved = "suggested-edit.approved";
    public const string SuggestedEditRejected = "suggested-edit.rejected";
    public const string QuestionClosedByVotes = "question.closed-by-votes";
    public const string QuestionReopenedByVotes = "question.reopened-by-votes";
}
