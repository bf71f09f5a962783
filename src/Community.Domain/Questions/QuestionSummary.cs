namespace Community.Domain.Questions;

/// <summary>One row of a question list: what a reader needs to choose, nothing more.</summary>
public sealed record QuestionSummary(
    int Id,
    string Title,
    int Score,
    int AnswerCount,
    bool HasAcceptedAnswer,
    int ViewCount,
    DateTime AskedAt,
    DateTime LastActivityAt,
    string AuthorId,
    string AuthorName,
    IReadOnlyList<string> Tags,
    bool IsClosed = false,
    Staff.StaffDisclosure? AuthorStaff = null)
{
    public string Slug => Questions.Slug.From(Title);
    public string Url => $"questions/{Id}/{Slug}";
}
