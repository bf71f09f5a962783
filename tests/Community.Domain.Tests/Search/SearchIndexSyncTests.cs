using Community.Domain.KnowledgeBase;
using Community.Domain.Posting;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Search;

/// <summary>The triggers of the search index (FTS5 on SQLite, a tsvector table on PostgreSQL) keep it in step with every write.</summary>
public sealed class SearchIndexSyncTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static async Task<IReadOnlyList<SearchHit>> FindAsync(TestForum forum, string text) =>
        (await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse(text)), Ct)).Hits;

    [Fact]
    public async Task A_question_is_found_by_its_title_body_tags_and_answers()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker, "Beacon blinks amber after the update", "The status light blinks amber since firmware 4.2 went in.", "firmware");
        await forum.AnswerAsync(await forum.MemberAsync(), id, "Hold the pinhole reset for ten seconds, then re-pair it.");

        foreach (var words in new[] { "beacon", "status light", "firmware", "pinhole", "[firmware] amber" })
            Assert.Equal([id], (await FindAsync(forum, words)).Select(h => h.Id));
    }

    [Fact]
    public async Task Edits_replace_the_old_words()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker, "Printer offline on the guest network", "It shows offline every morning, what should I check?", "wifi");
        var answerId = await forum.AnswerAsync(await forum.MemberAsync(), id, "Give the printer a fixed address in the router settings.");

        var edited = await forum.Edit.ExecuteAsync(asker, new EditPostCommand(id, 1, "It shows disconnected every morning, what should I check?",
            "Scanner disconnected on the guest network", ["router"]), Ct);
        Assert.True(edited.Succeeded, edited.Message);
        var answerEdited = await forum.Edit.ExecuteAsync(await AuthorOf(forum, answerId), new EditPostCommand(answerId, 1, "Reserve a static lease for the scanner in DHCP."), Ct);
        Assert.True(answerEdited.Succeeded, answerEdited.Message);

        Assert.Empty(await FindAsync(forum, "printer"));
        Assert.Empty(await FindAsync(forum, "offline"));
        Assert.Empty(await FindAsync(forum, "[wifi]"));
        Assert.Equal([id], (await FindAsync(forum, "scanner")).Select(h => h.Id));
        Assert.Equal([id], (await FindAsync(forum, "static lease")).Select(h => h.Id));
        Assert.Equal([id], (await FindAsync(forum, "[router]")).Select(h => h.Id));
    }

    [Fact]
    public async Task Deleted_questions_and_answers_leave_the_index_and_come_back_when_undeleted()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker, "Thermostat schedule resets itself", "Every Sunday my heating schedule is gone.", "setup");
        var answerer = await forum.MemberAsync();
        var answerId = await forum.AnswerAsync(answerer, id, "Turn off the vacation mode override in the app.");

        Assert.True((await forum.Delete.DeleteAsync(answerer, answerId, Ct)).Succeeded);
        Assert.Empty(await FindAsync(forum, "vacation"));
        Assert.Single(await FindAsync(forum, "thermostat"));

        Assert.True((await forum.Delete.DeleteAsync(asker, id, Ct)).Succeeded);
        Assert.Empty(await FindAsync(forum, "thermostat"));

        var moderator = await forum.ModeratorAsync();
        Assert.True((await forum.Delete.UndeleteAsync(moderator, id, Ct)).Succeeded);
        Assert.True((await forum.Delete.UndeleteAsync(moderator, answerId, Ct)).Succeeded);
        Assert.Equal([id], (await FindAsync(forum, "thermostat vacation")).Select(h => h.Id));
    }

    [Fact]
    public async Task Posts_held_by_moderation_are_absent_from_search_sitemap_and_feeds_until_released()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync(), "Spammy gizmo giveaway thread here", "Click the link for a free gizmo, limited offer today.", "setup");
        var answerId = await forum.AnswerAsync(await forum.MemberAsync(), await forum.AskAsync(await forum.MemberAsync()), "Buy cheap gizmo followers at my shop today.");
        var content = new PublicContent(forum.Database);

        await SetHiddenAsync(forum, id, forum.Time.GetUtcNow().UtcDateTime);
        await SetHiddenAsync(forum, answerId, forum.Time.GetUtcNow().UtcDateTime);
        Assert.Empty(await FindAsync(forum, "gizmo"));
        Assert.DoesNotContain(await content.QuestionPagesAsync(1, cancellationToken: Ct), p => p.Url.StartsWith($"questions/{id}/"));
        Assert.DoesNotContain(await content.NewQuestionsAsync(null, 50, Ct), e => e.Id == id);
        Assert.DoesNotContain(await content.NewQuestionsAsync("setup", 50, Ct), e => e.Id == id);

        await SetHiddenAsync(forum, id, null);
        await SetHiddenAsync(forum, answerId, null);
        Assert.Equal(2, (await FindAsync(forum, "gizmo")).Count);
        Assert.Contains(await content.QuestionPagesAsync(1, cancellationToken: Ct), p => p.Url.StartsWith($"questions/{id}/"));
        Assert.Contains(await content.NewQuestionsAsync("setup", 50, Ct), e => e.Id == id);
    }

    private static async Task SetHiddenAsync(TestForum forum, int postId, DateTime? at)
    {
        await using var db = forum.Db();
        var post = await db.Posts.FindAsync([postId], Ct);
        post!.HiddenAt = at;
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Only_published_articles_are_found()
    {
        await using var forum = await TestForum.CreateAsync();
        var source = await forum.AskAsync(await forum.MemberAsync(), "Doorbell chime is silent at night", "The chime stays silent for every ring after 10pm.", "setup");
        var articleId = await AddArticleAsync(forum, source, "Doorbell chime silent at night", "Quiet hours are on.", "Turn quiet hours off under Chime settings.", ArticleStatus.Draft);

        Assert.DoesNotContain(await FindAsync(forum, "quiet hours"), h => h.Kind == SearchHitKind.Article);

        await SetStatusAsync(forum, articleId, ArticleStatus.Published);
        var hit = Assert.Single(await FindAsync(forum, "quiet hours in:kb"));
        Assert.Equal((SearchHitKind.Article, articleId), (hit.Kind, hit.Id));
        Assert.Contains("<mark>", hit.SnippetHtml);

        await SetStatusAsync(forum, articleId, ArticleStatus.Unpublished);
        Assert.Empty(await FindAsync(forum, "quiet hours in:kb"));
    }

    private static async Task<Actor> AuthorOf(TestForum forum, int postId) => new((await forum.PostAsync(postId)).AuthorId, false);

    internal static async Task<int> AddArticleAsync(TestForum forum, int sourceQuestionId, string title, string problem, string solution, ArticleStatus status, string tags = "setup")
    {
        await using var db = forum.Db();
        var now = forum.Time.GetUtcNow().UtcDateTime;
        var article = new Article
        {
            SourceQuestionId = sourceQuestionId, Status = status, Title = title, Tags = tags, CurrentRevision = 1, CreatedAt = now, UpdatedAt = now,
            PublishedAt = status == ArticleStatus.Published ? now : null,
            Revisions = [new ArticleRevision { Number = 1, Title = title, ProblemMarkdown = problem, ProblemHtml = problem, SolutionMarkdown = solution, SolutionHtml = solution, Tags = tags, CreatedAt = now }],
        };
        db.KnowledgeBaseArticles.Add(article);
        await db.SaveChangesAsync(Ct);
        return article.Id;
    }

    private static async Task SetStatusAsync(TestForum forum, int articleId, ArticleStatus status)
    {
        await using var db = forum.Db();
        var article = await db.KnowledgeBaseArticles.FindAsync([articleId], Ct);
        article!.Status = status;
        await db.SaveChangesAsync(Ct);
    }
}
