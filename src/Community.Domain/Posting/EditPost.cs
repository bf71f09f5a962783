using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

/// <param name="ExpectedVersion">The version the editor started from; if the post moved on since, the edit is refused, not lost.</param>
/// <param name="Title">The new title; questions only.</param>
/// <param name="Tags">The new tags; questions only.</param>
public sealed record EditPostCommand(int PostId, int ExpectedVersion, string Body, string? Title = null, IReadOnlyList<string>? Tags = null, string? Summary = null);

/// <summary>An edit by the author or a moderator: a new revision, a new version, and the re-rendered body.</summary>
public sealed class EditPost(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, TimeProvider time, Badges.BadgeAwarder? badges = null, Privileges.PrivilegeOptions? privileges = null, Moderation.ModerationGate? gate = null)
{
    private readonly Moderation.ModerationGate gate = gate ?? new(new Moderation.ModerationOptions(), time);

    public const string ConflictMessage = "Someone else edited this post while you were editing. Your text is kept below: compare it with the current version, then save again.";

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, EditPostCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || !PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        var editsOthers = post.AuthorId != actor.UserId && !actor.IsModerator
            && Privileges.PrivilegeRules.Holds(privileges ?? new Privileges.PrivilegeOptions(), Privileges.Privilege.EditOthersPosts,
                await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken), false);
        if (PostRules.CanEdit(actor, post, editsOthers) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (await Moderation.ThreadLocks.CheckAsync(db, actor, post, cancellationToken) is { Allowed: false } locked)
            return WriteResult<int>.From(locked);
        if (post.Version != command.ExpectedVersion)
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);

        var (edit, errors) = await PostEditing.PrepareAsync(db, markdown, post, command.Body, command.Title, command.Tags, command.Summary, cancellationToken);
        if (edit is null)
            return WriteResult<int>.Invalid(errors);
        if (await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Edit, command.Body, cancellationToken: cancellationToken) is { } gated)
            return gated;
        if (limits.TryAcquire(WriteKind.Edit, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        await PostEditing.ApplyAsync(db, post, edit, actor.UserId, command.ExpectedVersion + 1, time.GetUtcNow().UtcDateTime, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two edits raced for the same revision number: the other one won.
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);
        }
        await gate.ScreenAsync(db, post, cancellationToken);
        await Badges.BadgeCheck.AfterAsync(badges, [actor.UserId], cancellationToken);
        return WriteResult<int>.Done(post.Version);
    }
}
