using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

/// <summary>Who is credited in published articles, for the Knowledge contributor badge: distinct articles per member.</summary>
public static class KnowledgeContributions
{
    /// <summary>(member, article) once each, for every published article's current revision; escalation summaries are staff work and do not count.</summary>
    public static IQueryable<Contribution> Published(CommunityDbContext db) =>
        (from credit in db.KnowledgeBaseCredits
         join revision in db.KnowledgeBaseRevisions on credit.RevisionId equals revision.Id
         join article in db.KnowledgeBaseArticles on revision.ArticleId equals article.Id
         where article.Status == ArticleStatus.Published && revision.Number == article.CurrentRevision && credit.Role != CreditRole.EscalationSummary
         select new Contribution { UserId = credit.UserId, ArticleId = article.Id }).Distinct();

    public static IQueryable<int> PublishedArticlesOf(CommunityDbContext db, string userId) =>
        Published(db).Where(c => c.UserId == userId).Select(c => c.ArticleId).Distinct();

    public sealed class Contribution
    {
        public string UserId { get; init; } = "";
        public int ArticleId { get; init; }
    }
}
