using Community.Domain.Comments;
using Community.Domain.Notifications;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Notifications;

/// <summary>The notifier on real SQLite: notices with their kind, follows, e-mail entries, live events.</summary>
public sealed class NotifierTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private sealed class RecordingQueue : IEmailOutboxQueue
    {
        public List<long> Enqueued { get; } = [];
        public void Enqueue(long outboxEntryId) => Enqueued.Add(outboxEntryId);
    }

    private static (Notifier Notifier, InProcessLiveEvents Live, RecordingQueue Queue) NotifierFor(TestForum forum)
    {
        var live = new InProcessLiveEvents();
        var queue = new RecordingQueue();
        return (new Notifier(forum.Database, forum.Time, live, queue), live, queue);
    }

    /// <summary>
    /// A question's follow (one per new answerer, inside the answer's write: <see cref="Notifier.RecordAnswerAsync"/>) has no tag, so the tag index of follows holds
    /// tag follows only (a NULL entry cost each such answer a page of SQLite's log); the tag's followers, and the cascade
    /// from a tag (<c>TagId = ?</c>), still read it.
    /// </summary>
    [Fact]
    public async Task TheTagIndexOfFollowsHoldsTagFollowsOnlyAndStillFindsATagsFollowers()
    {
        await using var forum = await TestForum.CreateAsync();
        var fan = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var following = new Following(forum.Database, forum.Time);
        Assert.True((await following.FollowTagAsync(fan, "wifi", follow: true, Ct)).Succeeded);
        var question = await forum.AskAsync(asker, TestForum.QuestionTitle, TestForum.QuestionBody, "wifi");
        Assert.True((await following.FollowQuestionAsync(answerer, question, follow: true, Ct)).Succeeded);

        await using var db = forum.Db();
        var wifi = await db.Tags.Where(t => t.Name == "wifi").Select(t => t.Id).SingleAsync(Ct);
        Assert.Equal([fan.UserId], await db.Follows.Where(f => f.TagId != null && new[] { wifi }.Contains(f.TagId.Value)).Select(f => f.UserId).ToListAsync(Ct));
        Assert.True(await db.Follows.AnyAsync(f => f.UserId == answerer.UserId && f.QuestionId == question && f.TagId == null, Ct));
        var definition = forum.Database.IsPostgres
            ? await db.Database.SqlQueryRaw<string>("""SELECT indexdef AS "Value" FROM pg_indexes WHERE indexname = 'IX_Follows_TagId'""").SingleAsync(Ct)
            : await db.Database.SqlQueryRaw<string>("SELECT sql AS Value FROM sqlite_master WHERE name = 'IX_Follows_TagId'").SingleAsync(Ct);
        Assert.Matches("""WHERE \(?"TagId" IS NOT NULL\)?$""", definition);
        if (forum.Database.IsPostgres)
            return;
        foreach (var sql in new[] { "SELECT \"UserId\" FROM \"Follows\" WHERE \"TagId\" IS NOT NULL AND \"TagId\" IN (1, 2)", "SELECT \"Id\" FROM \"Follows\" WHERE \"TagId\" = @tag" })
        {
            var plan = await Community.Domain.Tests.Persistence.QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, [("@tag", wifi)]);
            Assert.Contains(plan, line => line.Contains("USING INDEX IX_Follows_TagId") || line.Contains("USING COVERING INDEX IX_Follows_TagId"));
        }
    }

    [Fact]
    public async Task AnAnswerThroughTheServiceTellsTheAskerAtOnceByEmailAndMakesTheAnswererAFollower()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, live, queue) = NotifierFor(forum);
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync("Helpful Hal");
        var question = await forum.AskAsync(asker);
        var activity = new TaskCompletionSource<QuestionActivity>(TaskCreationOptions.RunContinuationsAsynchronously);
        var bell = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onQuestion = live.OnQuestion(question, a => { activity.TrySetResult(a); return Task.CompletedTask; });
        using var onBell = live.OnNotifications(asker.UserId, () => { bell.TrySetResult(); return Task.CompletedTask; });
        var answerService = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);

        var answer = (await answerService.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, null), Ct)).Value;

        await using var db = forum.Db();
        var notice = await db.Notices.SingleAsync(n => n.UserId == asker.UserId && n.Kind == NotificationKind.AnswerOnYourQuestion, Ct);
        Assert.Equal($"Helpful Hal answered your question “{TestForum.QuestionTitle}”", notice.Text);
        Assert.EndsWith($"#answer-{answer}", notice.Link);
        Assert.Equal(question, notice.QuestionId);
        Assert.False(await db.Notices.AnyAsync(n => n.UserId == answerer.UserId, Ct));
        Assert.True(await db.Follows.AnyAsync(f => f.UserId == answerer.UserId && f.QuestionId == question, Ct));
        var email = await db.EmailOutbox.SingleAsync(Ct);
        Assert.Equal(notice.Id, email.NoticeId);
        Assert.Equal([email.Id], queue.Enqueued);
        await bell.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal(new QuestionActivity(question, QuestionChange.NewAnswer, answer, answerer.UserId), await activity.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct));
    }

    [Fact]
    public async Task AnAnswerAndItsNoticesAreOneUnitOfTheGroupCommit()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Group commit is SQLite's; PostgreSQL commits each write.");
        await using var forum = await TestForum.CreateAsync();
        var (notifier, _, _) = NotifierFor(forum);
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync("Helpful Hal");
        var question = await forum.AskAsync(asker);
        var answerService = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);
        var writer = Community.Domain.Persistence.SqliteGroupCommit.For(forum.Database.FilePath);
        var before = writer.Enqueued;

        var answer = await answerService.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, null), Ct);

        Assert.True(answer.Succeeded, answer.Message);
        Assert.Equal(1, writer.Enqueued - before);
        await using var db = forum.Db();
        Assert.True(await db.Notices.AnyAsync(n => n.UserId == asker.UserId && n.Kind == NotificationKind.AnswerOnYourQuestion, Ct));
    }

    [Fact]
    public async Task WhenTheNoticesCannotBeWrittenTheAnswerIsSavedAndNothingOfTheNotificationIs()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, _, queue) = NotifierFor(forum);
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync("Helpful Hal");
        var question = await forum.AskAsync(asker);
        var answerService = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);
        await using (var db = forum.Db())
            await db.Database.ExecuteSqlRawAsync(forum.Database.IsPostgres
                ? """
                  CREATE FUNCTION fail_notices() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
                  CREATE TRIGGER fail_notices BEFORE INSERT ON "Notices" FOR EACH ROW EXECUTE FUNCTION fail_notices();
                  """
                : "CREATE TRIGGER fail_notices BEFORE INSERT ON Notices BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;", Ct);

        var answer = await answerService.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, null), Ct);

        Assert.True(answer.Succeeded, answer.Message);
        await using var check = forum.Db();
        Assert.True(await check.Answers.AnyAsync(a => a.Id == answer.Value, Ct));
        Assert.Equal(1, ((Question)await forum.PostAsync(question)).AnswerCount);
        Assert.Empty(await check.Notices.ToListAsync(Ct));
        Assert.Empty(await check.EmailOutbox.ToListAsync(Ct));
        Assert.False(await check.Follows.AnyAsync(f => f.UserId == answerer.UserId && f.QuestionId == question, Ct));
        Assert.Empty(queue.Enqueued);
    }

    [Fact]
    public async Task FollowersHearOfCommentsAndTheAnswerAuthorOfCommentsUnderTheirAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, _, _) = NotifierFor(forum);
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var commenter = await forum.MemberAsync("Curious Cat");
        var watcher = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        await new Following(forum.Database, forum.Time).FollowQuestionAsync(watcher, question, follow: true, Ct);
        var comments = new AddComment(forum.Database, forum.Markdown, forum.Limits, forum.Privileges, forum.Time, notifier: notifier);

        await comments.ExecuteAsync(commenter, new AddCommentCommand(answer, "Which firmware version are you running on the Point?", null), Ct);

        await using var db = forum.Db();
        var told = await db.Notices.Select(n => new { n.UserId, n.Kind }).ToListAsync(Ct);
        Assert.Contains(told, n => n.UserId == answerer.UserId && n.Kind == NotificationKind.CommentOnYourAnswer);
        Assert.Contains(told, n => n.UserId == watcher.UserId && n.Kind == NotificationKind.FollowedActivity);
        Assert.DoesNotContain(told, n => n.UserId == commenter.UserId);
        // The asker follows nothing here (the test forum asks without the notifier), so hears nothing of a comment on an answer.
        Assert.DoesNotContain(told, n => n.UserId == asker.UserId);
    }

    [Fact]
    public async Task AnAcceptanceTellsTheAnswererAndAnUnsubscribedMemberGetsNoEmail()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, _, _) = NotifierFor(forum);
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        await new EmailChoices(forum.Database).UnsubscribeAsync(answerer.UserId, NotificationKind.AnswerAccepted, Ct);
        var accept = new AcceptAnswer(forum.Database, forum.Ledger, forum.Time, notifier: notifier);

        Assert.True((await accept.AcceptAsync(asker, answer, Ct)).Succeeded);

        await using var db = forum.Db();
        var notice = await db.Notices.SingleAsync(n => n.UserId == answerer.UserId, Ct);
        Assert.Equal(NotificationKind.AnswerAccepted, notice.Kind);
        Assert.Contains("Asking Anna accepted your answer", notice.Text);
        Assert.Empty(await db.EmailOutbox.ToListAsync(Ct));
    }

    [Fact]
    public async Task AMentionOfAStrangerTellsNobodyButAMentionOfSomeoneInTheThreadDoes()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, _, _) = NotifierFor(forum);
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync("Helpful Hal");
        var stranger = await forum.MemberAsync("Far Away");
        var question = await forum.AskAsync(asker);
        await forum.AnswerAsync(answerer, question);
        var second = await forum.AnswerAsync(asker, question, "Self-answer: @Helpful Hal was right, and @Far Away never came by.");

        await notifier.AnswerPostedAsync(second, Ct);

        await using var db = forum.Db();
        Assert.True(await db.Notices.AnyAsync(n => n.UserId == answerer.UserId && n.Kind == NotificationKind.Mention, Ct));
        Assert.False(await db.Notices.AnyAsync(n => n.UserId == stranger.UserId, Ct));
    }
}
