using Community.Domain.Audit;
using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public enum GatedWrite
{
    Post,
    Edit,
    Comment,
    Vote,
    Flag,
}

/// <summary>
/// What moderation asks of every write, in the writing service's own context: before saving, is the writer suspended,
/// a new member over their hourly posts, or over their links; after saving, does the text match the watch list or look
/// like a brand-new account's link spam (then the system flags or holds it, in the same unit of work).
/// </summary>
public sealed class ModerationGate(ModerationOptions options, TimeProvider time)
{
    public ModerationOptions Options => options;

    /// <summary>Null when the write may go ahead; otherwise the result to return. <paramref name="field"/> names the form field for a links problem.</summary>
    public async Task<WriteResult<T>?> CheckAsync<T>(CommunityDbContext db, Actor actor, GatedWrite write, string? text = null, string field = "Body", CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (SanctionRules.Check(await Suspensions.ActiveAsync(db, actor.UserId, now, cancellationToken)) is { Allowed: false } suspended)
            return WriteResult<T>.From(suspended);
        if (actor.IsModerator || write is GatedWrite.Vote or GatedWrite.Flag)
            return null;
        var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleOrDefaultAsync(cancellationToken);
        if (SpamRules.LinksProblem(reputation, SpamRules.CountLinks(text), options) is { } links)
            return WriteResult<T>.Invalid(new Dictionary<string, string> { [field] = links });
        if (write == GatedWrite.Post && SpamRules.IsNewMember(reputation, options))
        {
            var since = now.AddHours(-1);
            var recent = await db.Posts.CountAsync(p => p.AuthorId == actor.UserId && p.CreatedAt > since, cancellationToken);
            if (SpamRules.CanPostMore(reputation, recent, options) is { Allowed: false } tooMany)
                return WriteResult<T>.Fail(WriteFailure.RateLimited, tooMany.Reason!);
        }
        return null;
    }

