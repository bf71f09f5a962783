using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Voting;

/// <summary>
/// Sets a member's vote on a post to up (+1), down (−1) or none (0). Setting, not toggling: sending the
/// same vote twice changes nothing. The score moves by the difference, in SQL, in the vote's transaction.
/// </summary>
public sealed class CastVote(IDbContextFactory<CommunityDbContext> contexts, WriteRateLimits limits, ReputationLedger ledger, PrivilegeOptions privileges, TimeProvider time, Badges.BadgeAwarder? badges = null, Moderation.ModerationGate? gate = null, Notifications.Notifier? notifier = null, Badges.DeferredBadgeChecks? deferredBadges = null)
{
    private readonly Moderation.ModerationGate gate = gate ?? new(new Moderation.ModerationOptions(), time);

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, int postId, int value, CancellationToken cancellationToken = default)
    {
        if (value is not (-1 or 0 or 1))
            return WriteResult<int>.Fail(WriteFailure.Invalid, "A vote is up, down or none.");
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null || !PostRules.CanSee(actor, post))
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            if (PostRules.CanVote(actor, post) is { Allowed: false } refused)
                return WriteResult<int>.From(refused);
            if (await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Vote, cancellationToken: cancellationToken) is { } gated)
                return gated;
            if (await Moderation.ThreadLocks.CheckAsync(db, actor, post, cancellationToken) is { Allowed: false } locked)
                return WriteResult<int>.From(locked);
            if (value != 0)
            {
                var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken);
                var privilege = value > 0 ? Privilege.VoteUp : Privilege.VoteDown;
                if (PrivilegeRules.Check(privileges, privilege, reputation, actor.IsModerator) is { Allowed: false } unearned)
                    return WriteResult<int>.From(unearned);
            }
            if (limits.TryAcquire(WriteKind.Vote, actor) is { Allowed: false } limited)
                return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

            // An immediate transaction: concurrent votes on one post queue up instead of reading a stale vote.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var vote = await db.Votes.SingleOrDefaultAsync(v => v.PostId == postId && v.VoterId == actor.UserId, cancellationToken);
            var previous = vote?.Value ?? 0;
            var change = VoteArithmetic.ScoreChange(previous, value);
            if (change != 0)
            {
                if (vote is null)
                    db.Votes.Add(new Vote { PostId = postId, VoterId = actor.UserId, Value = value, CreatedAt = time.GetUtcNow().UtcDateTime });
                else if (value == 0)
                    db.Votes.Remove(vote);
                else
                {
                    vote.Value = value;
                    vote.CreatedAt = time.GetUtcNow().UtcDateTime;
                }
                await db.SaveChangesAsync(cancellationToken);
                await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Score, p => p.Score + change), cancellationToken);

                var source = ReputationRules.VoteSource(postId, actor.UserId);
                if (previous != 0)
                    await ledger.ReverseAsync(db, source, ReputationReason.VoteUndone, actor.UserId, cancellationToken);
                if (value != 0)
                {
                    var voter = await ledger.PartyAsync(db, actor.UserId, cancellationToken);
                    var author = await ledger.PartyAsync(db, post.AuthorId, cancellationToken);
                    await ledger.AppendAsync(db, ReputationRules.ForVote(ledger.Points, post is Answer, value, voter, author), source, postId, actor.UserId, cancellationToken);
                }
            }
            var score = await db.Posts.Where(p => p.Id == postId).Select(p => p.Score).SingleAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            if (change != 0)
            {
                // Votes are the most frequent write: their badge checks run after the request where the host allows.
                if (deferredBadges is not null)
                    deferredBadges.AfterVote(actor.UserId, post.AuthorId, postId);
                else
                    await Badges.BadgeCheck.AfterAsync(badges, [actor.UserId, post.AuthorId], cancellationToken);
                await Notifications.Notifier.AfterAsync(notifier, n => n.ScoreChangedAsync(postId, cancellationToken));
            }
            return WriteResult<int>.Done(score);
        }, cancellationToken);
    }
}
