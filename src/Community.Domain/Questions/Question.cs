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

    public List<Tag> Tags { get; set; } = [];
    public List<Answer> Answers { get; set; } = [];

    public bool IsResolved => AcceptedAnswerId is not null;
}
