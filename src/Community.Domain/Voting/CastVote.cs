using Community.Domain.Accounts;
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
        return await contexts.RunGroupCommittedAsync<WriteResult<int>>(async db =>
        {
            // Everything the rules ask about, in one read outside the write turn (roles, reputation and suspensions
            // rarely change; the vote itself, the score and the ledger are read and written inside it).
            var facts = await FactsAsync(db, actor.UserId, postId, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (facts is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            var post = facts.Post(postId);
            if (!PostRules.CanSee(actor, post))
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            if (PostRules.CanVote(actor, post) is { Allowed: false } refused)
                return WriteResult<int>.From(refused);
            // The gate asks a vote only about suspensions: it words the refusal when there is one.
            if (facts.VoterSuspended && await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Vote, cancellationToken: cancellationToken) is { } gated)
                return gated;
            if (Moderation.ThreadLocks.Check(actor, facts.ThreadLocked) is { Allowed: false } locked)
                return WriteResult<int>.From(locked);
            if (value != 0)
            {
                var privilege = value > 0 ? Privilege.VoteUp : Privilege.VoteDown;
                if (PrivilegeRules.Check(privileges, privilege, facts.VoterReputation, actor.IsModerator) is { Allowed: false } unearned)
                    return WriteResult<int>.From(unearned);
            }
            if (limits.TryAcquire(WriteKind.Vote, actor) is { Allowed: false } limited)
                return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

            // An immediate transaction (on SQLite a turn in a group commit): concurrent votes on one post queue up
            // instead of reading a stale vote.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            // In the turn, three commands (the floor's are one): what stands (the voter's vote, the author's daily-cap
            // counter), the vote with the score, then each ledger row with its member's total.
            var standing = await StandingAsync(db, postId, actor.UserId, facts.AuthorId, cancellationToken);
            if (standing is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            var previous = standing.VoteValue ?? 0;
            var change = VoteArithmetic.ScoreChange(previous, value);
            int score;
            if (change != 0)
            {
                var now = time.GetUtcNow().UtcDateTime;
                score = await WriteVoteAsync(db, postId, actor.UserId, standing.VoteId, value, change, now, cancellationToken);

                var source = ReputationRules.VoteSource(postId, actor.UserId);
                if (previous != 0)
                    await ledger.ReverseAsync(db, source, ReputationReason.VoteUndone, actor.UserId, cancellationToken);
                if (value != 0)
                {
                    var voter = new ReputationParty(actor.UserId, facts.VoterIsStaff);
                    var author = new ReputationParty(facts.AuthorId, facts.AuthorIsStaff);
                    await ledger.AppendVoteAsync(db, ReputationRules.ForVote(ledger.Points, post is Answer, value, voter, author), source, postId, actor.UserId,
                        new VoteGain(facts.AuthorId, standing.GainDay, standing.Gained ?? 0), cancellationToken);
                }
            }
            else
                score = standing.Score;
            await transaction.CommitAsync(cancellationToken);
            if (change != 0)
            {
                // Votes are the most frequent write: their badge checks run after the request where the host allows.
                if (deferredBadges is not null)
                    deferredBadges.AfterVote(new Badges.VoteEvent(actor.UserId, value, facts.AuthorId, postId, facts.QuestionId, facts.IsAnswer,
                        facts.IsAccepted, facts.QuestionLive && facts.DeletedAt is null, score, change));
                else
                    await Badges.BadgeCheck.AfterAsync(badges, [actor.UserId, facts.AuthorId], cancellationToken);
                await Notifications.Notifier.AfterAsync(notifier, n =>
                {
                    n.ScoreChanged(postId, facts.QuestionId);
                    return Task.CompletedTask;
                });
            }
            return WriteResult<int>.Done(score);
        }, cancellationToken);
    }

    /// <summary>
    /// The vote row and the score in one command; the score moves by the difference in SQL and the command returns it.
    /// Raw SQL, so the change tracker does not see the vote: the pages showing the post are named for eviction here (Changes/).
    /// </summary>
    private static async Task<int> WriteVoteAsync(CommunityDbContext db, int postId, string voterId, int? voteId, int value, int change, DateTime now,
        CancellationToken cancellationToken)
    {
        Changes.ContentChanges.Posts(db, postId);
        var parameters = new List<System.Data.Common.DbParameter> { RawParameters.Create(db, "post", postId), RawParameters.Create(db, "change", change) };
        string write;
        if (voteId is null)
        {
            write = """INSERT INTO "Votes" ("PostId", "VoterId", "Value", "CreatedAt") VALUES (@post, @voter, @value, @now);""";
            parameters.AddRange([RawParameters.Create(db, "voter", voterId), RawParameters.Create(db, "value", value), RawParameters.Create(db, "now", now)]);
        }
        else if (value == 0)
        {
            write = """DELETE FROM "Votes" WHERE "Id" = @vote;""";
            parameters.Add(RawParameters.Create(db, "vote", voteId.Value));
        }
        else
        {
            write = """UPDATE "Votes" SET "Value" = @value, "CreatedAt" = @now WHERE "Id" = @vote;""";
            parameters.AddRange([RawParameters.Create(db, "vote", voteId.Value), RawParameters.Create(db, "value", value), RawParameters.Create(db, "now", now)]);
        }
        var sql = write + """

            UPDATE "Posts" SET "Score" = "Score" + @change WHERE "Id" = @post RETURNING "Score" AS "Value"
            """;
        return (await db.Database.SqlQueryRaw<int>(sql, [.. parameters]).ToListAsync(cancellationToken)).Single();
    }

    /// <summary>Inside the turn: the voter's vote on the post, the author's daily-cap counter and the score, in one query.</summary>
    private static Task<Standing?> StandingAsync(CommunityDbContext db, int postId, string voterId, string authorId, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => new Standing(
            db.Votes.Where(v => v.PostId == postId && v.VoterId == voterId).Select(v => (int?)v.Id).FirstOrDefault(),
            db.Votes.Where(v => v.PostId == postId && v.VoterId == voterId).Select(v => (int?)v.Value).FirstOrDefault(),
            db.MemberVoteGains.Where(g => g.UserId == authorId).Select(g => (DateOnly?)g.Day).FirstOrDefault(),
            db.MemberVoteGains.Where(g => g.UserId == authorId).Select(g => (int?)g.Gained).FirstOrDefault(),
            p.Score))
        .Cast<Standing?>().SingleOrDefaultAsync(cancellationToken);

    private sealed record Standing(int? VoteId, int? VoteValue, DateOnly? GainDay, int? Gained, int Score);

    private static Task<VoteFacts?> FactsAsync(CommunityDbContext db, string voterId, int postId, DateTime now, CancellationToken cancellationToken) =>
        db.Posts.AsNoTracking().Where(p => p.Id == postId).Select(p => new VoteFacts(
            p.AuthorId,
            p is Answer ? ((Answer)p).QuestionId : p.Id,
            p is Answer,
            p.DeletedAt,
            p.HiddenAt,
            db.Questions.Any(q => q.Id == (p is Answer ? ((Answer)p).QuestionId : p.Id) && q.LockedAt != null),
            db.Questions.Any(q => q.Id == (p is Answer ? ((Answer)p).QuestionId : p.Id) && q.DeletedAt == null),
            p is Answer && db.Questions.Any(q => q.Id == ((Answer)p).QuestionId && q.AcceptedAnswerId == p.Id),
            db.Users.Where(u => u.Id == voterId).Select(u => u.Reputation).FirstOrDefault(),
            db.Set<Moderation.MemberSanction>().Any(s => s.MemberId == voterId && s.Kind == Moderation.SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now),
            db.UserRoles.Any(ur => ur.UserId == voterId && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Staff || r.Name == Roles.Admin))),
            db.UserRoles.Any(ur => ur.UserId == p.AuthorId && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Roles.Staff || r.Name == Roles.Admin)))))
        .Cast<VoteFacts?>().SingleOrDefaultAsync(cancellationToken);

    /// <summary>
    /// What the rules of a vote read: the post's author, thread and state, the thread's lock, the voter's standing; and for
    /// its badges (<see cref="Badges.VoteBadges"/>) whether the question is live and the answer accepted.
    /// </summary>
    private sealed record VoteFacts(string AuthorId, int QuestionId, bool IsAnswer, DateTime? DeletedAt, DateTime? HiddenAt, bool ThreadLocked,
        bool QuestionLive, bool IsAccepted, int VoterReputation, bool VoterSuspended, bool VoterIsStaff, bool AuthorIsStaff)
    {
        /// <summary>The post as the rules see it (they read its author, kind, deletion and hold only).</summary>
        public Post Post(int id) => IsAnswer
            ? new Answer { Id = id, AuthorId = AuthorId, DeletedAt = DeletedAt, HiddenAt = HiddenAt }
            : new Question { Id = id, AuthorId = AuthorId, DeletedAt = DeletedAt, HiddenAt = HiddenAt };
    }
}
