using Community.Domain.Persistence;
using Community.Domain.Search;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Demo;

/// <summary>
/// Search's demo: the FTS5 index fills itself (triggers), so this only adds what visitors would have left behind: a few
/// "did this solve your problem?" answers and two settled deflections, so staff see numbers on /staff/deflection and
/// on the question pages.
/// </summary>
internal static class DemoSearch
{
    public static async Task SeedAsync(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var answered = await db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null && q.AcceptedAnswerId != null)
            .OrderByDescending(q => q.Score).Select(q => q.Id).Take(3).ToListAsync(cancellationToken);
        var article = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Status == KnowledgeBase.ArticleStatus.Published)
            .Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        for (var n = 0; n < answered.Count; n++)
        {
            // Mostly solved, one "no" each on the second and third: the resolution signal staff read.
            db.ResolutionVotes.Add(new ResolutionVote { TargetKind = SearchHitKind.Question, TargetId = answered[n], VisitorId = $"visitor:demo{n}a", Solved = true, At = now.AddDays(-n - 1) });
            db.ResolutionVotes.Add(new ResolutionVote { TargetKind = SearchHitKind.Question, TargetId = answered[n], VisitorId = $"visitor:demo{n}b", Solved = n == 0, At = now.AddDays(-n - 1) });
        }
        // Two customers opened a suggestion while asking and left without asking (settled: more than the window ago).
        if (article is { } articleId)
            db.DeflectionEvents.Add(new DeflectionEvent { VisitorId = "visitor:demo-deflected-1", Step = DeflectionStep.Opened, TargetKind = SearchHitKind.Article, TargetId = articleId, At = now.AddDays(-2) });
        if (answered.Count > 0)
            db.DeflectionEvents.Add(new DeflectionEvent { VisitorId = "visitor:demo-deflected-2", Step = DeflectionStep.Opened, TargetKind = SearchHitKind.Question, TargetId = answered[0], At = now.AddDays(-1) });
        await db.SaveChangesAsync(cancellationToken);
    }
}
