using Community.Domain.Persistence;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

/// <summary>
/// The reputation an article gives the members whose answers it is made of: the bonus once per article while it is
/// published (one ledger source per article, so publishing again after an unpublish gives it back, never twice), and
/// taken back when it is unpublished or merged away. Escalation summaries are staff work, not a member's answer: no bonus.
/// </summary>
internal static class KnowledgeCredit
{
    public static async Task<IReadOnlyList<string>> GrantAsync(CommunityDbContext db, ReputationLedger ledger, KnowledgeBaseOptions options, int articleId, int revisionNumber, string? actorId, CancellationToken cancellationToken)
    {
        if (options.ContributorBonus <= 0)
            return [];
        var credits = await db.KnowledgeBaseCredits
            .Where(c => c.Role != CreditRole.EscalationSummary
                && db.KnowledgeBaseRevisions.Any(r => r.Id == c.RevisionId && r.ArticleId == articleId && r.Number == revisionNumber))
            .Select(c => new { c.UserId, c.AnswerId }).ToListAsync(cancellationToken);
        var source = KnowledgeBaseRules.CreditSource(articleId);
        var granted = new List<string>();
        foreach (var credit in credits.DistinctBy(c => c.UserId))
        {
            var net = await db.ReputationEntries.Where(e => e.SourceKey == source && e.UserId == credit.UserId).SumAsync(e => e.Amount, cancellationToken);
            if (net != 0)
                continue;
            await ledger.AppendAsync(db, [new ReputationChange(credit.UserId, options.ContributorBonus, ReputationReason.KnowledgeArticle)], source, credit.AnswerId, actorId, cancellationToken);
            granted.Add(credit.UserId);
        }
        return granted;
    }

    public static Task ReverseAsync(CommunityDbContext db, ReputationLedger ledger, int articleId, string? actorId, CancellationToken cancellationToken) =>
        ledger.ReverseAsync(db, KnowledgeBaseRules.CreditSource(articleId), ReputationReason.KnowledgeArticleWithdrawn, actorId, cancellationToken);
}
