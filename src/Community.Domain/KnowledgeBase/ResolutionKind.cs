namespace Community.Domain.KnowledgeBase;

/// <summary>
/// Why an outbox entry was written. The feed does not trust it: it reads the thread as it is now and makes the article
/// follow, so entries processed late, twice or out of order all end in the same article. The kind is for the logs and
/// the admin page.
/// </summary>
public enum ResolutionKind
{
    /// <summary>The asker accepted an answer.</summary>
    Accepted,

    /// <summary>Staff marked an official answer.</summary>
    Official,

    /// <summary>Staff resolved an escalation with a public summary.</summary>
    EscalationResolved,

    /// <summary>The acceptance or the official mark was withdrawn.</summary>
    Withdrawn,

    /// <summary>The question, or its accepted or official answer, was edited.</summary>
    Edited,

    /// <summary>The question, or its accepted or official answer, was deleted or undeleted.</summary>
    Deleted,

    /// <summary>An admin asked for the entry to be processed again.</summary>
    Retried,
}
