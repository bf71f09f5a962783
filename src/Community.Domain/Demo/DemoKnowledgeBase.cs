using Community.Domain.Accounts;
using Community.Domain.KnowledgeBase;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Demo;

/// <summary>
/// The demo's knowledge base, made the way a live forum makes it: outbox entries for resolved threads, the feed, then
/// the staff account publishing. Published articles (one from the staff official answer, with its disclosure), one
/// draft waiting at /kb/review, one published article whose accepted answer was edited since (under review), and
/// helpful votes. Runs once, right after the demo threads are committed.
/// </summary>
public static class DemoKnowledgeBase
{
    private const int Articles = 8;

    public static async Task SeedAsync(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, TimeProvider time, ReputationOptions points, CancellationToken cancellationToken)
    {
        var options = new KnowledgeBaseOptions();
        var ledger = new ReputationLedger(points, time);
        var company = new Staff.CompanyOptions(DemoContent.CompanyName);
        var feed = new KnowledgeBaseFeed(contexts, ledger, markdown, options, time, company: company);
        var curate = new CurateArticle(contexts, ledger, markdown, options, time);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staffEmail = DemoContent.Accounts.Single(a => a.Role == Roles.Staff).Email;
        var staff = new Actor(await db.Users.Where(u => u.Email == staffEmail).Select(u => u.Id).SingleAsync(cancellationToken), true);
        // The thread with the official staff answer first, then the accepted ones with the best-voted answers.
        var threads = await db.Questions.AsNoTracking().Where(q => q.AcceptedAnswerId != null || q.OfficialAnswerId != null)
            .OrderByDescending(q => q.OfficialAnswerId != null).ThenByDescending(q => q.Score).ThenBy(q => q.Id)
            .Select(q => q.Id).Take(Articles).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var entries = threads.Select(id => KnowledgeBaseOutbox.Record(db, id, ResolutionKind.Accepted, now)).ToList();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in entries)
            await feed.ProcessAsync(entry.Id, cancellationToken);

        var articles = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => threads.Contains(a.SourceQuestionId))
            .ToDictionaryAsync(a => a.SourceQuestionId, a => a.Id, cancellationToken);
        // All but the last are published; the last stays a draft for staff to review.
        foreach (var question in threads.SkipLast(1))
            await curate.PublishAsync(staff, articles[question], cancellationToken);

        await EditAfterPublishingAsync(db, feed, markdown, threads[1], now, cancellationToken);
        await VoteAsync(db, articles, threads.SkipLast(1).ToList(), now, cancellationToken);
    }

    /// <summary>The answerer adds a note after the article went out: the feed proposes a revision, the article shows "under review".</summary>
    private static async Task EditAfterPublishingAsync(CommunityDbContext db, KnowledgeBaseFeed feed, MarkdownRenderer markdown, int questionId, DateTime now, CancellationToken cancellationToken)
    {
        var question = await db.Questions.SingleAsync(q => q.Id == questionId, cancellationToken);
        var answer = await db.Answers.SingleAsync(a => a.Id == (question.AcceptedAnswerId ?? question.OfficialAnswerId), cancellationToken);
        answer.Body += "\n\n**Edit:** on firmware 4.3 and later the same setting is under *Advanced → Network*.";
        var rendered = markdown.Render(answer.Body);
        answer.BodyHtml = rendered.Html;
        answer.EditedAt = now;
        answer.Version++;
        var number = await db.PostRevisions.Where(r => r.PostId == answer.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.PostRevisions.Add(new Revisions.PostRevision
        {
            PostId = answer.Id, Number = number + 1, EditorId = answer.AuthorId, CreatedAt = now, Body = answer.Body, Summary = "Where the setting moved in firmware 4.3",
        });
        var entry = KnowledgeBaseOutbox.Record(db, questionId, ResolutionKind.Edited, now);
        await db.SaveChangesAsync(cancellationToken);
        await feed.ProcessAsync(entry.Id, cancellationToken);
    }

    private static async Task VoteAsync(CommunityDbContext db, Dictionary<int, int> articles, IReadOnlyList<int> published, DateTime now, CancellationToken cancellationToken)
    {
        for (var i = 0; i < published.Count; i++)
        {
            var articleId = articles[published[i]];
            var yes = 14 - i * 2;
            var no = i % 3;
            for (var v = 0; v < yes + no; v++)
                db.KnowledgeBaseHelpfulVotes.Add(new HelpfulVote { ArticleId = articleId, VisitorKey = $"visitor:demo-{i}-{v}", Helpful = v < yes, CreatedAt = now.AddHours(-v) });
            await db.KnowledgeBaseArticles.Where(a => a.Id == articleId)
                .ExecuteUpdateAsync(set => set.SetProperty(a => a.HelpfulYes, yes).SetProperty(a => a.HelpfulNo, no), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
