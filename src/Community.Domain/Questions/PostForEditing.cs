using Community.Domain.Posting;

namespace Community.Domain.Questions;

/// <param name="MaySuggest">The viewer cannot edit directly but may suggest an edit for review.</param>
public sealed record PostForEditing(int PostId, bool IsQuestion, int QuestionId, string QuestionTitle, string Body, IReadOnlyList<string>? Tags, int Version, Decision MayEdit, bool MaySuggest = false)
{
    public string QuestionUrl => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}";
}
