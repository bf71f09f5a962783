using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

/// <summary>What is flagged: a post (question or answer) or a comment.</summary>
public readonly record struct FlagTarget(int? PostId, int? CommentId)
{
    public static FlagTarget Post(int id) => new(id, null);
    public static FlagTarget Comment(int id) => new(null, id);
}

public sealed record RaiseFlagCommand(FlagTarget Target, FlagReason Reason, string? Note = null);

/// <param name="Held">The flag tipped the weight: the post is now hidden pending review.</param>
public sealed record FlagRaised(long FlagId, bool Held);

/// <summary>
/// A member flags a post or comment: privilege, suspension, one flag per target, the daily limit. When the pending spam
/// and abuse flags reach the hold weight, the text is hidden from everyone but its author and moderators at once.
/// </summary>
public sealed class RaiseFlag(IDbContextFactory<CommunityDbContext> contexts, ModerationGate gate, PrivilegeOptions privileges, TimeProvider time)
{
    public const string AlreadyFlagged = "You already flagged this; a moderator will look at it.";

    public async Task<WriteResult<FlagRaised>> ExecuteAsync(Actor actor, RaiseFlagCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<FlagRaised>>(async db =>
        {
            if (await gate.CheckAsync<FlagRaised>(db, actor, GatedWrite.Flag, cancellationToken: cancellationToken) is { } refused)
                return refused;
            var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleOrDefaultAsync(cancellationToken);
            if (PrivilegeRules.Check(privileges, Privilege.Flag, reputation, actor.IsModerator) is { Allowed: false } unearned)
                return WriteResult<FlagRaised>.From(unearned);

            // Immediate: flags on one post queue up, so the one that reaches the weight is the one that holds it.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var target = await TargetAsync(db, actor, command.Target, cancellationToken);
            if (target is null)
                return WriteResult<FlagRaised>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            var now = time.GetUtcNow().UtcDateTime;
            var dayStart = now.Date;
            var raisedToday = await db.Set<Flag>().CountAsync(f => f.FlaggerId == actor.UserId && f.CreatedAt >= dayStart, cancellationToken);
            var helpful = await db.Set<Flag>().CountAsync(f => f.FlaggerId == actor.UserId && f.Status == FlagStatus.Helpful, cancellationToken);
            var decision = FlagRules.CanFlag(command.Reason, command.Note, target.AuthorId == actor.UserId, raisedToday, FlagRules.DailyLimit(helpful, gate.Options));
            if (!decision.Allowed)
                return WriteResult<FlagRaised>.From(decision);
            if (await db.Set<Flag>().AnyAsync(f => f.FlaggerId == actor.UserId && f.PostId == command.Target.PostId && f.CommentId == command.Target.CommentId, cancellationToken))
                return WriteResult<FlagRaised>.Fail(WriteFailure.Conflict, AlreadyFlagged);

            var flag = new Flag
            {
                PostId = command.Target.PostId,
                CommentId = command.Target.CommentId,
                TargetAuthorId = target.AuthorId,
                FlaggerId = actor.UserId,
                Reason = command.Reason,
                Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
                Weight = FlagRules.WeightOf(actor.IsModerator, gate.Options),
                CreatedAt = now,
                Status = FlagStatus.Pending,
            };
            db.Set<Flag>().Add(flag);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return WriteResult<FlagRaised>.Fail(WriteFailure.Conflict, AlreadyFlagged);
            }

            var pending = await PendingAsync(db, command.Target, cancellationToken);
            var held = false;
            if (!target.IsHidden && FlagRules.ShouldHold(pending, gate.Options))
            {
                var reason = actor.IsModerator ? Holds.ModeratorFlagReason : Holds.FlaggedReason;
                var weight = FlagRules.HoldingWeight(pending);
                if (target.Post is { } post)
                {
                    await Holds.HideAsync(db, post, reason, now, cancellationToken);
                    AuditLog.Record(db, now, null, ModerationAuditActions.Held, AuditTarget.Post(post.Id, post.AuthorId), $"Spam or abuse flags reached weight {weight} of {gate.Options.HoldWeight}.");
                }
                else if (target.Comment is { } comment)
                {
                    Holds.Hide(comment, reason, now);
                    AuditLog.Record(db, now, null, ModerationAuditActions.Held, AuditTarget.Comment(comment.Id, comment.AuthorId), $"Spam or abuse flags reached weight {weight} of {gate.Options.HoldWeight}.");
                }
                await db.SaveChangesAsync(cancellationToken);
                held = true;
            }
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<FlagRaised>.Done(new FlagRaised(flag.Id, held));
        }, cancellationToken);
    }

    private static async Task<List<(FlagReason, int)>> PendingAsync(CommunityDbContext db, FlagTarget target, CancellationToken cancellationToken) =>
        (await db.Set<Flag>().Where(f => f.Status == FlagStatus.Pending && f.PostId == target.PostId && f.CommentId == target.CommentId)
            .Select(f => new { f.Reason, f.Weight }).ToListAsync(cancellationToken))
        .Select(f => (f.Reason, f.Weight)).ToList();

    private sealed record Target(string AuthorId, bool IsHidden, Questions.Post? Post, Comments.Comment? Comment);

    private static async Task<Target?> TargetAsync(CommunityDbContext db, Actor actor, FlagTarget target, CancellationToken cancellationToken)
    {
        if (target.PostId is { } postId)
        {
            var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
            return post is null || post.IsDeleted || !PostRules.CanSee(actor, post) ? null : new Target(post.AuthorId, post.IsHidden, post, null);
        }
        if (target.CommentId is { } commentId)
        {
            var comment = await db.Comments.Include(c => c.Post).SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken);
            return comment is null || comment.DeletedAt is not null || comment.Post is null || !PostRules.CanSee(actor, comment.Post)
                || comment.HiddenAt is not null && !actor.IsModerator && comment.AuthorId != actor.UserId
                ? null
                : new Target(comment.AuthorId, comment.HiddenAt is not null, null, comment);
        }
        return null;
    }
}
