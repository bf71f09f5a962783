using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

public sealed record ArticleSummary(int Id, string Title, IReadOnlyList<string> Tags, int HelpfulYes, int HelpfulNo, DateTime? PublishedAt, bool UnderReview, ArticleStatus Status = ArticleStatus.Published)
{
    public string Url => $"kb/{Id}/{Questions.Slug.From(Title)}";
}

public sealed record CreditView(string UserId, string DisplayName, CreditRole Role, int? AnswerId, Staff.StaffDisclosure? Staff);

/// <summary>An article as a reader (or, with <see cref="Revision"/> other than the current one, a reviewer) sees it.</summary>
public sealed record ArticleView(
    int Id, ArticleStatus Status, UnpublishCause Cause, int? MergedIntoId, string Title, string ProblemHtml, string SolutionHtml,
    IReadOnlyList<string> Tags, IReadOnlyList<CreditView> Credits, int SourceQuestionId, string SourceTitle, bool SourceDeleted,
    bool UnderReview, int HelpfulYes, int HelpfulNo, DateTime CreatedAt, DateTime UpdatedAt, DateTime? PublishedAt, int Revision,
    int CurrentRevision, int? PendingRevision, string ProblemMarkdown, string SolutionMarkdown)
{
    public string Slug => Questions.Slug.From(Title);
    public string Url => $"kb/{Id}/{Slug}";
    public string SourceUrl => $"questions/{SourceQuestionId}/{Questions.Slug.From(SourceTitle)}";
}

public sealed record ReviewLists(IReadOnlyList<ArticleSummary> Drafts, IReadOnlyList<ArticleSummary> UnderReview, IReadOnlyList<ArticleSummary> Published, IReadOnlyList<ArticleSummary> Unpublished);

public sealed record TagCount(string Tag, int Articles);

public sealed record RevisionSummary(int Number, RevisionState State, string? EditorId, DateTime CreatedAt, string Title);

public enum ArticleOrder
{
    Helpful,
    Recent,
}

/// <summary>Reads for /kb, an article page, the question page's link and /kb/review.</summary>
public sealed class ArticleQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public const int PageSize = 30;

    public async Task<IReadOnlyList<ArticleSummary>> PublishedAsync(string? tag, ArticleOrder order, int page = 1, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published);
        if (!string.IsNullOrWhiteSpace(tag))
        {
            var padded = " " + tag.Trim().ToLowerInvariant() + " ";
            query = query.Where(a => (" " + a.Tags + " ").Contains(padded));
        }
        query = order == ArticleOrder.Recent
            ? query.OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id)
            : query.OrderByDescending(a => a.HelpfulYes - a.HelpfulNo).ThenByDescending(a => a.HelpfulYes).ThenByDescending(a => a.PublishedAt);
        var rows = await query.Skip((Math.Max(1, page) - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return rows.Select(Summary).ToList();
    }

    public async Task<IReadOnlyList<TagCount>> TagsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tags = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Status == ArticleStatus.Published).Select(a => a.Tags).ToListAsync(cancellationToken);
        return tags.SelectMany(SplitTags).GroupBy(t => t).Select(g => new TagCount(g.Key, g.Count()))
            .OrderByDescending(t => t.Articles).ThenBy(t => t.Tag, StringComparer.Ordinal).ToList();
    }

    /// <summary>The article with the revision readers see, or the given one (a reviewer looking at a proposed change).</summary>
    public async Task<ArticleView?> ArticleAsync(int id, int? revision = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var article = await db.KnowledgeBaseArticles.AsNoTracking().Include(a => a.SourceQuestion).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (article is null)
            return null;
        var number = revision ?? article.CurrentRevision;
        var shown = await db.KnowledgeBaseRevisions.AsNoTracking().Include(r => r.Credits)
            .SingleOrDefaultAsync(r => r.ArticleId == id && r.Number == number, cancellationToken);
        if (shown is null)
            return null;
        return new ArticleView(article.Id, article.Status, article.UnpublishCause, article.MergedIntoId, shown.Title, shown.ProblemHtml, shown.SolutionHtml,
            SplitTags(shown.Tags), shown.Credits.OrderBy(c => c.Id).Select(c => new CreditView(c.UserId, c.DisplayName, c.Role, c.AnswerId, c.StaffDisclosure)).ToList(),
            article.SourceQuestionId, article.SourceQuestion?.Title ?? "", article.SourceQuestion?.IsDeleted ?? true,
            article.IsUnderReview, article.HelpfulYes, article.HelpfulNo, article.CreatedAt, article.UpdatedAt, article.PublishedAt, shown.Number,
            article.CurrentRevision, article.PendingRevision, shown.ProblemMarkdown, shown.SolutionMarkdown);
    }

    /// <summary>Where a merged article's readers go: the end of the chain (at most a few hops), or null if it leads nowhere.</summary>
    public async Task<ArticleSummary?> ResolveMergeAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        for (var hop = 0; hop < 5; hop++)
        {
            var article = await db.KnowledgeBaseArticles.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
            if (article is null)
                return null;
            if (article.Status != ArticleStatus.Merged || article.MergedIntoId is null)
                return Summary(article);
            id = article.MergedIntoId.Value;
        }
        return null;
    }

    /// <summary>The published article made from a question, for the link on the thread.</summary>
    public async Task<ArticleSummary?> ForQuestionAsync(int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var article = await db.KnowledgeBaseArticles.AsNoTracking()
            .SingleOrDefaultAsync(a => a.SourceQuestionId == questionId && a.Status == ArticleStatus.Published, cancellationToken);
        return article is null ? null : Summary(article);
    }

    public async Task<ReviewLists> ReviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var all = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Status != ArticleStatus.Merged)
            .OrderByDescending(a => a.UpdatedAt).Take(500).ToListAsync(cancellationToken);
        return new ReviewLists(
            all.Where(a => a.Status == ArticleStatus.Draft).Select(Summary).ToList(),
            all.Where(a => a.Status == ArticleStatus.Published && a.PendingRevision is not null).Select(Summary).ToList(),
            all.Where(a => a.Status == ArticleStatus.Published && a.PendingRevision is null).Select(Summary).ToList(),
            all.Where(a => a.Status == ArticleStatus.Unpublished).Select(Summary).ToList());
    }

    public async Task<IReadOnlyList<RevisionSummary>> RevisionsAsync(int articleId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.KnowledgeBaseRevisions.AsNoTracking().Where(r => r.ArticleId == articleId).OrderByDescending(r => r.Number)
            .Select(r => new RevisionSummary(r.Number, r.State, r.EditorId, r.CreatedAt, r.Title)).ToListAsync(cancellationToken);
    }

    /// <summary>How many published articles credit the member: the Knowledge contributor badge's measure.</summary>
    public async Task<int> PublishedCreditsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await KnowledgeContributions.PublishedArticlesOf(db, userId).CountAsync(cancellationToken);
    }

    private static ArticleSummary Summary(Article a) =>
        new(a.Id, a.Title, SplitTags(a.Tags), a.HelpfulYes, a.HelpfulNo, a.PublishedAt, a.PendingRevision is not null, a.Status);

    private static IReadOnlyList<string> SplitTags(string tags) => tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
