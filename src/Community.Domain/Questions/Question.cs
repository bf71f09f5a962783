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

    public List<Tag> Tags { get; set; } = [];
    public List<Answer> Answers { get; set; } = [];

    public bool IsAnswered => AcceptedAnswerId is not null || AnswerCount > 0;
}
