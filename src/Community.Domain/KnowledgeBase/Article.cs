namespace Community.Domain.KnowledgeBase;

public enum ArticleStatus
{
    /// <summary>Made by the feed, waiting for staff at /kb/review.</summary>
    Draft,
    Published,

    /// <summary>Kept, with its revisions, but no longer public: its address answers 410.</summary>
    Unpublished,

    /// <summary>Folded into another article; its address redirects there.</summary>
    Merged,
}

/// <summary>Why an article is not public: staff decided, or the thread it came from changed.</summary>
public enum UnpublishCause
{
    None,
    Staff,
    ThreadDeleted,
    ResolutionWithdrawn,
}

/// <summary>
/// A knowledge-base article: one per source question (a unique index makes a second one impossible, so a retried feed
/// job updates instead). Its text lives in <see cref="ArticleRevision"/>s; the article points at the current one and
/// copies what lists need (title, tags, helpful counts).
/// </summary>
public sealed class Article
{
    public const int TitleMaxLength = 150;

    public int Id { get; set; }
    public int SourceQuestionId { get; set; }
    public Questions.Question? SourceQuestion { get; set; }

    public ArticleStatus Status { get; set; }
    public UnpublishCause UnpublishCause { get; set; }
    public int? MergedIntoId { get; set; }

    /// <summary>The current revision's title and tags (space-separated), for lists.</summary>
    public string Title { get; set; } = "";
    public string Tags { get; set; } = "";

    /// <summary>Staff retitled it: later changes to the thread keep the staff title.</summary>
    public bool TitleEditedByStaff { get; set; }

    /// <summary>The revision readers see.</summary>
    public int CurrentRevision { get; set; }

    /// <summary>A change from the thread waiting for staff; readers see "under review" meanwhile.</summary>
    public int? PendingRevision { get; set; }

    public int HelpfulYes { get; set; }
    public int HelpfulNo { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? UnpublishedAt { get; set; }

    public List<ArticleRevision> Revisions { get; set; } = [];

    public bool IsUnderReview => PendingRevision is not null;
    public string Slug => Questions.Slug.From(Title);
    public string Url => $"kb/{Id}/{Slug}";
}

/// <summary>
/// One version of an article's text, kept forever. The feed's revisions of a published article wait as
/// <see cref="RevisionState.Pending"/> until staff approve; drafts and staff edits apply at once.
/// </summary>
public sealed class ArticleRevision
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public int Number { get; set; }
    public RevisionState State { get; set; }

    /// <summary>Null when the feed made it from the thread.</summary>
    public string? EditorId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AppliedAt { get; set; }
    public string? ApprovedById { get; set; }

    public string Title { get; set; } = "";
    public string ProblemMarkdown { get; set; } = "";
    public string ProblemHtml { get; set; } = "";
    public string SolutionMarkdown { get; set; } = "";
    public string SolutionHtml { get; set; } = "";
    public string Tags { get; set; } = "";

    /// <summary>A hash of the thread content this revision follows (a staff edit keeps its base's): the feed adds no revision when the thread says nothing new.</summary>
    public string Fingerprint { get; set; } = "";

    public List<ArticleCredit> Credits { get; set; } = [];
}

public enum RevisionState
{
    Applied,
    Pending,

    /// <summary>A pending revision replaced by a newer change before staff got to it.</summary>
    Superseded,
}

public enum CreditRole
{
    AcceptedAnswer,
    OfficialAnswer,
    EscalationSummary,
}

/// <summary>Who the solution came from, with the staff disclosure their post carried (a snapshot, never recomputed).</summary>
public sealed class ArticleCredit
{
    public int Id { get; set; }
    public int RevisionId { get; set; }
    public int? AnswerId { get; set; }
    public string UserId { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public CreditRole Role { get; set; }
    public Staff.StaffDisclosure? StaffDisclosure { get; set; }
}

/// <summary>"Was this helpful?": one answer per visitor and article (a unique index), so a second click changes nothing.</summary>
public sealed class HelpfulVote
{
    public const int VisitorMaxLength = 80;

    public long Id { get; set; }
    public int ArticleId { get; set; }
    public string VisitorKey { get; set; } = "";
    public bool Helpful { get; set; }
    public DateTime CreatedAt { get; set; }
}
