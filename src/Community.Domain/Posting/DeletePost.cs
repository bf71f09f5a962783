using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

/// <summary>Soft delete and undelete: the post stays in the database, hidden from everyone but its author and moderators.</summary>
public sealed class DeletePost(IDbContextFactory<CommunityDbContext> contexts, ReputationLedger ledger, TimeProvider time)
{
    public Task<WriteResult<bool>> DeleteAsync(Actor actor, int postId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, postId, delete: true, cancellationToken);

    public Task<WriteResult<bool>> UndeleteAsync(Actor actor, int postId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, postId, delete: false, cancellationToken);

    private async Task<WriteResult<bool>> ChangeAsync(Actor actor, int postId, bool delete, CancellationToken cancellationToken)
    {
        return await contexts.RunAsync<WriteResult<bool>>(async db =>
        {
            // Begun before the checks, so that the same delete sent twice at once is checked once the first has counted.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
            if (post is null || !PostRules.CanSee(actor, post))
                return WriteResult<bool>.Fail(WriteFailure.NotFound, "This post no longer exists.");
            var isAccepted = post is Answer a && await db.Questions.AnyAsync(q => q.Id == a.QuestionId && q.AcceptedAnswerId == a.Id, cancellationToken);
            var decision = delete ? PostRules.CanDelete(actor, post, isAccepted) : PostRules.CanUndelete(actor, post);
            if (!decision.Allowed)
                return WriteResult<bool>.From(decision);

            await KnowledgeBase.KnowledgeBaseOutbox.RecordIfFeedsAsync(db, post, KnowledgeBase.ResolutionKind.Deleted, time.GetUtcNow().UtcDateTime, cancellationToken);
            post.DeletedAt = delete ? time.GetUtcNow().UtcDateTime : null;
            post.DeletedById = delete ? actor.UserId : null;
            if (post is Answer answer)
            {
                var change = delete ? -1 : 1;
                // A held answer already left the count when it was hidden.
                if (!answer.IsHidden)
                    await db.Questions.Where(q => q.Id == answer.QuestionId)
                        .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnswerCount, q => q.AnswerCount + change), cancellationToken);
                if (delete && isAccepted)
                {
                    await db.Questions.Where(q => q.Id == answer.QuestionId)
                        .ExecuteUpdateAsync(set => set.SetProperty(q => q.AcceptedAnswerId, (int?)null), cancellationToken);
                    await ledger.ReverseAsync(db, Reputation.ReputationRules.AcceptanceSource(answer.QuestionId), Reputation.ReputationReason.PostDeleted, actor.UserId, cancellationToken);
                }
            }
            await db.SaveChangesAsync(cancellationToken);
            // A deleted post's votes earn nothing; undeleting gives them back.
            if (delete)
                await ledger.ReversePostAsync(db, post.Id, actor.UserId, cancellationToken);
            else
                await ledger.RestorePostAsync(db, post.Id, actor.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<bool>.Done(delete);
        }, cancellationToken);
    }
}
