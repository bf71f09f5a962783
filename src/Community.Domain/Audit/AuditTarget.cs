namespace Community.Domain.Audit;

/// <summary>What an audit entry is about. <see cref="UserId"/> is the member concerned, when there is one.</summary>
public readonly record struct AuditTarget(string Kind, string Id, string? UserId = null)
{
    public static AuditTarget Post(int postId, string? authorId) => new("post", postId.ToString(System.Globalization.CultureInfo.InvariantCulture), authorId);
    public static AuditTarget Comment(int commentId, string? authorId) => new("comment", commentId.ToString(System.Globalization.CultureInfo.InvariantCulture), authorId);
    public static AuditTarget Member(string userId) => new("user", userId, userId);
    public static AuditTarget Of(string kind, long id, string? userId = null) => new(kind, id.ToString(System.Globalization.CultureInfo.InvariantCulture), userId);
}
