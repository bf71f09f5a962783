using Community.Domain.Audit;

namespace Community.Domain.KnowledgeBase;

/// <summary>The knowledge base's codes in the general audit log (<see cref="AuditLog"/>); never rename one once written.</summary>
public static class KnowledgeBaseAudit
{
    public const string Fed = "kb.fed";
    public const string Published = "kb.published";
    public const string Unpublished = "kb.unpublished";
    public const string RevisionApproved = "kb.revision-approved";
    public const string Edited = "kb.edited";
    public const string Merged = "kb.merged";
    public const string OutboxRetried = "kb.outbox-retried";

    public static AuditTarget Target(int articleId) => AuditTarget.Of("kb-article", articleId);
}
