using Community.Domain.KnowledgeBase;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>The feed's upsert on real SQLite: however it is run, one thread makes exactly one article.</summary>
public sealed class KnowledgeBaseFeedTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task AcceptingWritesAnOutboxEntryWithTheAcceptance()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();

        var entry = Assert.Single(await kb.EntriesAsync(question));
        Assert.Equal(ResolutionKind.Accepted, entry.Kind);
        Assert.Null(entry.DoneAt);
    }

    [Fact]
    public async Task TheFeedMakesADraftWithTheProblemTheSolutionTheCreditAndTheTags()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, answer, _, answerer) = await kb.ResolvedThreadAsync();

        await kb.RunFeedAsync();

        var article = await kb.ArticleAsync(question);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(TestForum.QuestionTitle, article.Title);
        Assert.Equal("wifi", article.Tags);
        var revision = Assert.Single(article.Revisions);
        Assert.Equal(RevisionState.Applied, revision.State);
        Assert.Contains("2am", revision.ProblemHtml);
        Assert.Contains("firmware update window", revision.SolutionHtml);
        var credit = Assert.Single(revision.Credits);
        Assert.Equal((answerer.UserId, answer, CreditRole.AcceptedAnswer), (credit.UserId, credit.AnswerId!.Value, credit.Role));
        Assert.NotNull(Assert.Single(await kb.EntriesAsync(question)).DoneAt);
    }

    [Fact]
    public async Task RunningTheSameEntryTwiceLeavesOneArticleAndOneRevision()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var entry = Assert.Single(await kb.EntriesAsync(question)).Id;

        Assert.Equal(EntryOutcome.Done, await kb.Feed.ProcessAsync(entry, Ct));
        await kb.Feed.SyncArticleAsync(question, Ct);
        Assert.Equal(EntryOutcome.AlreadyDone, await kb.Feed.ProcessAsync(entry, Ct));

        var article = Assert.Single(await kb.ArticlesAsync());
        Assert.Single(article.Revisions);
    }

    [Fact]
    public async Task RunsInParallelLeaveOneArticle()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var entry = Assert.Single(await kb.EntriesAsync(question)).Id;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => i % 2 == 0
            ? kb.Feed.ProcessAsync(entry, Ct)
            : kb.Feed.SyncArticleAsync(question, Ct), Ct)));

        var article = Assert.Single(await kb.ArticlesAsync());
        Assert.Single(article.Revisions);
        Assert.NotNull(Assert.Single(await kb.EntriesAsync(question)).DoneAt);
    }

    [Fact]
    public async Task ACrashBetweenTheUpsertAndMarkingDoneIsFinishedByTheNextRunWithoutASecondArticle()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var entry = Assert.Single(await kb.EntriesAsync(question)).Id;

        // The process dies after the article was saved and before the entry was marked done.
        await kb.Feed.SyncArticleAsync(question, Ct);
        Assert.Null(Assert.Single(await kb.EntriesAsync(question)).DoneAt);
        kb.Forum.Time.Advance(kb.Options.SweepGrace);
        Assert.Contains(await kb.Feed.PendingAsync(cancellationToken: Ct), p => p.EntryId == entry);

        await kb.Feed.ProcessAsync(entry, Ct);

        var article = Assert.Single(await kb.ArticlesAsync());
        Assert.Single(article.Revisions);
        Assert.NotNull(Assert.Single(await kb.EntriesAsync(question)).DoneAt);
    }

    [Fact]
    public async Task AFailureIsRecordedOnTheEntryAndRethrownForTheRetry()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var entry = Assert.Single(await kb.EntriesAsync(question)).Id;
        await using (var db = kb.Forum.Db())
            await db.Database.ExecuteSqlRawAsync(kb.Forum.Database.IsPostgres
                ? """
                  CREATE FUNCTION fail_kb() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
                  CREATE TRIGGER fail_kb BEFORE INSERT ON "KbArticles" FOR EACH ROW EXECUTE FUNCTION fail_kb();
                  """
                : "CREATE TRIGGER fail_kb BEFORE INSERT ON KbArticles BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;", Ct);

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => kb.Feed.ProcessAsync(entry, Ct));

        var failed = Assert.Single(await kb.EntriesAsync(question));
        Assert.Null(failed.DoneAt);
        Assert.Equal(1, failed.Attempts);
        Assert.Contains("disk on fire", failed.LastError);
        Assert.Empty(await kb.ArticlesAsync());

        await using (var db = kb.Forum.Db())
            await db.Database.ExecuteSqlRawAsync(kb.Forum.Database.IsPostgres ? "DROP TRIGGER fail_kb ON \"KbArticles\"; DROP FUNCTION fail_kb();" : "DROP TRIGGER fail_kb;", Ct);
        await kb.Feed.ProcessAsync(entry, Ct);
        var done = Assert.Single(await kb.EntriesAsync(question));
        Assert.NotNull(done.DoneAt);
        Assert.Null(done.LastError);
        Assert.Single(await kb.ArticlesAsync());
    }

    [Fact]
    public async Task TheSweepListsEntriesNotDoneAfterTheGracePeriodAndNotThoseGivenUpOn()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (first, _, _, _) = await kb.ResolvedThreadAsync();
        var (second, _, _, _) = await kb.ResolvedThreadAsync(title: "Mobile app forgets my login");
        Assert.Empty(await kb.Feed.PendingAsync(cancellationToken: Ct));

        kb.Forum.Time.Advance(kb.Options.SweepGrace);
        await using (var db = kb.Forum.Db())
            await db.KnowledgeBaseOutbox.Where(e => e.QuestionId == second).ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, kb.Options.MaxAttempts), Ct);

        var pending = await kb.Feed.PendingAsync(cancellationToken: Ct);
        Assert.Equal([first], pending.Select(p => p.QuestionId));
    }

    [Fact]
    public async Task EditingTheAcceptedAnswerOfADraftUpdatesTheDraftWithANewRevision()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, answer, _, answerer) = await kb.ResolvedThreadAsync();
        await kb.RunFeedAsync();

        var edited = await kb.Forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 1, TestForum.AnswerBody + " Then restart the router."), Ct);
        Assert.True(edited.Succeeded, edited.Message);
        Assert.Equal(ResolutionKind.Edited, (await kb.EntriesAsync(question)).Last().Kind);
        await kb.RunFeedAsync();

        var article = await kb.ArticleAsync(question);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(2, article.CurrentRevision);
        Assert.Null(article.PendingRevision);
        Assert.Contains("restart the router", article.Revisions.Single(r => r.Number == 2).SolutionHtml);
    }

    [Fact]
    public async Task EditingThePublishedArticlesAnswerProposesARevisionAndMarksItUnderReviewUntilApproved()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, answer, _, answerer) = await kb.ResolvedThreadAsync();
        await kb.RunFeedAsync();
        var id = (await kb.ArticleAsync(question)).Id;
        Assert.True((await kb.Curate.PublishAsync(kb.Staff, id, Ct)).Succeeded);

        await kb.Forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 1, TestForum.AnswerBody + " Then restart the router."), Ct);
        await kb.RunFeedAsync();

        var underReview = await kb.ArticleAsync(question);
        Assert.Equal((ArticleStatus.Published, 1, 2), (underReview.Status, underReview.CurrentRevision, underReview.PendingRevision!.Value));
        Assert.DoesNotContain("restart the router", (await kb.Queries.ArticleAsync(id, cancellationToken: Ct))!.SolutionHtml);
        Assert.True((await kb.Queries.ArticleAsync(id, cancellationToken: Ct))!.UnderReview);

        Assert.True((await kb.Curate.ApproveAsync(kb.Staff, id, 2, Ct)).Succeeded);

        var approved = (await kb.Queries.ArticleAsync(id, cancellationToken: Ct))!;
        Assert.False(approved.UnderReview);
        Assert.Contains("restart the router", approved.SolutionHtml);
        Assert.Equal(2, (await kb.Queries.RevisionsAsync(id, Ct)).Count);
    }

    [Fact]
    public async Task WithdrawingTheAcceptanceUnpublishesTheArticleWithoutDeletingIt()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, asker, _) = await kb.ResolvedThreadAsync();
        await kb.RunFeedAsync();
        var id = (await kb.ArticleAsync(question)).Id;
        await kb.Curate.PublishAsync(kb.Staff, id, Ct);

        Assert.True((await kb.Forum.Accept.WithdrawAsync(asker, question, Ct)).Succeeded);
        await kb.RunFeedAsync();

        var article = await kb.ArticleAsync(question);
        Assert.Equal((ArticleStatus.Unpublished, UnpublishCause.ResolutionWithdrawn), (article.Status, article.UnpublishCause));
        Assert.Single(article.Revisions);
    }

    [Fact]
    public async Task DeletingTheThreadUnpublishesAndAResolvedThreadAgainComesBackAsADraft()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        await kb.RunFeedAsync();
        var id = (await kb.ArticleAsync(question)).Id;
        await kb.Curate.PublishAsync(kb.Staff, id, Ct);
        var moderator = await kb.Forum.ModeratorAsync();

        Assert.True((await kb.Forum.Delete.DeleteAsync(moderator, question, Ct)).Succeeded);
        await kb.RunFeedAsync();
        Assert.Equal((ArticleStatus.Unpublished, UnpublishCause.ThreadDeleted), ((await kb.ArticleAsync(question)).Status, (await kb.ArticleAsync(question)).UnpublishCause));

        Assert.True((await kb.Forum.Delete.UndeleteAsync(moderator, question, Ct)).Succeeded);
        await kb.RunFeedAsync();
        Assert.Equal(ArticleStatus.Draft, (await kb.ArticleAsync(question)).Status);
        Assert.Single(await kb.ArticlesAsync());
    }

    [Fact]
    public async Task AnOfficialAnswerIsCreditedWithTheStaffDisclosureAndCanAutoPublish()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync(new KnowledgeBaseOptions { AutoPublishOfficial = true });
        var asker = await kb.Forum.MemberAsync();
        var question = await kb.Forum.AskAsync(asker);
        var answer = await kb.Forum.AnswerAsync(kb.Staff, question);

        Assert.True((await kb.Official.MarkAsync(kb.Staff, answer, Ct)).Succeeded);
        await kb.RunFeedAsync();

        var article = await kb.ArticleAsync(question);
        Assert.Equal(ArticleStatus.Published, article.Status);
        var credit = Assert.Single(Assert.Single(article.Revisions).Credits);
        Assert.Equal(CreditRole.OfficialAnswer, credit.Role);
        Assert.Equal("Sam Ortega, Support engineer, the company", credit.StaffDisclosure!.Describe());
    }

    [Fact]
    public async Task WithoutTheSettingAnOfficialAnswerMakesADraft()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var question = await kb.Forum.AskAsync(await kb.Forum.MemberAsync());
        var answer = await kb.Forum.AnswerAsync(kb.Staff, question);
        await kb.Official.MarkAsync(kb.Staff, answer, Ct);
        await kb.RunFeedAsync();

        Assert.Equal(ArticleStatus.Draft, (await kb.ArticleAsync(question)).Status);
    }

    [Fact]
    public async Task AnEscalationSummaryRecordedThroughTheOutboxBecomesTheSolution()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var question = await kb.Forum.AskAsync(await kb.Forum.MemberAsync());
        await using (var db = kb.Forum.Db())
        {
            KnowledgeBaseOutbox.Record(db, question, ResolutionKind.EscalationResolved, kb.Forum.Time.GetUtcNow().UtcDateTime,
                "Fixed in firmware **4.3**: update from the app.", kb.Staff.UserId);
            await db.SaveChangesAsync(Ct);
        }
        await kb.RunFeedAsync();

        var revision = Assert.Single((await kb.ArticleAsync(question)).Revisions);
        Assert.Contains("<strong>4.3</strong>", revision.SolutionHtml);
        Assert.Equal(CreditRole.EscalationSummary, Assert.Single(revision.Credits).Role);
    }

    [Fact]
    public async Task AnEditToAnUnresolvedThreadWritesNoEntry()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var asker = await kb.Forum.MemberAsync();
        var question = await kb.Forum.AskAsync(asker);

        await kb.Forum.Edit.ExecuteAsync(asker, new EditPostCommand(question, 1, TestForum.QuestionBody + " Still happening.", TestForum.QuestionTitle), Ct);

        Assert.Empty(await kb.EntriesAsync(question));
    }
}
