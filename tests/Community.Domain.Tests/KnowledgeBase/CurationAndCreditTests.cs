using Community.Domain.Badges;
using Community.Domain.KnowledgeBase;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>Staff curation on real SQLite: who may, what each action does to the article, the credit and the audit log.</summary>
public sealed class CurationAndCreditTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static async Task<(KnowledgeBaseForum Kb, int Question, int Article, Actor Answerer)> DraftAsync(KnowledgeBaseOptions? options = null)
    {
        var kb = await KnowledgeBaseForum.CreateAsync(options);
        var (question, _, _, answerer) = await kb.ResolvedThreadAsync();
        await kb.RunFeedAsync();
        return (kb, question, (await kb.ArticleAsync(question)).Id, answerer);
    }

    private static async Task<long> CreditOfAsync(KnowledgeBaseForum kb, Actor member, int article)
    {
        await using var db = kb.Forum.Db();
        return await db.ReputationEntries.Where(e => e.UserId == member.UserId && e.SourceKey == KnowledgeBaseRules.CreditSource(article)).SumAsync(e => (long)e.Amount, Ct);
    }

    private static async Task<List<string>> AuditAsync(KnowledgeBaseForum kb, int article)
    {
        await using var db = kb.Forum.Db();
        return await db.AuditEntries.Where(e => e.TargetKind == "kb-article" && e.TargetId == article.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct);
    }

    [Fact]
    public async Task PublishingCreditsTheAnswererOnceAndTwiceChangesNothing()
    {
        var (kb, _, article, answerer) = await DraftAsync();
        await using var _ = kb;
        var before = await kb.Forum.ReputationOfAsync(answerer);

        Assert.True((await kb.Curate.PublishAsync(kb.Staff, article, Ct)).Succeeded);
        Assert.True((await kb.Curate.PublishAsync(kb.Staff, article, Ct)).Succeeded);

        Assert.Equal(10, await CreditOfAsync(kb, answerer, article));
        var after = await kb.Forum.ReputationOfAsync(answerer);
        Assert.Equal(before.Reputation + 10, after.Reputation);
        Assert.Equal(after.Points, after.LedgerSum);
        Assert.Equal([KnowledgeBaseAudit.Fed, KnowledgeBaseAudit.Published], await AuditAsync(kb, article));
    }

    [Fact]
    public async Task UnpublishingTakesTheCreditBackAndPublishingAgainGivesItOnceMore()
    {
        var (kb, _, article, answerer) = await DraftAsync();
        await using var _ = kb;
        await kb.Curate.PublishAsync(kb.Staff, article, Ct);

        Assert.True((await kb.Curate.UnpublishAsync(kb.Staff, article, Ct)).Succeeded);
        Assert.Equal(0, await CreditOfAsync(kb, answerer, article));

        await kb.Curate.PublishAsync(kb.Staff, article, Ct);
        Assert.Equal(10, await CreditOfAsync(kb, answerer, article));
        await using var db = kb.Forum.Db();
        Assert.Contains(await db.ReputationEntries.Where(e => e.UserId == answerer.UserId).Select(e => e.Reason).ToListAsync(Ct), r => r == ReputationReason.KnowledgeArticleWithdrawn);
    }

    [Fact]
    public async Task AMemberCannotCurateEvenWithAHandMadeRequest()
    {
        var (kb, _, article, answerer) = await DraftAsync();
        await using var _ = kb;
        var moderator = await kb.Forum.ModeratorAsync();

        var refused = await kb.Curate.PublishAsync(moderator, article, Ct);

        Assert.Equal((WriteFailure.Forbidden, "Only staff can review knowledge-base articles."), (refused.Failure, refused.Message));
        Assert.Equal(ArticleStatus.Draft, (await kb.ArticlesAsync()).Single().Status);
        Assert.Equal(0, await CreditOfAsync(kb, answerer, article));
    }

    [Fact]
    public async Task AdminsCurateToo()
    {
        var (kb, _, article, _) = await DraftAsync();
        await using var _ = kb;

        Assert.True((await kb.Curate.PublishAsync(kb.Admin, article, Ct)).Succeeded);
    }

    [Fact]
    public async Task StaffEditsKeepTheCreditsAndTheTitleSurvivesLaterChangesToTheThread()
    {
        var (kb, question, article, answerer) = await DraftAsync();
        await using var _ = kb;

        var edited = await kb.Curate.EditAsync(kb.Staff, new EditArticleCommand(article, 1, "Wi-Fi drops at 2am: move the update window", "Nightly **drop**.", "Move the window.<script>x()</script>"), Ct);

        Assert.True(edited.Succeeded, edited.Message);
        var view = (await kb.Queries.ArticleAsync(article, cancellationToken: Ct))!;
        Assert.Equal("Wi-Fi drops at 2am: move the update window", view.Title);
        Assert.Contains("<strong>drop</strong>", view.ProblemHtml);
        Assert.DoesNotContain("<script", view.SolutionHtml);
        Assert.Equal(answerer.UserId, Assert.Single(view.Credits).UserId);

        // The asker edits the question: the draft follows the thread, but keeps the title staff chose.
        var asker = new Actor((await kb.Forum.QuestionAsync(question)).AuthorId, false);
        await kb.Forum.Edit.ExecuteAsync(asker, new EditPostCommand(question, 1, TestForum.QuestionBody + " It is a Beacon Pro.", TestForum.QuestionTitle), Ct);
        await kb.RunFeedAsync();
        var followed = (await kb.Queries.ArticleAsync(article, cancellationToken: Ct))!;
        Assert.Equal(3, followed.Revision);
        Assert.Equal("Wi-Fi drops at 2am: move the update window", followed.Title);
        Assert.Contains("Beacon Pro", followed.ProblemHtml);
    }

    [Fact]
    public async Task AnEditWithAnInvalidTitleOrEmptyTextIsRefusedWithFieldMessages()
    {
        var (kb, _, article, _) = await DraftAsync();
        await using var _ = kb;

        var refused = await kb.Curate.EditAsync(kb.Staff, new EditArticleCommand(article, 1, "Short", "", "Fine text"), Ct);

        Assert.Equal(WriteFailure.Invalid, refused.Failure);
        Assert.Contains("Title", refused.FieldErrors.Keys);
        Assert.Equal("The problem cannot be empty.", refused.FieldErrors["Problem"]);
    }

    [Fact]
    public async Task AnEditFromAnOldRevisionIsRefusedNotLost()
    {
        var (kb, _, article, _) = await DraftAsync();
        await using var _ = kb;
        await kb.Curate.EditAsync(kb.Staff, new EditArticleCommand(article, 1, TestForum.QuestionTitle, "First edit.", "Solution."), Ct);

        var stale = await kb.Curate.EditAsync(kb.Staff, new EditArticleCommand(article, 1, TestForum.QuestionTitle, "Second edit.", "Solution."), Ct);

        Assert.Equal(WriteFailure.Conflict, stale.Failure);
    }

    [Fact]
    public async Task MergingUnpublishesTheSourceTakesItsCreditAndPointsAtTheTarget()
    {
        var (kb, _, source, answerer) = await DraftAsync();
        await using var _ = kb;
        var (other, _, _, _) = await kb.ResolvedThreadAsync(title: "Wi-Fi goes away at night on the router");
        await kb.RunFeedAsync();
        var target = (await kb.ArticleAsync(other)).Id;
        await kb.Curate.PublishAsync(kb.Staff, source, Ct);

        Assert.True((await kb.Curate.MergeAsync(kb.Staff, source, target, Ct)).Succeeded);

        Assert.Equal(0, await CreditOfAsync(kb, answerer, source));
        Assert.Equal(target, (await kb.Queries.ResolveMergeAsync(source, Ct))!.Id);
        Assert.Contains(KnowledgeBaseAudit.Merged, await AuditAsync(kb, source));
        Assert.False((await kb.Curate.MergeAsync(kb.Staff, target, target, Ct)).Succeeded);
    }

    [Fact]
    public async Task ApprovingAReplacedChangeIsRefused()
    {
        var (kb, question, article, answerer) = await DraftAsync();
        await using var _ = kb;
        await kb.Curate.PublishAsync(kb.Staff, article, Ct);
        var answer = (await kb.Forum.QuestionAsync(question)).AcceptedAnswerId!.Value;
        await kb.Forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 1, TestForum.AnswerBody + " One."), Ct);
        await kb.RunFeedAsync();
        await kb.Forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 2, TestForum.AnswerBody + " Two."), Ct);
        await kb.RunFeedAsync();

        Assert.False((await kb.Curate.ApproveAsync(kb.Staff, article, 2, Ct)).Succeeded);
        Assert.True((await kb.Curate.ApproveAsync(kb.Staff, article, 3, Ct)).Succeeded);
        Assert.Equal([RevisionState.Applied, RevisionState.Superseded, RevisionState.Applied],
            (await kb.Queries.RevisionsAsync(article, Ct)).OrderBy(r => r.Number).Select(r => r.State));
    }

    [Fact]
    public async Task APublishedArticleEarnsTheKnowledgeContributorBadge()
    {
        var (kb, _, article, answerer) = await DraftAsync();
        await using var _ = kb;
        var badges = new BadgeAwarder(kb.Forum.Database, kb.Forum.Time);
        Assert.DoesNotContain(await badges.CheckMemberAsync(answerer.UserId, Ct), e => e.Badge == BadgeCatalogue.KnowledgeContributor);

        await kb.Curate.PublishAsync(kb.Staff, article, Ct);

        Assert.Contains(await badges.SweepAsync(Ct), e => e.Badge == BadgeCatalogue.KnowledgeContributor && e.UserId == answerer.UserId);
        Assert.Equal(1, await kb.Queries.PublishedCreditsAsync(answerer.UserId, Ct));
    }

    [Fact]
    public async Task HelpfulIsCountedOncePerVisitorAndOnlyOnPublishedArticles()
    {
        var (kb, _, article, _) = await DraftAsync();
        await using var _ = kb;
        Assert.Equal(WriteFailure.NotFound, (await kb.Rate.ExecuteAsync(article, "visitor:a", true, Ct)).Failure);
        await kb.Curate.PublishAsync(kb.Staff, article, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => kb.Rate.ExecuteAsync(article, "visitor:a", true, Ct)));
        await kb.Rate.ExecuteAsync(article, "visitor:b", false, Ct);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RateArticle.AlreadyRated, r.Message));
        var view = (await kb.Queries.ArticleAsync(article, cancellationToken: Ct))!;
        Assert.Equal((1, 1), (view.HelpfulYes, view.HelpfulNo));
        Assert.True(await kb.Rate.AnswerOfAsync(article, "visitor:a", Ct));
    }
}
