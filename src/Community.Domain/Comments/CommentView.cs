using Community.Domain.Questions;

namespace Community.Domain.Comments;

public sealed record CommentView(int Id, int PostId, string BodyHtml, DateTime CreatedAt, PostAuthor Author, string? HiddenReason = null);
