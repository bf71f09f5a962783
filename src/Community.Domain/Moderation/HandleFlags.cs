using Community.Domain.Audit;
using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public enum FlagDecision
{
    /// <summary>Nothing to act on: the flags are declined and a hold is released.</summary>
    Dismiss,

    /// <summary>The flaggers were right: the flags are helpful, then <see cref="PostAction"/> is taken.</summary>
    Accept,
}

public enum PostAction
{
    /// <summary>Flags helpful, the text left as it is (a held post stays hidden).</summary>
    None,
    Hide,
    Delete,
    Edit,
    Lock,
    Close,
}

/// <param name="SeenFlagIds">The pending flags the moderator was shown; if any was settled since, they are told instead of acting twice.</param>
/// <param name="Sanction">Optionally warn or suspend the author as well.</param>
public sealed record HandleFlagsCommand(
    FlagTarget Target,
    IReadOnlyList<long> SeenFlagIds,
    FlagDecision Decision,
    PostAction Action = PostAction.None,
    CloseReason? CloseReason = null,
    SanctionKind? Sanction = null,
    int? SuspensionDays = null,
    string? SanctionReason = null);

/// <param name="EditUrl">Where to send the moderator when they chose to edit.</param>
public sealed record FlagsHandled(string Message, string? EditUrl = null);

