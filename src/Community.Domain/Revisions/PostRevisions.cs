using Community.Domain.Questions;

namespace Community.Domain.Revisions;

internal static class PostRevisions
{
    public static PostRevision First(Post post, string authorId) => new()
    {
        PostId = post.Id,
        Number = 1,
        EditorId = authorId,
        CreatedAt = post.CreatedAt,
        Title = (post as Question)?.Title,
        Body = post.Body,
        Tags = post is Question question ? TagsOf(question) : null,
    };

    public static string TagsOf(Question question) => string.Join(' ', question.Tags.Select(t => t.Name).Order(StringComparer.Ordinal));
}
