namespace Community.Domain.Questions;

public sealed class Question : Post
{
    public const int TitleMinLength = 15;
    public const int TitleMaxLength = 150;

    public string Title { get; set; } = "";

    public int AnswerCount { get; set; }
    public int? AcceptedAnswerId { get; set; }
    public int ViewCount { get; set; }

    /// <summary>When the thread last changed (asked, answered, edited); lists sort by it.</summary>
    public DateTime LastActivityAt { get; set; }

    public DateTime? ClosedAt { get; set; }
    public string? ClosedById { get; set; }
    public CloseReason? CloseReason { get; set; }
    public int? DuplicateOfId { get; set; }

    public bool IsClosed => ClosedAt is not null;

    /// <summary>Locked by a moderator: the thread stays readable but takes no answers, comments, votes or edits from members.</summary>
    public DateTime? LockedAt { get; set; }
    public string? LockedById { get; set; }

    public bool IsLocked => LockedAt is not null;

    /// <summary>The answer a staff member marked as the company's official answer, beside (not instead of) the accepted one.</summary>
    public int? OfficialAnswerId { get; set; }
    public string? OfficialMarkedById { get; set; }

    /// <summary>When staff first answered or commented, and who: for response-time dashboards.</summary>
    public DateTime? FirstStaffResponseAt { get; set; }
    public string? FirstStaffResponderId { get; set; }

    public List<Tag> Tags { get; set; } = [];
    public List<Answer> Answers { get; set; } = [];

    public bool IsResolved => AcceptedAnswerId is not null;
}
