using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Posting;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// Answers come many at once (issue 11: 300 a second through SQLite's one writer): what an answer's write turn costs.
/// On SQLite its rows (the answer, its revision, its question's count and activity, the answerer's follow, the notices,
/// their e-mail entries) are written by statements prepared once per write connection, not through EF Core; the rows
/// themselves are the ones EF Core writes on PostgreSQL. Real databases, real migrations.
/// </summary>
public sealed class AnswerQuestionStatementsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private sealed class NoQueue : IEmailOutboxQueue
    {
        public List<long> Enqueued { get; } = [];
        public void Enqueue(long outboxEntryId) => Enqueued.Add(outboxEntryId);
    }

    /// <summary>Hal answers Anna's question through contexts that record every EF Core command.</summary>
    private static async Task<(Actor Asker, Actor Answerer, int Question, CommandRecorder Commands, NoQueue Mail, WriteResult<int> Result)>
        AnswerCountingCommandsAsync(TestForum forum)
    {
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync("Helpful Hal");
        var question = await forum.AskAsync(asker);
        var counter = new CommandRecorder();
        var contexts = new CountingContexts(forum.Database.ConnectionString, counter);
        var queue = new NoQueue();
        var notifier = new Notifier(contexts, forum.Time, new InProcessLiveEvents(), queue);
        var service = new AnswerQuestion(contexts, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);
        var result = await service.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, "form-1"), Ct);
        return (asker, answerer, question, counter, queue, result);
    }

    [Fact]
    public async Task OnSqliteAnAnswersWriteTurnRunsNoEfCommand()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's write path.");
        await using var forum = await TestForum.CreateAsync();
        var (asker, answerer, question, counter, queue, result) = await AnswerCountingCommandsAsync(forum);

        Assert.True(result.Succeeded, result.Message);
        // Only the reads before the turn go through EF Core (the form token, the question, the gate's, the notices' facts);
        // the writes were 10 EF Core commands in 5 SaveChanges and an ExecuteUpdate.
        Assert.DoesNotContain(counter.Commands, c => c.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || c.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || c.Contains("\"Follows\"", StringComparison.Ordinal)
            || c.Contains("\"EmailPreferences\"", StringComparison.Ordinal));
        await using var db = forum.Db();
        var answer = await db.Answers.SingleAsync(a => a.Id == result.Value, Ct);
        Assert.Equal((question, answerer.UserId, TestForum.AnswerBody, 1, 0, "form-1"), (answer.QuestionId, answer.AuthorId, answer.Body, answer.Version, answer.Score, answer.ClientToken));
        Assert.Contains("scheduled firmware update", answer.BodyHtml);
        Assert.Equal(forum.Time.GetUtcNow().UtcDateTime, answer.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, answer.CreatedAt.Kind);
        var revision = await db.PostRevisions.SingleAsync(r => r.PostId == answer.Id, Ct);
        Assert.Equal((1, answerer.UserId, TestForum.AnswerBody, (string?)null, (string?)null), (revision.Number, revision.EditorId, revision.Body, revision.Title, revision.Tags));
        var asked = await db.Questions.SingleAsync(q => q.Id == question, Ct);
        Assert.Equal((1, forum.Time.GetUtcNow().UtcDateTime), (asked.AnswerCount, asked.LastActivityAt));
        Assert.True(await db.Follows.AnyAsync(f => f.UserId == answerer.UserId && f.QuestionId == question && f.TagId == null, Ct));
        var notice = await db.Notices.SingleAsync(Ct);
        Assert.Equal((asker.UserId, NotificationKind.AnswerOnYourQuestion, question, answerer.UserId, (string?)null, (DateTime?)null),
            (notice.UserId, notice.Kind, notice.QuestionId, notice.ActorId, notice.Key, notice.ReadAt));
        Assert.Equal($"Helpful Hal answered your question “{TestForum.QuestionTitle}”", notice.Text);
        var email = await db.EmailOutbox.SingleAsync(Ct);
        Assert.Equal((asker.UserId, (long?)notice.Id, NotificationKind.AnswerOnYourQuestion, false, 0, (DateTime?)null), (email.UserId, email.NoticeId, email.Kind, email.IsDigest, email.Attempts, email.SentAt));
        Assert.Equal([email.Id], queue.Enqueued);
    }

    [Fact]
    public async Task AnAnswerReadsItsAuthorInOneQueryBeforeTheTurn()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Counts SQLite's commands (the query is the same on both engines).");
        await using var forum = await TestForum.CreateAsync();
        var (_, _, _, counter, _, result) = await AnswerCountingCommandsAsync(forum);

        Assert.True(result.Succeeded, result.Message);
        // The gate's suspension and standing, the staff disclosure's profile and the notices' name were four reads of the
        // same member (three tables); now one, for a member neither suspended nor staff.
        var read = Assert.Single(counter.Commands, c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal)
            || c.Contains("\"MemberSanctions\"", StringComparison.Ordinal) || c.Contains("\"StaffProfiles\"", StringComparison.Ordinal));
        Assert.Contains("\"MemberSanctions\"", read);
        Assert.Contains("\"StaffProfiles\"", read);
        await using var db = forum.Db();
        Assert.Equal("Helpful Hal answered your question “" + TestForum.QuestionTitle + "”", (await db.Notices.SingleAsync(Ct)).Text);
        Assert.Null((await db.Answers.SingleAsync(a => a.Id == result.Value, Ct)).StaffDisclosure);
    }

    [Fact]
    public async Task AnAnswerKeepsEachRecipientsEmailChoiceAndEveryFollowersNotice()
    {
        await using var forum = await TestForum.CreateAsync();
        var queue = new NoQueue();
        var notifier = new Notifier(forum.Database, forum.Time, new InProcessLiveEvents(), queue);
        var service = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);
        var asker = await forum.MemberAsync();
        var watcher = await forum.MemberAsync();
        var eager = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var following = new Following(forum.Database, forum.Time);
        await following.FollowQuestionAsync(watcher, question, follow: true, Ct);
        await following.FollowQuestionAsync(eager, question, follow: true, Ct);
        await using (var setup = forum.Db())
        {
            setup.EmailPreferences.AddRange(
                new EmailPreference { UserId = asker.UserId, Kind = NotificationKind.AnswerOnYourQuestion, Delivery = EmailDelivery.Never },
                new EmailPreference { UserId = eager.UserId, Kind = NotificationKind.FollowedActivity, Delivery = EmailDelivery.Immediately },
                new EmailPreference { UserId = watcher.UserId, Kind = NotificationKind.Mention, Delivery = EmailDelivery.Immediately });
            await setup.SaveChangesAsync(Ct);
        }

        var first = await service.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, null), Ct);
        var second = await service.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody + " Then restart it.", null), Ct);

        Assert.True(first.Succeeded && second.Succeeded);
        await using var db = forum.Db();
        var told = await db.Notices.OrderBy(n => n.Id).Select(n => new { n.UserId, n.Kind }).ToListAsync(Ct);
        // Each answer tells the asker and both followers, never its author; following again is following once.
        Assert.Equal(6, told.Count);
        Assert.Equal(2, told.Count(n => n.UserId == asker.UserId && n.Kind == NotificationKind.AnswerOnYourQuestion));
        Assert.Equal(2, told.Count(n => n.UserId == watcher.UserId && n.Kind == NotificationKind.FollowedActivity));
        Assert.Equal(2, told.Count(n => n.UserId == eager.UserId && n.Kind == NotificationKind.FollowedActivity));
        Assert.Equal(1, await db.Follows.CountAsync(f => f.UserId == answerer.UserId && f.QuestionId == question, Ct));
        // The asker chose no e-mail for answers, the watcher the default (a digest), the eager follower e-mail at once.
        var emails = await db.EmailOutbox.OrderBy(e => e.Id).ToListAsync(Ct);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Equal((eager.UserId, NotificationKind.FollowedActivity), (e.UserId, e.Kind)));
        Assert.Equal(emails.Select(e => e.Id), queue.Enqueued);
        Assert.Equal(2, (await db.Questions.SingleAsync(q => q.Id == question, Ct)).AnswerCount);
    }

    [Fact]
    public async Task AnswersPostedTogetherAfterOneWhoseNoticesFailedStillTellTheirReaders()
    {
        await using var forum = await TestForum.CreateAsync();
        var notifier = new Notifier(forum.Database, forum.Time, new InProcessLiveEvents(), new NoQueue());
        var service = new AnswerQuestion(forum.Database, forum.Markdown, forum.Limits, forum.Time, notifier: notifier);
        var refused = await forum.MemberAsync();
        var told = await forum.MemberAsync();
        var refusedQuestion = await forum.AskAsync(refused);
        var toldQuestion = await forum.AskAsync(told);
        var answerers = new List<Community.Domain.Posting.Actor>();
        for (var i = 0; i < 8; i++)
            answerers.Add(await forum.MemberAsync());
        await using (var db = forum.Db())
            await db.Database.ExecuteSqlRawAsync(forum.Database.IsPostgres
                ? $$"""
                  CREATE FUNCTION fail_notices() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN IF NEW."UserId" = '{{refused.UserId}}' THEN RAISE EXCEPTION 'disk on fire'; END IF; RETURN NEW; END $f$;
                  CREATE TRIGGER fail_notices BEFORE INSERT ON "Notices" FOR EACH ROW EXECUTE FUNCTION fail_notices();
                  """
                : $"CREATE TRIGGER fail_notices BEFORE INSERT ON Notices WHEN NEW.UserId = '{refused.UserId}' BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;", Ct);

        // Answers to both questions at once (on SQLite, batches of the group commit with failures in them).
        var results = await Task.WhenAll(answerers.Select((a, i) => service.ExecuteAsync(a,
            new AnswerQuestionCommand(i % 2 == 0 ? refusedQuestion : toldQuestion, TestForum.AnswerBody + $" Try {i}.", $"form-{i}"), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        await using var check = forum.Db();
        Assert.Equal(4, ((Question)await forum.PostAsync(refusedQuestion)).AnswerCount);
        Assert.Equal(4, ((Question)await forum.PostAsync(toldQuestion)).AnswerCount);
        Assert.Equal(8, await check.PostRevisions.CountAsync(r => results.Select(x => x.Value).Contains(r.PostId), Ct));
        Assert.False(await check.Notices.AnyAsync(n => n.UserId == refused.UserId, Ct));
        Assert.Equal(4, await check.Notices.CountAsync(n => n.UserId == told.UserId && n.Kind == NotificationKind.AnswerOnYourQuestion, Ct));
        // The answers whose notices failed saved no follow; the others did.
        Assert.Equal(0, await check.Follows.CountAsync(f => f.QuestionId == refusedQuestion, Ct));
        Assert.Equal(4, await check.Follows.CountAsync(f => f.QuestionId == toldQuestion, Ct));
    }

    private sealed class CountingContexts(string connectionString, CommandRecorder counter) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(counter);
            return new CommunityDbContext(options.Options);
        }
    }
}
