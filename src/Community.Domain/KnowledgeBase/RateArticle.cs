using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

/// <summary>"Was this helpful?": once per visitor and article. The unique index has the last word, so a double click or a second tab counts once.</summary>
public sealed class RateArticle(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public const string AlreadyRated = "You already told us whether this article helped. Thank you!";

    public async Task<WriteResult<bool>> ExecuteAsync(int articleId, string visitorKey, bool helpful, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(visitorKey) || visitorKey.Length > HelpfulVote.VisitorMaxLength)
            return WriteResult<bool>.Fail(WriteFailure.Invalid, "Your browser did not keep our cookie, so we cannot count your answer. Allow cookies for this site and try again.");
        return await contexts.RunAsync<WriteResult<bool>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (!await db.KnowledgeBaseArticles.AnyAsync(a => a.Id == articleId && a.Status == ArticleStatus.Published, cancellationToken))
                return WriteResult<bool>.Fail(WriteFailure.NotFound, "This article is no longer published.");
            if (await db.KnowledgeBaseHelpfulVotes.AnyAsync(v => v.ArticleId == articleId && v.VisitorKey == visitorKey, cancellationToken))
                return WriteResult<bool>.Fail(WriteFailure.Conflict, AlreadyRated);
            db.KnowledgeBaseHelpfulVotes.Add(new HelpfulVote { ArticleId = articleId, VisitorKey = visitorKey, Helpful = helpful, CreatedAt = time.GetUtcNow().UtcDateTime });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                return WriteResult<bool>.Fail(WriteFailure.Conflict, AlreadyRated);
            }
            var articles = db.KnowledgeBaseArticles.Where(a => a.Id == articleId);
            if (helpful)
                await articles.ExecuteUpdateAsync(set => set.SetProperty(a => a.HelpfulYes, a => a.HelpfulYes + 1), cancellationToken);
            else
                await articles.ExecuteUpdateAsync(set => set.SetProperty(a => a.HelpfulNo, a => a.HelpfulNo + 1), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<bool>.Done(helpful);
        }, cancellationToken);
    }

    public async Task<bool?> AnswerOfAsync(int articleId, string visitorKey, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.KnowledgeBaseHelpfulVotes.AsNoTracking().Where(v => v.ArticleId == articleId && v.VisitorKey == visitorKey)
            .Select(v => (bool?)v.Helpful).SingleOrDefaultAsync(cancellationToken);
    }
}
