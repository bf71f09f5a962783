using Community.Domain.KnowledgeBase;
using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Demo;

/// <summary>The demo's knowledge base, made by the real feed and curation: what a newcomer signing in finds.</summary>
public sealed class DemoKnowledgeBaseTests
{
    [Fact]
    public async Task TheDemoHasPublishedArticlesOneFromAStaffAnswerADraftOneUnderReviewAndHelpfulVotes()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await new DemoDataSeeder(database, new MarkdownRenderer(), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero))).SeedAsync("hash", ct);

        await using var db = database.CreateDbContext();
        var articles = await db.KnowledgeBaseArticles.AsNoTracking().ToListAsync(ct);
        Assert.True(articles.Count(a => a.Status == ArticleStatus.Published) >= 5);
        Assert.Single(articles, a => a.Status == ArticleStatus.Draft);
        Assert.Single(articles, a => a.Status == ArticleStatus.Published && a.PendingRevision is not null);
        Assert.All(articles.Where(a => a.Status == ArticleStatus.Published), a => Assert.True(a.HelpfulYes > 0));
        Assert.Contains(await db.KnowledgeBaseCredits.Where(c => c.StaffDisclosure != null).Select(c => c.StaffDisclosure!.Company).ToListAsync(ct), c => c == DemoContent.CompanyName);
        Assert.Equal(0, await db.KnowledgeBaseOutbox.CountAsync(e => e.DoneAt == null, ct));
        Assert.True(await db.BadgeAwards.AnyAsync(a => a.BadgeId == Community.Domain.Badges.BadgeCatalogue.KnowledgeContributor.Id, ct));
        Assert.Equal(await db.KnowledgeBaseHelpfulVotes.CountAsync(v => v.Helpful, ct), articles.Sum(a => a.HelpfulYes));
    }
}
