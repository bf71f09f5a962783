using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

public sealed record CloseVoteCommand(int QuestionId, CloseVoteKind Kind, CloseReason? Reason = null, int? DuplicateOfId = null);

/// <summary>Where the voting on one question stands after a vote: how many live votes, how many are needed, and whether they decided.</summary>
public sealed record CloseVoteTally(CloseVoteKind Kind, int Votes, int Needed, bool Decided);

/// <summary>
/// Members with 3,000 reputation vote to close an open question or reopen a closed one; when enough live votes agree the
/// question changes state (moderators' votes are binding). Each member's vote counts once.
/// </summary>
public sealed class VoteToClose(IDbContextFactory<CommunityDbContext> contexts, PrivilegeOptions privileges, WriteRateLimits limits, TimeProvider time)
{
    public async Task<WriteResult<CloseVoteTally>> CastAsync(Actor actor, CloseVoteCommand command, CancellationToken cancellationToken = default)
    {
        if (command.Kind == CloseVoteKind.Close && command.Reason is null)
            return WriteResult<CloseVoteTally>.Invalid(new Dictionary<string, string> { ["Reason"] = "Choose why this question should be closed." });
        return await contexts.RunAsync<WriteResult<CloseVoteTally>>(async db =>
        {
            var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == command.QuestionId, cancellationToken);
            if (question is null || !PostRules.CanSee(actor, question))
                return WriteResult<CloseVoteTally>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            if (await Moderation.Suspensions.RefusalAsync<CloseVoteTally>(db, actor, time, cancellationToken) is { } suspended)
                return suspended;
            var now = time.GetUtcNow().UtcDateTime;
            var mine = await db.CloseVotes.AnyAsync(v => v.QuestionId == question.Id && v.VoterId == actor.UserId && v.Kind == command.Kind
                && v.SpentAt == null && v.CreatedAt > CloseVoteRules.OldestCounting(now, privileges.CloseVoteLifetimeDays), cancellationToken);
            if (mine)
                return WriteResult<CloseVoteTally>.Done(await TallyAsync(db, question.Id, command.Kind, actor, now, decided: false, cancellationToken));
            var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken);
            if (CloseVoteRules.CanVote(question, command.Kind, PrivilegeRules.Holds(privileges, Privilege.VoteToClose, reputation, actor.IsModerator)) is { Allowed: false } refused)
                return WriteResult<CloseVoteTally>.From(refused);
            if (command.Kind == CloseVoteKind.Close
                && await CloseQuestion.DuplicateProblemAsync(db, question.Id, command.Reason!.Value, command.DuplicateOfId, cancellationToken) is { } problem)
                return WriteResult<CloseVoteTally>.Invalid(new Dictionary<string, string> { ["DuplicateOf"] = problem });
            if (limits.TryAcquire(WriteKind.Vote, actor) is { Allowed: false } limited)
                return WriteResult<CloseVoteTally>.Fail(WriteFailure.RateLimited, limited.Reason!);

            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            // An aged vote of the same member is spent, so the new one can take its place under the one-live-vote index.
            await db.CloseVotes.Where(v => v.QuestionId == question.Id && v.VoterId == actor.UserId && v.Kind == command.Kind && v.SpentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(v => v.SpentAt, now), cancellationToken);
            db.CloseVotes.Add(new CloseVote
            {
                QuestionId = question.Id, VoterId = actor.UserId, Kind = command.Kind, CreatedAt = now,
                Reason = command.Kind == CloseVoteKind.Close ? command.Reason : null,
                DuplicateOfId = command.Kind == CloseVoteKind.Close && command.Reason == CloseReason.Duplicate ? command.DuplicateOfId : null,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // The same vote from a second click or tab landed first.
                await transaction.RollbackAsync(cancellationToken);
                await using var again = await contexts.CreateDbContextAsync(cancellationToken);
                return WriteResult<CloseVoteTally>.Done(await TallyAsync(again, question.Id, command.Kind, actor, now, decided: false, cancellationToken));
            }

            var live = await db.CloseVotes.Where(v => v.QuestionId == question.Id && v.Kind == command.Kind && v.SpentAt == null
                    && v.CreatedAt > CloseVoteRules.OldestCounting(now, privileges.CloseVoteLifetimeDays))
                .OrderBy(v => v.CreatedAt).ThenBy(v => v.Id)
                .Select(v => new { v.Reason, v.DuplicateOfId, VoterName = v.Voter!.DisplayName })
                .ToListAsync(cancellationToken);
            var needed = actor.IsModerator ? 1 : privileges.CloseVotesNeeded;
            var decided = false;
            if (command.Kind == CloseVoteKind.Close
                && CloseVoteRules.Decide(live.Select(v => (v.Reason!.Value, v.DuplicateOfId)).ToList(), needed) is { } outcome)
            {
                CloseQuestion.Close(question, outcome.Reason, outcome.DuplicateOfId, actor.IsModerator ? actor.UserId : null, now);
                decided = true;
            }
            else if (command.Kind == CloseVoteKind.Reopen && live.Count >= needed)
            {
                CloseQuestion.Reopen(question);
                decided = true;
            }
            if (decided)
            {
                await db.CloseVotes.Where(v => v.QuestionId == question.Id && v.SpentAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(v => v.SpentAt, now), cancellationToken);
                AuditLog.Record(db, now, actor.UserId, command.Kind == CloseVoteKind.Close ? AuditActions.QuestionClosedByVotes : AuditActions.QuestionReopenedByVotes,
                    AuditTarget.Post(question.Id, question.AuthorId),
                    question.CloseReason is { } reason ? CloseReasons.Describe(reason) : null,
                    "Votes: " + string.Join(", ", live.Select(v => v.VoterName)));
                await db.SaveChangesAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<CloseVoteTally>.Done(new CloseVoteTally(command.Kind, decided ? 0 : live.Count, needed, decided));
        }, cancellationToken);
    }

    /// <summary>A member takes back their live vote before it decided anything.</summary>
    public async Task<WriteResult<CloseVoteTally>> RetractAsync(Actor actor, int questionId, CloseVoteKind kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Questions.AnyAsync(q => q.Id == questionId, cancellationToken))
            return WriteResult<CloseVoteTally>.Fail(WriteFailure.NotFound, "This question no longer exists.");
        await db.CloseVotes.Where(v => v.QuestionId == questionId && v.VoterId == actor.UserId && v.Kind == kind && v.SpentAt == null)
            .ExecuteDeleteAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return WriteResult<CloseVoteTally>.Done(await TallyAsync(db, questionId, kind, actor, now, decided: false, cancellationToken));
    }

    private async Task<CloseVoteTally> TallyAsync(CommunityDbContext db, int questionId, CloseVoteKind kind, Actor actor, DateTime now, bool decided, CancellationToken cancellationToken)
    {
        var votes = await db.CloseVotes.CountAsync(v => v.QuestionId == questionId && v.Kind == kind && v.SpentAt == null
            && v.CreatedAt > CloseVoteRules.OldestCounting(now, privileges.CloseVoteLifetimeDays), cancellationToken);
        return new CloseVoteTally(kind, votes, actor.IsModerator ? 1 : privileges.CloseVotesNeeded, decided);
    }
}
