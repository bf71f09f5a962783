using Community.Domain.Posting;

namespace Community.Domain.Questions;

public sealed record PostForEditing(int PostId, bool IsQuestion, int QuestionId, string QuestionTitle, string Body, IReadOnlyList<string>? Tags, int Version, Decision MayEdit)
{
    public string QuestionUrl => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}";
}
