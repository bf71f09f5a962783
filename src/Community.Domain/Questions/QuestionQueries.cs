using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

/// <summary>Read-only lists of questions for the home page, tags and profiles.</summary>
public sealed class QuestionQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public const int PageSize = 30;

    public Task<IReadOnlyList<QuestionSummary>> RecentAsync(int count = PageSize, CancellationToken cancellationToken = default) =>
        ListAsync(q => true, count, 0, cancellationToken);

    public Task<IReadOnlyList<QuestionSummary>> TaggedAsync(string tag, int page, CancellationToken cancellationToken = default) =>
        ListAsync(q => q.Tags.Any(t => t.Name == tag), PageSize, Math.Max(0, page - 1) * PageSize, cancellationToken);

    public Task<IReadOnlyList<QuestionSummary>> ByAuthorAsync(string authorId, int count, CancellationToken cancellationToken = default) =>
        ListAsync(q => q.AuthorId == authorId, count, 0, cancellationToken);

    public async Task<QuestionThread?> ThreadAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.AsNoTracking()
            .Where(q => q.Id == id && q.DeletedAt == null)
            .Select(q => new
            {
                q.Id, q.Title, q.BodyHtml, q.Score, q.ViewCount, q.CreatedAt, q.EditedAt, q.LastActivityAt, q.AcceptedAnswerId,
                Author = new PostAuthor(q.AuthorId, q.Author!.DisplayName, q.Author.Reputation),
                Tags = q.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
            return null;
        var answers = await db.Answers.AsNoTracking()
            .Where(a => a.QuestionId == id && a.DeletedAt == null)
            .Select(a => new AnswerView(a.Id, a.BodyHtml, a.Score, a.CreatedAt, a.EditedAt,
                new PostAuthor(a.AuthorId, a.Author!.DisplayName, a.Author.Reputation), a.Id == question.AcceptedAnswerId))
            .ToListAsync(cancellationToken);
        return new QuestionThread(question.Id, question.Title, question.BodyHtml, question.Score, question.ViewCount,
            question.CreatedAt, question.EditedAt, question.LastActivityAt, question.Author, question.Tags, question.AcceptedAnswerId,
            answers.OrderByDescending(a => a.IsAccepted).ThenByDescending(a => a.Score).ThenBy(a => a.AnsweredAt).ToList());
    }

    public async Task<int> CountAsync(string? tag = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.CountAsync(q => q.DeletedAt == null && (tag == null || q.Tags.Any(t => t.Name == tag)), cancellationToken);
    }

    public Task<IReadOnlyList<QuestionSummary>> PageAsync(int page, CancellationToken cancellationToken = default) =>
        ListAsync(q => true, PageSize, Math.Max(0, page - 1) * PageSize, cancellationToken);

    public async Task<IReadOnlyList<QuestionSummary>> SearchTitlesAsync(string text, int count, CancellationToken cancellationToken = default)
    {
        // A plain title match until full-text search arrives; EF parameterizes the pattern.
        var pattern = "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
        return await ListAsync(q => EF.Functions.Like(q.Title, pattern, "\\") || EF.Functions.Like(q.Body, pattern, "\\"), count, 0, cancellationToken);
    }

    private async Task<IReadOnlyList<QuestionSummary>> ListAsync(
        System.Linq.Expressions.Expression<Func<Question, bool>> filter, int count, int skip, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.AsNoTracking()
            .Where(q => q.DeletedAt == null)
            .Where(filter)
            .OrderByDescending(q => q.LastActivityAt)
            .Skip(skip)
            .Take(count)
            .Select(q => new QuestionSummary(
                q.Id, q.Title, q.Score, q.AnswerCount, q.AcceptedAnswerId != null, q.ViewCount,
                q.CreatedAt, q.LastActivityAt, q.AuthorId, q.Author!.DisplayName,
                q.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList()))
            .ToListAsync(cancellationToken);
    }
}
