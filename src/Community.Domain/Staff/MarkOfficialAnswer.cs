using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Staff;

/// <summary>A current staff member marks any answer (theirs or a member's) as the company's official answer, or withdraws the mark.</summary>
public sealed class MarkOfficialAnswer(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<int?>> MarkAsync(Actor actor, int answerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (StaffRules.CanMarkOfficial(await IsCurrentStaffAsync(db, actor.UserId, cancellationToken)) is { Allowed: false } refused)
            return WriteResult<int?>.From(refused);
        var answer = await db.Answers.Include(a => a.Question).SingleOrDefaultAsync(a => a.Id == answerId && a.DeletedAt == null, cancellationToken);
        if (answer?.Question is null || answer.Question.IsDeleted)
            return WriteResult<int?>.Fail(WriteFailure.NotFound, "This answer no longer exists.");
        answer.Question.OfficialAnswerId = answer.Id;
        answer.Question.OfficialMarkedById = actor.UserId;
        answer.Question.LastActivityAt = time.GetUtcNow().UtcDateTime;
        KnowledgeBase.KnowledgeBaseOutbox.Record(db, answer.Question.Id, KnowledgeBase.ResolutionKind.Official, answer.Question.LastActivityAt);
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<int?>.Done(answer.Id);
    }

    public async Task<WriteResult<int?>> WithdrawAsync(Actor actor, int questionId, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int?>>(async db =>
        {
            if (StaffRules.CanMarkOfficial(await IsCurrentStaffAsync(db, actor.UserId, cancellationToken)) is { Allowed: false } refused)
                return WriteResult<int?>.From(refused);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var updated = await db.Questions.Where(q => q.Id == questionId)
                .ExecuteUpdateAsync(set => set.SetProperty(q => q.OfficialAnswerId, (int?)null).SetProperty(q => q.OfficialMarkedById, (string?)null), cancellationToken);
            if (updated == 0)
                return WriteResult<int?>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            KnowledgeBase.KnowledgeBaseOutbox.Record(db, questionId, KnowledgeBase.ResolutionKind.Withdrawn, time.GetUtcNow().UtcDateTime);
            Changes.ContentChanges.Posts(db, questionId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int?>.Done(null);
        }, cancellationToken);
    }

    /// <summary>Staff by role and with a current disclosure: an official answer needs a named person behind it.</summary>
    private static async Task<bool> IsCurrentStaffAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.StaffProfiles.AnyAsync(p => p.UserId == userId && p.EndedAt == null, cancellationToken)
        && await db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).AnyAsync(n => n == Roles.Staff, cancellationToken);
}
