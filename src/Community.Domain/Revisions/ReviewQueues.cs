using Community.Domain.Persistence;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Revisions;

public sealed record SuggestedEditView(int Id, int PostId, int QuestionId, string QuestionTitle, bool IsQuestion, string PostAuthorId,
    string SuggesterId, string SuggesterName, string Summary, DateTime CreatedAt,
    string? TitleBefore, string? TitleAfter, string? TagsBefore, string? TagsAfter, IReadOnlyList<DiffLine> BodyDiff)
{
    public string QuestionUrl => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}";
}

public sealed record CloseVoteQueueItem(int QuestionId, string Title, CloseVoteKind Kind, int Votes, CloseReason? LeadingReason, DateTime FirstVoteAt)
{
    public string Url => $"questions/{QuestionId}/{Slug.From(Title)}";
}

/// <summary>Where the community's votes on one question stand, and the viewer's own live votes.</summary>
public sealed record CloseVoteState(int CloseVotes, int ReopenVotes, int Needed, bool VotedClose, bool VotedReopen);

/// <summary>The community review queues: suggested edits waiting for review, and questions with live close or reopen votes.</summary>
public sealed class ReviewQueues(IDbContextFactory<CommunityDbContext> contexts, PrivilegeOptions privileges, TimeProvider time)
{
    public async Task<IReadOnlyList<SuggestedEditView>> PendingSuggestionsAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.SuggestedEdits.AsNoTracking()
            .Where(s => s.State == SuggestedEditState.Pending && s.Post!.DeletedAt == null)
            .OrderBy(s => s.CreatedAt).Take(take)
            .Select(s => new
            {
                s.Id, s.PostId, s.SuggesterId, SuggesterName = s.Suggester!.DisplayName, s.Summary, s.CreatedAt, s.Title, s.Tags, s.Body,
                PostBody = s.Post!.Body, PostAuthorId = s.Post.AuthorId,
                QuestionId = s.Post is Answer ? ((Answer)s.Post).QuestionId : s.PostId,
            })
            .ToListAsync(cancellationToken);
        var questionIds = rows.Select(r => r.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Title, Tags = q.Tags.Select(t => t.Name).ToList() })
            .ToDictionaryAsync(q => q.Id, cancellationToken);
        return rows.Select(r =>
        {
            var question = questions[r.QuestionId];
            var isQuestion = r.QuestionId == r.PostId;
            return new SuggestedEditView(r.Id, r.PostId, question.Id, question.Title, isQuestion, r.PostAuthorId, r.SuggesterId, r.SuggesterName,
                r.Summary, r.CreatedAt,
                isQuestion ? question.Title : null, r.Title,
                isQuestion ? string.Join(' ', question.Tags.Order()) : null, r.Tags,
                RevisionDiff.Lines(r.PostBody, r.Body));
        }).ToList();
    }

    public async Task<IReadOnlyList<CloseVoteQueueItem>> CloseVotesAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        var oldest = CloseVoteRules.OldestCounting(time.GetUtcNow().UtcDateTime, privileges.CloseVoteLifetimeDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var groups = await db.CloseVotes.AsNoTracking()
            .Where(v => v.SpentAt == null && v.CreatedAt > oldest && v.Question!.DeletedAt == null)
            .GroupBy(v => new { v.QuestionId, v.Question!.Title, v.Kind })
            .Select(g => new { g.Key.QuestionId, g.Key.Title, g.Key.Kind, Votes = g.Count(), First = g.Min(v => v.CreatedAt) })
            .OrderByDescending(g => g.Votes).ThenBy(g => g.First).Take(take)
            .ToListAsync(cancellationToken);
        var ids = groups.Select(g => g.QuestionId).ToList();
        var reasons = await db.CloseVotes.AsNoTracking()
            .Where(v => ids.Contains(v.QuestionId) && v.Kind == CloseVoteKind.Close && v.SpentAt == null && v.CreatedAt > oldest)
            .OrderBy(v => v.CreatedAt).Select(v => new { v.QuestionId, v.Reason, v.DuplicateOfId }).ToListAsync(cancellationToken);
        return groups.Select(g => new CloseVoteQueueItem(g.QuestionId, g.Title, g.Kind, g.Votes,
            g.Kind == CloseVoteKind.Close
                ? CloseVoteRules.Decide(reasons.Where(r => r.QuestionId == g.QuestionId).Select(r => (r.Reason!.Value, r.DuplicateOfId)).ToList(), 1)?.Reason
                : null,
            g.First)).ToList();
    }

    public async Task<CloseVoteState> ForQuestionAsync(int questionId, string? viewerId, CancellationToken cancellationToken = default)
    {
        var oldest = CloseVoteRules.OldestCounting(time.GetUtcNow().UtcDateTime, privileges.CloseVoteLifetimeDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var live = await db.CloseVotes.AsNoTracking()
            .Where(v => v.QuestionId == questionId && v.SpentAt == null && v.CreatedAt > oldest)
            .Select(v => new { v.Kind, v.VoterId }).ToListAsync(cancellationToken);
        return new CloseVoteState(
            live.Count(v => v.Kind == CloseVoteKind.Close), live.Count(v => v.Kind == CloseVoteKind.Reopen), privileges.CloseVotesNeeded,
            live.Any(v => v.Kind == CloseVoteKind.Close && v.VoterId == viewerId), live.Any(v => v.Kind == CloseVoteKind.Reopen && v.VoterId == viewerId));
    }

    /// <summary>How much waits in each queue, for the review page's tabs and the header.</summary>
    public async Task<(int SuggestedEdits, int CloseVotes)> CountsAsync(CancellationToken cancellationToken = default)
    {
        var oldest = CloseVoteRules.OldestCounting(time.GetUtcNow().UtcDateTime, privileges.CloseVoteLifetimeDays);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var edits = await db.SuggestedEdits.CountAsync(s => s.State == SuggestedEditState.Pending && s.Post!.DeletedAt == null, cancellationToken);
        var questions = await db.CloseVotes.Where(v => v.SpentAt == null && v.CreatedAt > oldest && v.Question!.DeletedAt == null)
            .Select(v => v.QuestionId).Distinct().CountAsync(cancellationToken);
        return (edits, questions);
    }
}