/// <summary>
/// A moderator (or a reviewer, for low-severity flags) settles the pending flags on one post or comment, in one transaction:
/// flags declined or helpful, the chosen action, an optional warning or suspension, the flaggers told, the audit log written.
/// Two moderators on the same flags: the first wins, the second is told who did what.
/// </summary>
public sealed class HandleFlags(
    IDbContextFactory<CommunityDbContext> contexts, SanctionMember sanctions, ReputationLedger ledger, Notices.MemberNotices notices,
    IStaffAttentionHandoff handoff, PrivilegeOptions privileges, TimeProvider time, Badges.BadgeAwarder? badges = null)
{
    public const string ConflictMessage = "Another moderator handled these flags while you were looking; the queue shows what is left.";

    public async Task<WriteResult<FlagsHandled>> ExecuteAsync(Actor actor, HandleFlagsCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<FlagsHandled>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var flags = await db.Set<Flag>().Where(f => f.PostId == command.Target.PostId && f.CommentId == command.Target.CommentId).ToListAsync(cancellationToken);
            var seen = command.SeenFlagIds.ToHashSet();
            if (seen.Count == 0 || seen.Any(id => flags.All(f => f.Id != id)))
                return WriteResult<FlagsHandled>.Fail(WriteFailure.NotFound, "These flags no longer exist.");
            if (flags.FirstOrDefault(f => seen.Contains(f.Id) && f.Status != FlagStatus.Pending) is { } settled)
                return WriteResult<FlagsHandled>.Fail(WriteFailure.Conflict, await AlreadyHandledAsync(db, settled, cancellationToken));
            var pending = flags.Where(f => f.Status == FlagStatus.Pending).ToList();

            var post = command.Target.PostId is { } postId ? await db.Posts.SingleOrDefaultAsync(p => p.Id == postId, cancellationToken) : null;
            var comment = command.Target.CommentId is { } commentId ? await db.Comments.SingleOrDefaultAsync(c => c.Id == commentId, cancellationToken) : null;
            var authorId = post?.AuthorId ?? comment?.AuthorId;
            if (authorId is null)
                return WriteResult<FlagsHandled>.Fail(WriteFailure.NotFound, "The flagged text no longer exists.");
            var held = post?.IsHidden ?? comment!.HiddenAt is not null;
            var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleOrDefaultAsync(cancellationToken);
            var reviewer = PrivilegeRules.Holds(privileges, Privilege.AccessReviewQueues, reputation, actor.IsModerator);
            if (FlagRules.CanHandle(actor, reviewer, pending.Select(f => f.Reason).ToList(), held, authorId == actor.UserId,
                    pending.Any(f => f.FlaggerId == actor.UserId), pending.Any(f => f.IsSystem)) is { Allowed: false } refused)
                return WriteResult<FlagsHandled>.From(refused);
            if (!actor.IsModerator && (command.Action != PostAction.None || command.Sanction is not null))
                return WriteResult<FlagsHandled>.Fail(WriteFailure.Forbidden, "Reviewers mark flags helpful or decline them; a moderator takes any further action.");

            var target = post is not null ? AuditTarget.Post(post.Id, post.AuthorId) : AuditTarget.Comment(comment!.Id, comment.AuthorId);
            string done;
            string? editUrl = null;
            if (command.Decision == FlagDecision.Dismiss)
            {
                if (command.Action != PostAction.None)
                    return WriteResult<FlagsHandled>.Fail(WriteFailure.Invalid, "Dismissing flags takes no action on the post; choose Accept to act.");
                Settle(pending, FlagStatus.Declined, FlagRules.DeclinedOutcome, actor, now);
                AuditLog.Record(db, now, actor.UserId, ModerationAuditActions.FlagsDismissed, target, Describe(pending));
                if (held)
                {
                    if (post is not null) await Holds.ReleaseAsync(db, post, cancellationToken);
                    else Holds.Release(comment!);
                    AuditLog.Record(db, now, actor.UserId, ModerationAuditActions.Released, target, "Flags declined.");
                }
                done = held ? "Flags declined; the post is visible again." : "Flags declined.";
            }
            else
            {
                var (problem, outcome, action) = await ActAsync(db, actor, command, post, comment, now, cancellationToken);
                if (problem is not null)
                    return WriteResult<FlagsHandled>.Fail(WriteFailure.Invalid, problem);
                Settle(pending, FlagStatus.Helpful, FlagRules.HelpfulOutcome(outcome), actor, now);
                AuditLog.Record(db, now, actor.UserId, ModerationAuditActions.FlagsAccepted, target, Describe(pending));
                if (action is not null)
                    AuditLog.Record(db, now, actor.UserId, action, target, Describe(pending));
                if (command.Action == PostAction.Edit && post is not null)
                    editUrl = $"posts/{post.Id}/edit";
                done = $"Flags accepted as helpful: {outcome}.";
            }
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return WriteResult<FlagsHandled>.Fail(WriteFailure.Conflict, ConflictMessage);
            }
            if (command.Decision == FlagDecision.Accept && command.Action == PostAction.Delete && post is not null)
                await ledger.ReversePostAsync(db, post.Id, actor.UserId, cancellationToken);
            if (command.Sanction is { } kind)
            {
                var sanctioned = await sanctions.ApplyAsync(db, actor, new SanctionCommand(authorId, kind, command.SanctionReason ?? "", command.SuspensionDays), cancellationToken);
                if (!sanctioned.Succeeded)
                    return WriteResult<FlagsHandled>.Fail(sanctioned.Failure, sanctioned.Message!);
                done += kind == SanctionKind.Suspension ? $" The author is suspended for {command.SuspensionDays} days." : " The author was warned.";
            }
            var title = await TitleAsync(db, post, comment, cancellationToken);
            foreach (var flag in pending.Where(f => f.FlaggerId is not null))
                await notices.AddAsync(db, flag.FlaggerId!, $"Your flag on “{title}” ({FlagReasons.Describe(flag.Reason).ToLowerInvariant()}): {flag.Outcome}", "flags/mine", $"flag:{flag.Id}", cancellationToken, Notifications.NotificationKind.ModerationOutcome);
            await transaction.CommitAsync(cancellationToken);

            if (command.Decision == FlagDecision.Accept)
            {
                await Badges.BadgeCheck.AfterAsync(badges, pending.Where(f => f.FlaggerId is not null).Select(f => f.FlaggerId!), cancellationToken);
                var staffFlags = pending.Where(f => f.Reason == FlagReason.NeedsStaffAttention).ToList();
                if (staffFlags.Count > 0)
                {
                    var questionId = post is Answer answer ? answer.QuestionId : post?.Id
                        ?? await db.Posts.Where(p => p.Id == comment!.PostId).Select(p => p is Answer ? ((Answer)p).QuestionId : p.Id).SingleAsync(cancellationToken);
                    await handoff.HandOffAsync(new StaffAttentionRequest(questionId, post?.Id, comment?.Id,
                        staffFlags.OrderBy(f => f.CreatedAt).Select(f => f.Note ?? "").Where(n => n.Length > 0).ToList(), actor.UserId), cancellationToken);
                }
            }
            return WriteResult<FlagsHandled>.Done(new FlagsHandled(done, editUrl));
        }, cancellationToken);
    }

    /// <summary>Takes the chosen action; returns a problem, or what was done (for the flaggers) and its audit code.</summary>
    private async Task<(string? Problem, string Outcome, string? AuditAction)> ActAsync(CommunityDbContext db, Actor actor, HandleFlagsCommand command,
        Post? post, Comment? comment, DateTime now, CancellationToken cancellationToken)
    {
        var what = post is Question ? "question" : post is Answer ? "answer" : "comment";
        switch (command.Action)
        {
            case PostAction.None:
                return (null, "kept the flags on record", null);
            case PostAction.Hide:
                if (post is not null)
                {
                    await Holds.HideAsync(db, post, Holds.ModeratorHiddenReason, now, cancellationToken);
                    post.HiddenReason = Holds.ModeratorHiddenReason;
                }
                else
                {
                    Holds.Hide(comment!, Holds.ModeratorHiddenReason, now);
                    comment!.HiddenReason = Holds.ModeratorHiddenReason;
                }
                return (null, $"hid the {what}", ModerationAuditActions.Hidden);
            case PostAction.Delete:
                if (comment is not null)
                {
                    comment.DeletedAt ??= now;
                    return (null, "deleted the comment", ModerationAuditActions.Deleted);
                }
                if (post!.IsDeleted)
                    return (null, $"the {what} was already deleted", null);
                post.DeletedAt = now;
                post.DeletedById = actor.UserId;
                if (post is Answer answer)
                {
                    if (!answer.IsHidden)
                        await db.Questions.Where(q => q.Id == answer.QuestionId)
                            .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnswerCount, q => q.AnswerCount - 1), cancellationToken);
                    if (await db.Questions.AnyAsync(q => q.Id == answer.QuestionId && q.AcceptedAnswerId == answer.Id, cancellationToken))
                    {
                        await db.Questions.Where(q => q.Id == answer.QuestionId)
                            .ExecuteUpdateAsync(set => set.SetProperty(q => q.AcceptedAnswerId, (int?)null), cancellationToken);
                        await ledger.ReverseAsync(db, ReputationRules.AcceptanceSource(answer.QuestionId), ReputationReason.PostDeleted, actor.UserId, cancellationToken);
                    }
                }
                return (null, $"deleted the {what}", ModerationAuditActions.Deleted);
            case PostAction.Edit:
                return post is null
                    ? ("Comments cannot be edited from the queue; hide or delete the comment instead.", "", null)
                    : (null, $"edited the {what}", ModerationAuditActions.Edited);
            case PostAction.Lock:
            case PostAction.Close:
                var question = await ThreadOfAsync(db, post, comment, cancellationToken);
                if (question is null || question.IsDeleted)
                    return ("The question of this thread no longer exists.", "", null);
                if (command.Action == PostAction.Lock)
                {
                    question.LockedAt ??= now;
                    question.LockedById ??= actor.UserId;
                    return (null, "locked the thread", ModerationAuditActions.Locked);
                }
                var reason = command.CloseReason ?? Questions.CloseReason.OffTopic;
                if (reason == Questions.CloseReason.Duplicate)
                    return ("Close duplicates from the question page, where you give the original's number.", "", null);
                if (!question.IsClosed)
                {
                    question.ClosedAt = now;
                    question.ClosedById = actor.UserId;
                    question.CloseReason = reason;
                }
                return (null, "closed the question", ModerationAuditActions.Closed);
            default:
                return ("Choose what to do with the post.", "", null);
        }
    }

    private static async Task<Question?> ThreadOfAsync(CommunityDbContext db, Post? post, Comment? comment, CancellationToken cancellationToken)
    {
        if (post is Question question)
            return question;
        var postId = post is Answer answer ? answer.QuestionId : comment!.PostId;
        var owner = await db.Posts.SingleAsync(p => p.Id == postId, cancellationToken);
        return owner as Question ?? await db.Questions.SingleOrDefaultAsync(q => q.Id == ((Answer)owner).QuestionId, cancellationToken);
    }

    private static void Settle(IEnumerable<Flag> flags, FlagStatus status, string outcome, Actor actor, DateTime now)
    {
        foreach (var flag in flags)
        {
            flag.Status = status;
            flag.HandledAt = now;
            flag.HandledById = actor.UserId;
            flag.Outcome = outcome;
        }
    }

    private static string Describe(IEnumerable<Flag> flags) =>
        string.Join("; ", flags.GroupBy(f => f.Reason).Select(g => $"{g.Count()} × {FlagReasons.Describe(g.Key).ToLowerInvariant()}"));

    private static async Task<string> AlreadyHandledAsync(CommunityDbContext db, Flag flag, CancellationToken cancellationToken)
    {
        var who = await db.Users.Where(u => u.Id == flag.HandledById).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "Another moderator";
        var how = flag.Status == FlagStatus.Helpful ? "accepted" : "declined";
        return $"{who} already {how} these flags at {flag.HandledAt:HH:mm} UTC; nothing was changed twice. The queue shows what is left.";
    }

    private static async Task<string> TitleAsync(CommunityDbContext db, Post? post, Comment? comment, CancellationToken cancellationToken)
    {
        var postId = post?.Id ?? comment!.PostId;
        var questionId = await db.Posts.Where(p => p.Id == postId).Select(p => p is Answer ? ((Answer)p).QuestionId : p.Id).SingleAsync(cancellationToken);
        var title = await db.Questions.Where(q => q.Id == questionId).Select(q => q.Title).SingleAsync(cancellationToken);
        return comment is not null ? $"a comment in {title}" : post is Answer ? $"an answer to {title}" : title;
    }
}
