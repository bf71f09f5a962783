using Community.Domain.KnowledgeBase;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Search;

public sealed record PublicPage(string Url, DateTime LastModified);

public sealed record FeedEntry(int Id, string Title, string Url, string BodyHtml, string AuthorName, DateTime Published, DateTime Updated, IReadOnlyList<string> Tags);

/// <summary>What search engines and feed readers may see: live questions and published articles, nothing else.</summary>
public sealed class PublicContent(IDbContextFactory<CommunityDbContext> contexts)
{
    public const int SitemapPageSize = 50_000;

    public async Task<(int Questions, int Articles)> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.Questions.CountAsync(q => q.DeletedAt == null && q.HiddenAt == null, cancellationToken),
            await db.KnowledgeBaseArticles.CountAsync(a => a.Status == ArticleStatus.Published, cancellationToken));
    }

    public async Task<IReadOnlyList<PublicPage>> QuestionPagesAsync(int page, int pageSize = SitemapPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null).OrderBy(q => q.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(q => new { q.Id, q.Title, q.LastActivityAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new PublicPage($"questions/{r.Id}/{Questions.Slug.From(r.Title)}", r.LastActivityAt)).ToList();
    }

    public async Task<IReadOnlyList<PublicPage>> ArticlePagesAsync(int page, int pageSize = SitemapPageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).OrderBy(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new { a.Id, a.Title, a.UpdatedAt }).ToListAsync(cancellationToken);
        return rows.Select(r => new PublicPage($"kb/{r.Id}/{Questions.Slug.From(r.Title)}", r.UpdatedAt)).ToList();
    }

    /// <summary>The newest live questions, optionally within a tag: the Atom feeds.</summary>
    public async Task<IReadOnlyList<FeedEntry>> NewQuestionsAsync(string? tag, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null);
        if (tag is not null)
            questions = questions.Where(q => q.Tags.Any(t => t.Name == tag));
        var rows = await questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id).Take(count)
            .Select(q => new { q.Id, q.Title, q.BodyHtml, Author = q.Author!.DisplayName, q.CreatedAt, q.EditedAt, Tags = q.Tags.Select(t => t.Name).ToList() })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new FeedEntry(r.Id, r.Title, $"questions/{r.Id}/{Questions.Slug.From(r.Title)}", r.BodyHtml, r.Author, r.CreatedAt, r.EditedAt ?? r.CreatedAt, r.Tags)).ToList();
    }

    public async Task<bool> TagExistsAsync(string tag, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tags.AnyAsync(t => t.Name == tag, cancellationToken);
    }
}
