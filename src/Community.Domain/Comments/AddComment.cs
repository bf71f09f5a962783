using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Comments;

public sealed record AddCommentCommand(int PostId, string Body, string? ClientToken = null);

public sealed class AddComment(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, TimeProvider time)
{
    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, AddCommentCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrEmpty(command.ClientToken)
            && await db.Comments.Where(c => c.AuthorId == actor.UserId && c.ClientToken == command.ClientToken).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            return WriteResult<int>.Done(existing);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || !PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (PostRules.CanComment(actor, post) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        var length = (command.Body ?? "").Trim().Length;
        if (length < Comment.MinLength || length > Comment.MaxLength)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Comment"] = $"A comment has {Comment.MinLength} to {Comment.MaxLength} characters; this one has {length}." });
        var rendered = markdown.RenderComment(command.Body!.Trim());
        if (!rendered.Succeeded)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Comment"] = rendered.Error! });
        if (limits.TryAcquire(WriteKind.Comment, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        var comment = new Comment
        {
            PostId = post.Id,
            AuthorId = actor.UserId,
            Body = command.Body!.Trim(),
            BodyHtml = rendered.Html,
            RenderVersion = rendered.Version,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ClientToken = command.ClientToken,
        };
        db.Comments.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return WriteResult<int>.Done(await again.Comments.Where(c => c.AuthorId == actor.UserId && c.ClientToken == command.ClientToken).Select(c => c.Id).FirstAsync(cancellationToken));
        }
        return WriteResult<int>.Done(comment.Id);
    }
}
