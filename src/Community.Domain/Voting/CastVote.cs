using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
        if (EngineOf() is { Sqlite: { } sqlite })
            return await OnSqliteAsync(sqlite, actor, postId, value, cancellationToken);
        return await contexts.RunGroupCommittedAsync<WriteResult<int>>(async db =>
        {
            // Everything the rules ask about, in one read outside the write turn (roles, reputation and suspensions
            // rarely change; the vote itself, the score and the ledger are read and written inside it).
            var facts = await FactsAsync(db, actor.UserId, postId, time.GetUtcNow().UtcDateTime, cancellationToken);
            if (facts is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            var post = facts.Post(postId);
            if (await RefusalAsync(actor, post, value, facts.VoterSuspended, facts.ThreadLocked, facts.VoterReputation,
                    () => gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Vote, cancellationToken: cancellationToken)) is { } refusal)
                return refusal;

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
                await AfterVoteAsync(actor, postId, value, facts, score, change, cancellationToken);
            return WriteResult<int>.Done(score);
        }, cancellationToken);
    }

    /// <summary>
    /// The rules of a vote, in their order, on both engines' facts: the post seen and votable by the voter, no suspension
    /// (<paramref name="suspensionRefusal"/> words it, asked only when the facts say there is one), the thread not locked,
    /// the privilege earned, the rate limit. Null when the vote may go ahead.
    /// </summary>
    private async Task<WriteResult<int>?> RefusalAsync(Actor actor, Post post, int value, bool voterSuspended, bool threadLocked, int voterReputation,
        Func<Task<WriteResult<int>?>> suspensionRefusal)
    {
        if (!PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (PostRules.CanVote(actor, post) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (voterSuspended && await suspensionRefusal() is { } gated)
            return gated;
        if (Moderation.ThreadLocks.Check(actor, threadLocked) is { Allowed: false } locked)
            return WriteResult<int>.From(locked);
        if (value != 0)
        {
            var privilege = value > 0 ? Privilege.VoteUp : Privilege.VoteDown;
            if (PrivilegeRules.Check(privileges, privilege, voterReputation, actor.IsModerator) is { Allowed: false } unearned)
                return WriteResult<int>.From(unearned);
        }
        if (limits.TryAcquire(WriteKind.Vote, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);
        return null;
    }

    /// <summary>
    /// On SQLite, a vote is data (docs/decisions/0011): the rules' facts in one prepared read on a pooled connection, no
    /// EF Core context; then the vote goes to the file's writer (<see cref="SqliteVoteWriter"/>), which applies it in a
    /// batch with the others waiting and returns after the batch's COMMIT. The rules, their order and their refusals are
    /// those of the PostgreSQL path below; the writer writes the same rows.
    /// </summary>
    private async Task<WriteResult<int>> OnSqliteAsync(SqliteVotes sqlite, Actor actor, int postId, int value, CancellationToken cancellationToken)
    {
        var facts = SqliteVoteFacts.Read(sqlite.ConnectionString, actor.UserId, postId, time.GetUtcNow().UtcDateTime);
        if (facts is null)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (await RefusalAsync(actor, facts.Post(postId), value, facts.VoterSuspended, facts.ThreadLocked, facts.VoterReputation, async () =>
            {
                // Rare: the gate words the refusal from the sanction's rows, through a context of its own.
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                return await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Vote, cancellationToken: cancellationToken);
            }) is { } refusal)
            return refusal;

        var applied = await SqliteVoteWriter.For(sqlite.DataSource).ApplyAsync(new PendingVote(sqlite.ConnectionString, postId, actor.UserId, value, facts.AuthorId,
            facts.IsAnswer, facts.VoterIsStaff, facts.AuthorIsStaff, ledger, time, facts.QuestionId,
            readsTagTotals: deferredBadges is not null && facts.IsAnswer && value > 0 && facts.QuestionLive && facts.DeletedAt is null), cancellationToken);
        if (!applied.Found)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (applied.Change != 0)
        {
            // After the commit, as the interceptor would have: the post's pages and the listings.
            if (sqlite.Changes is { } changes)
            {
                var change = new Changes.ContentChange { Listings = true };
                change.PostIds.Add(postId);
                await changes.ChangedAsync(change, cancellationToken);
            }
            await AfterVoteAsync(actor, postId, value, facts, applied.Score, applied.Change, cancellationToken, applied.Tags);
        }
        return WriteResult<int>.Done(applied.Score);
    }

    /// <summary>After a committed vote that moved the score: its badge checks and the live score event.</summary>
    private async Task AfterVoteAsync(Actor actor, int postId, int value, VoteFacts facts, int score, int change, CancellationToken cancellationToken,
        IReadOnlyList<Badges.TagFact>? tags = null)
    {
        // Votes are the most frequent write: their badge checks run after the request where the host allows.
        if (deferredBadges is not null)
            deferredBadges.AfterVote(new Badges.VoteEvent(actor.UserId, value, facts.AuthorId, postId, facts.QuestionId, facts.IsAnswer,
                facts.IsAccepted, facts.QuestionLive && facts.DeletedAt is null, score, change, tags));
        else
            await Badges.BadgeCheck.AfterAsync(badges, [actor.UserId, facts.AuthorId], cancellationToken);
        await Notifications.Notifier.AfterAsync(notifier, n =>
        {
            n.ScoreChanged(postId, facts.QuestionId);
            return Task.CompletedTask;
        });
    }

    /// <summary>The engine, learnt from the first context (a factory's options do not change): SQLite's file and change sink, or none.</summary>
    private Engine EngineOf()
    {
        if (engine is { } known)
            return known;
        using var db = contexts.CreateDbContext();
        SqliteVotes? sqlite = null;
        if (db.Database.IsSqlite())
        {
            var connectionString = db.Database.GetConnectionString()!;
            var sink = db.GetService<IDbContextOptions>()
                .FindExtension<CoreOptionsExtension>()?.Interceptors?
                .OfType<Changes.ContentChangeInterceptor>().FirstOrDefault()?.Sink;
            sqlite = new SqliteVotes(connectionString, new Microsoft.Data.Sqlite.SqliteConnection(connectionString).DataSource, sink);
        }
        return engine = new Engine(sqlite);
    }

    private Engine? engine;

    private sealed record Engine(SqliteVotes? Sqlite);

    private sealed record SqliteVotes(string ConnectionString, string DataSource, Changes.IContentChangeSink? Changes);

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
    internal sealed record VoteFacts(string AuthorId, int QuestionId, bool IsAnswer, DateTime? DeletedAt, DateTime? HiddenAt, bool ThreadLocked,
        bool QuestionLive, bool IsAccepted, int VoterReputation, bool VoterSuspended, bool VoterIsStaff, bool AuthorIsStaff)
    {
        /// <summary>The post as the rules see it (they read its author, kind, deletion and hold only).</summary>
        public Post Post(int id) => IsAnswer
            ? new Answer { Id = id, AuthorId = AuthorId, DeletedAt = DeletedAt, HiddenAt = HiddenAt }
            : new Question { Id = id, AuthorId = AuthorId, DeletedAt = DeletedAt, HiddenAt = HiddenAt };
    }
}
