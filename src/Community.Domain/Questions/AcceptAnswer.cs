using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

/// <summary>
/// The asker marks the answer that solved it (and may change or withdraw that); safe to repeat. The acceptance, its
/// ledger rows, the knowledge-base outbox entry and the answerer's notice are one write transaction; the badges it can
/// earn are checked after it, scoped to what it changed.
/// </summary>
public sealed class AcceptAnswer(IDbContextFactory<CommunityDbContext> contexts, ReputationLedger ledger, TimeProvider time, Badges.BadgeAwarder? badges = null, Notifications.Notifier? notifier = null)
{
    public async Task<WriteResult<int?>> AcceptAsync(Actor actor, int answerId, CancellationToken cancellationToken = default)
    {
        // In a group commit (docs/decisions/0008): the work reads everything again if it has to run again.
        return await OnceMoreIfTheRowChangedAsync(() => contexts.RunGroupCommittedAsync<WriteResult<int?>>(async db =>
        {
            var answer = await db.Answers.Include(a => a.Question).SingleOrDefaultAsync(a => a.Id == answerId, cancellationToken);
            if (answer?.Question is null || !PostRules.CanSee(actor, answer) || !PostRules.CanSee(actor, answer.Question))
                return WriteResult<int?>.Fail(WriteFailure.NotFound, "This answer no longer exists.");
            if (PostRules.CanAccept(actor, answer.Question, answer) is { Allowed: false } refused)
                return WriteResult<int?>.From(refused);
            if (answer.Question.AcceptedAnswerId == answer.Id)
                return WriteResult<int?>.Done(answer.Id);
            // The two members' facts (staff or not, the asker's name) in one read before the write turn (was three
            // queries inside it, where every acceptance waits for the one before).
            var askerId = actor.UserId;
            var members = await db.Users.AsNoTracking().Where(u => u.Id == askerId || u.Id == answer.AuthorId)
                .Select(u => new
                {
                    u.Id, u.DisplayName,
                    IsStaff = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
                        .Any(name => name == Accounts.Roles.Staff || name == Accounts.Roles.Admin),
                })
                .ToListAsync(cancellationToken);
            var askerRow = members.FirstOrDefault(m => m.Id == askerId);
            var asker = new ReputationParty(askerId, askerRow?.IsStaff ?? false);
            var answerer = new ReputationParty(answer.AuthorId, members.FirstOrDefault(m => m.Id == answer.AuthorId)?.IsStaff ?? false);

            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var source = ReputationRules.AcceptanceSource(answer.Question.Id);
            await ledger.ReverseAsync(db, source, ReputationReason.AcceptanceUndone, actor.UserId, cancellationToken);
            answer.Question.AcceptedAnswerId = answer.Id;
            answer.Question.LastActivityAt = time.GetUtcNow().UtcDateTime;
            KnowledgeBase.KnowledgeBaseOutbox.Record(db, answer.Question.Id, KnowledgeBase.ResolutionKind.Accepted, answer.Question.LastActivityAt);
            await db.SaveChangesAsync(cancellationToken);
            // Nothing is pending now: each ledger row and its member's total in one command.
            await ledger.AppendInOneCommandAsync(db, ReputationRules.ForAcceptance(ledger.Points, asker, answerer), source, answer.Id, actor.UserId, cancellationToken);
            var announcement = notifier is null ? null : await notifier.RecordAcceptanceAsync(db, answer, answer.Question, actor.UserId, cancellationToken, askerRow?.DisplayName);
            await transaction.CommitAsync(cancellationToken);
            // Only what the acceptance can have earned, decided from its facts (Scholar, Guru, the answerer's tag badges;
            // was a scoped check reading both members' facts in ~7 queries); awaited, so the answerer's profile shows the
            // badge once the acceptance returns.
            await Badges.BadgeCheck.AfterAcceptanceAsync(badges,
                new Badges.AcceptanceEvent(actor.UserId, answer.Question.Id, answer.AuthorId, answer.Id, answer.Score, !answer.IsDeleted && !answer.Question.IsDeleted),
                cancellationToken);
            notifier?.Announce(announcement);
            return WriteResult<int?>.Done(answer.Id);
        }, cancellationToken));
    }

    public async Task<WriteResult<int?>> WithdrawAsync(Actor actor, int questionId, CancellationToken cancellationToken = default)
    {
        return await OnceMoreIfTheRowChangedAsync(() => contexts.RunAsync<WriteResult<int?>>(async db =>
        {
            var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
            if (question is null || !PostRules.CanSee(actor, question))
                return WriteResult<int?>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            if (question.AuthorId != actor.UserId)
                return WriteResult<int?>.Fail(WriteFailure.Forbidden, "Only the person who asked can change the accepted answer.");
            if (question.AcceptedAnswerId is null)
                return WriteResult<int?>.Done(null);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            question.AcceptedAnswerId = null;
            KnowledgeBase.KnowledgeBaseOutbox.Record(db, question.Id, KnowledgeBase.ResolutionKind.Withdrawn, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            await ledger.ReverseAsync(db, ReputationRules.AcceptanceSource(question.Id), ReputationReason.AcceptanceUndone, actor.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int?>.Done(null);
        }, cancellationToken));
    }

    /// <summary>
    /// The question is read before its write, and an edit of it meanwhile changes its version: the transaction was
    /// rolled back, and accepting or withdrawing is safe to repeat, so the work reads the question again rather than
    /// failing the asker's click.
    /// </summary>
    private static async Task<T> OnceMoreIfTheRowChangedAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }
}
