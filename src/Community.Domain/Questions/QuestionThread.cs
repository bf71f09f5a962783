namespace Community.Domain.Questions;

/// <summary>A question page: the question and its answers, accepted first, then by score.</summary>
public sealed record QuestionThread(
    int Id,
    string Title,
    string BodyHtml,
    int Score,
    int ViewCount,
    DateTime AskedAt,
    DateTime? EditedAt,
    DateTime LastActivityAt,
    PostAuthor Author,
    IReadOnlyList<string> Tags,
    int? AcceptedAnswerId,
    IReadOnlyList<AnswerView> Answers)
{
    public string Slug => Questions.Slug.From(Title);
    public string Url => $"questions/{Id}/{Slug}";
}

public sealed record AnswerView(int Id, string BodyHtml, int Score, DateTime AnsweredAt, DateTime? EditedAt, PostAuthor Author, bool IsAccepted);

public sealed record PostAuthor(string Id, string DisplayName, int Reputation);
