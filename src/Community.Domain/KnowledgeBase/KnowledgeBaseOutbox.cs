using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

/// <summary>
/// Writes "bring this thread's article up to date" in the caller's transaction: call it before the caller's
/// SaveChanges, next to the change that resolves (or un-resolves, edits, deletes) the thread. Once the transaction
/// commits, the entry is handed to the feed job at once (<see cref="OutboxDispatchInterceptor"/>); the sweep catches
/// anything that hand-over loses.
/// </summary>
public static class KnowledgeBaseOutbox
{
    /// <param name="summary">Escalations resolved with a public summary: its Markdown, which becomes the article's solution.</param>
    /// <param name="summaryAuthorId">The staff member who wrote the summary, credited with it.</param>
    public static KnowledgeBaseOutboxEntry Record(CommunityDbContext db, int questionId, ResolutionKind kind, DateTime at, string? summary = null, string? summaryAuthorId = null)
    {
        var entry = new KnowledgeBaseOutboxEntry
        {
            QuestionId = questionId, Kind = kind, CreatedAt = at,
            Summary = string.IsNullOrWhiteSpace(summary) ? null : summary, SummaryAuthorId = summaryAuthorId,
        };
        db.KnowledgeBaseOutbox.Add(entry);
        return entry;
    }

    /// <summary>
    /// For a change to a post (an edit, a delete, an undelete): records an entry when the post is something an article
    /// is made of (a resolved question, or the accepted or official answer), or its question already has an article.
    /// Call it before the change is applied, while the post still says whether it is accepted.
    /// </summary>
    public static async Task<KnowledgeBaseOutboxEntry?> RecordIfFeedsAsync(CommunityDbContext db, Post post, ResolutionKind kind, DateTime at, CancellationToken cancellationToken)
    {
        var questionId = post switch { Question q => q.Id, Answer a => a.QuestionId, _ => 0 };
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
            .Select(q => new { q.AcceptedAnswerId, q.OfficialAnswerId }).SingleOrDefaultAsync(cancellationToken);
        if (question is null)
            return null;
        var feeds = post is Question
            ? question.AcceptedAnswerId is not null || question.OfficialAnswerId is not null
            : question.AcceptedAnswerId == post.Id || question.OfficialAnswerId == post.Id;
        if (!feeds && !await db.KnowledgeBaseArticles.AnyAsync(a => a.SourceQuestionId == questionId, cancellationToken))
            return null;
        return Record(db, questionId, kind, at);
    }
}