    /// <summary>Screens a saved question or answer (new or edited); adds a system flag and, when called for, holds it. Saves.</summary>
    public async Task ScreenAsync(CommunityDbContext db, Post post, CancellationToken cancellationToken = default)
    {
        var text = post is Question question ? question.Title + "\n" + post.Body : post.Body;
        await ScreenAsync(db, post, await VerdictAsync(db, post.AuthorId, text, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// A new answer's gate and screening from one read of its author, before its write turn: <see cref="CheckAsync{T}"/>'s
    /// refusals for <see cref="GatedWrite.Post"/> (Refused not null: return it) and otherwise the screening's verdict on
    /// the text (the author's standing and the watch list: reads only), which
    /// <see cref="ScreenAsync(CommunityDbContext, Post, Screening, CancellationToken)"/> applies once the post is saved,
    /// so the writers' queue does not wait for these reads.
    /// </summary>
    public async Task<(WriteResult<T>? Refused, Screening Verdict)> CheckAndScreenPostAsync<T>(CommunityDbContext db, Actor actor, string text, CancellationToken cancellationToken = default)
    {
        var suspension = await Suspensions.ActiveAsync(db, actor.UserId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return await CheckAndScreenPostAsync<T>(db, actor, text, suspension, await AuthorAsync(db, actor.UserId, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// <see cref="CheckAndScreenPostAsync{T}(CommunityDbContext, Actor, string, CancellationToken)"/> with the author's
    /// suspension in force and standing already read (in a query of the caller's that reads other facts of the same
    /// member too): what is left to read is the new member's recent posts and the watch list.
    /// </summary>
    internal async Task<(WriteResult<T>? Refused, Screening Verdict)> CheckAndScreenPostAsync<T>(CommunityDbContext db, Actor actor, string text,
        MemberSanction? suspension, AuthorStanding author, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (SanctionRules.Check(suspension) is { Allowed: false } suspended)
            return (WriteResult<T>.From(suspended), default);
        if (!actor.IsModerator)
        {
            if (SpamRules.LinksProblem(author.Reputation, SpamRules.CountLinks(text), options) is { } links)
                return (WriteResult<T>.Invalid(new Dictionary<string, string> { ["Body"] = links }), default);
            if (SpamRules.IsNewMember(author.Reputation, options))
            {
                var since = now.AddHours(-1);
                var recent = await db.Posts.CountAsync(p => p.AuthorId == actor.UserId && p.CreatedAt > since, cancellationToken);
                if (SpamRules.CanPostMore(author.Reputation, recent, options) is { Allowed: false } tooMany)
                    return (WriteResult<T>.Fail(WriteFailure.RateLimited, tooMany.Reason!), default);
            }
        }
        return (null, await VerdictAsync(db, author, text, cancellationToken));
    }

    /// <summary>What screening decided about a text: null <see cref="Reason"/> when it is fine.</summary>
    public readonly record struct Screening(string? Reason, string? Term, bool Hold);

    /// <summary>Applies a verdict read before the write turn to the saved post: a system flag and, when called for, a hold. Saves.</summary>
    public async Task ScreenAsync(CommunityDbContext db, Post post, Screening verdict, CancellationToken cancellationToken = default)
    {
        var (reason, term, hold) = verdict;
        if (reason is null)
            return;
        if (await db.Set<Flag>().AnyAsync(f => f.PostId == post.Id && f.FlaggerId == null && f.Status == FlagStatus.Pending, cancellationToken))
        {
            if (hold) await HoldAsync(db, post, reason, term, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        db.Set<Flag>().Add(SystemFlag(post.Id, null, post.AuthorId, reason, term, hold));
        AuditLog.Record(db, Now, null, ModerationAuditActions.SystemFlag, AuditTarget.Post(post.Id, post.AuthorId), reason, term is null ? null : $"Watch-list term: {term}");
        if (hold) await HoldAsync(db, post, reason, term, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Screens a saved comment the same way. Saves.</summary>
    public async Task ScreenAsync(CommunityDbContext db, Comment comment, CancellationToken cancellationToken = default)
    {
        var (reason, term, hold) = await VerdictAsync(db, comment.AuthorId, comment.Body, cancellationToken);
        if (reason is null)
            return;
        db.Set<Flag>().Add(SystemFlag(null, comment.Id, comment.AuthorId, reason, term, hold));
        AuditLog.Record(db, Now, null, ModerationAuditActions.SystemFlag, AuditTarget.Comment(comment.Id, comment.AuthorId), reason, term is null ? null : $"Watch-list term: {term}");
        if (hold)
        {
            Holds.Hide(comment, term is null ? Holds.LinksReason : Holds.WatchListReason, Now);
            AuditLog.Record(db, Now, null, ModerationAuditActions.Held, AuditTarget.Comment(comment.Id, comment.AuthorId), reason, term is null ? null : $"Watch-list term: {term}");
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task HoldAsync(CommunityDbContext db, Post post, string reason, string? term, CancellationToken cancellationToken)
    {
        if (post.IsHidden)
            return;
        await Holds.HideAsync(db, post, term is null ? Holds.LinksReason : Holds.WatchListReason, Now, cancellationToken);
        AuditLog.Record(db, Now, null, ModerationAuditActions.Held, AuditTarget.Post(post.Id, post.AuthorId), reason, term is null ? null : $"Watch-list term: {term}");
    }

    /// <summary>What the screening reads of an author: reputation, age of the account, and whether they hold a staff role.</summary>
    internal sealed record AuthorStanding(int Reputation, DateTime CreatedAt, bool Moderates);

    // A new answer reads the same columns with its author's other facts (AnswerQuestion.AnswererFacts): keep them alike.
    private static Task<AuthorStanding> AuthorAsync(CommunityDbContext db, string authorId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == authorId)
            .Select(u => new AuthorStanding(u.Reputation, u.CreatedAt, db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Accounts.Roles.Member))))
            .SingleAsync(cancellationToken);

    /// <summary>Why the system flags this text (null: it does not), the matched term, and whether to hold it.</summary>
    private async Task<Screening> VerdictAsync(CommunityDbContext db, string authorId, string text, CancellationToken cancellationToken) =>
        await VerdictAsync(db, await AuthorAsync(db, authorId, cancellationToken), text, cancellationToken);

    private async Task<Screening> VerdictAsync(CommunityDbContext db, AuthorStanding author, string text, CancellationToken cancellationToken)
    {
        if (author.Moderates)
            return default;
        var terms = await db.Set<WatchTerm>().AsNoTracking().OrderBy(t => t.Action == WatchAction.HoldUntilReviewed ? 0 : 1).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        if (WatchListMatcher.FirstMatch(text, terms) is { } match)
            return new($"Matched the watch list ({(match.Action == WatchAction.HoldUntilReviewed ? "hold until reviewed" : "flag for review")}).", match.Phrase, match.Action == WatchAction.HoldUntilReviewed);
        var links = SpamRules.CountLinks(text);
        if (SpamRules.ShouldHoldForLinks(author.Reputation, author.CreatedAt, Now, links, options))
            return new($"A brand-new account posted {links} links.", null, true);
        return default;
    }

    private Flag SystemFlag(int? postId, int? commentId, string authorId, string reason, string? term, bool hold) => new()
    {
        PostId = postId,
        CommentId = commentId,
        TargetAuthorId = authorId,
        FlaggerId = null,
        Reason = term is null ? FlagReason.Spam : FlagReason.Other,
        Note = reason,
        Weight = hold ? options.HoldWeight : 0,
        CreatedAt = Now,
        Status = FlagStatus.Pending,
        MatchedTerm = term,
    };
}
