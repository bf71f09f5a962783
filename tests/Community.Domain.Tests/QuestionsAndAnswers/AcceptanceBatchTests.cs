using Community.Domain.KnowledgeBase;
using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Community.Domain.Tests.KnowledgeBase;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// Acceptances as data on SQLite (Questions/SqliteAcceptanceWriter, as votes are in ADR 0011): the file's acceptance
/// writer applies every acceptance waiting in one transaction, each in a savepoint, each reading the question as the
/// acceptances before it in the batch left it. To make a batch certain, a test holds the process's write turn while the
/// acceptances queue, then lets go. Real SQLite, real migrations.
/// </summary>
public sealed class AcceptanceBatchTests : IAsyncLifetime
{
    private KnowledgeBaseForum kb = null!;

    private TestForum Forum => kb.Forum;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "The acceptance writer is SQLite's; PostgreSQL commits each acceptance.");
        kb = await KnowledgeBaseForum.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (kb is not null)
            await kb.DisposeAsync();
    }

    private SqliteAcceptanceWriter Writer => SqliteAcceptanceWriter.For(Forum.Database.FilePath);

    private AcceptAnswer Accept(Notifier? notifier = null) => new(Forum.Database, new ReputationLedger(Forum.Points, Forum.Time), Forum.Time, notifier: notifier);

    /// <summary>The acceptances, started while the test holds the write turn, so that the writer takes them in one batch.</summary>
    private async Task<WriteResult<int?>[]> InOneBatchAsync(params Func<Task<WriteResult<int?>>>[] acceptances)
    {
        var before = Writer.Enqueued;
        var held = await HeldWriteTurn.TakeAsync(Forum);
        var running = acceptances.Select(a => Task.Run(a, Ct)).ToList();
        await HeldWriteTurn.QueuedAsync(() => Writer.Enqueued, before, acceptances.Length, "acceptances");
        await held.ReleaseAsync();
        var results = new WriteResult<int?>[running.Count];
        for (var i = 0; i < running.Count; i++)
        {
            try
            {
                results[i] = await running[i];
            }
            catch (Exception e)
            {
                results[i] = WriteResult<int?>.Fail(WriteFailure.Invalid, e.GetBaseException().Message);
            }
        }
        return results;
    }

    private async Task AssertTotalsExactAsync(params Actor[] members)
    {
        foreach (var member in members)
        {
            var (_, points, sum) = await Forum.ReputationOfAsync(member);
            Assert.Equal(sum, points);
        }
    }

    [Fact]
    public async Task ADoubleClickInOneBatchMakesOneAcceptance()
    {
        var asker = await Forum.MemberAsync();
        var answerer = await Forum.MemberAsync();
        var question = await Forum.AskAsync(asker);
        var answer = await Forum.AnswerAsync(answerer, question);
        var notifier = new Notifier(Forum.Database, Forum.Time, new InProcessLiveEvents());
        var accept = Accept(notifier);
        var (batches, applied) = Writer.Committed;

        var results = await InOneBatchAsync(() => accept.AcceptAsync(asker, answer, Ct), () => accept.AcceptAsync(asker, answer, Ct));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.All(results, r => Assert.Equal(answer, r.Value));
        Assert.Equal((batches + 1, applied + 1), Writer.Committed);
        await using var db = Forum.Db();
        // Both clicks read the question unaccepted before the turn; inside the batch the second sees the first's
        // acceptance and writes nothing: one outbox entry, one pair of ledger rows, one notice.
        Assert.Equal(1, await db.KnowledgeBaseOutbox.CountAsync(e => e.QuestionId == question, Ct));
        Assert.Equal(2, await db.ReputationEntries.CountAsync(e => e.SourceKey == ReputationRules.AcceptanceSource(question), Ct));
        Assert.Equal(1, await db.Notices.CountAsync(n => n.UserId == answerer.UserId && n.Kind == NotificationKind.AnswerAccepted, Ct));
        await AssertTotalsExactAsync(asker, answerer);
    }

    [Fact]
    public async Task TwoAcceptancesOfOneQuestionInOneBatchLeaveTheSecondAcceptedWithExactTotals()
    {
        var asker = await Forum.MemberAsync();
        var first = await Forum.MemberAsync();
        var second = await Forum.MemberAsync();
        var question = await Forum.AskAsync(asker);
        var a1 = await Forum.AnswerAsync(first, question);
        var a2 = await Forum.AnswerAsync(second, question);
        var accept = Accept();
        var (batches, applied) = Writer.Committed;

        // Queued one after the other, so the batch applies them in that order.
        var before = Writer.Enqueued;
        var held = await HeldWriteTurn.TakeAsync(Forum);
        var one = Task.Run(() => accept.AcceptAsync(asker, a1, Ct), Ct);
        await HeldWriteTurn.QueuedAsync(() => Writer.Enqueued, before, 1, "acceptances");
        var two = Task.Run(() => accept.AcceptAsync(asker, a2, Ct), Ct);
        await HeldWriteTurn.QueuedAsync(() => Writer.Enqueued, before, 2, "acceptances");
        await held.ReleaseAsync();
        var results = await Task.WhenAll(one, two);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal((batches + 1, applied + 2), Writer.Committed);
        Assert.Equal(a2, (await Forum.QuestionAsync(question)).AcceptedAnswerId);
        await using var db = Forum.Db();
        var source = ReputationRules.AcceptanceSource(question);
        // The first's rows, their reversal by the second (read inside the batch), the second's rows.
        var nets = await db.ReputationEntries.Where(e => e.SourceKey == source).GroupBy(e => e.UserId)
            .Select(g => new { g.Key, Net = g.Sum(e => e.Amount) }).ToDictionaryAsync(g => g.Key, g => g.Net, Ct);
        Assert.Equal(0, nets[first.UserId]);
        Assert.Equal(Forum.Points.AnswerAccepted, nets[second.UserId]);
        Assert.Equal(Forum.Points.AcceptedAnAnswer, nets[asker.UserId]);
        Assert.Equal(6, await db.ReputationEntries.CountAsync(e => e.SourceKey == source, Ct));
        Assert.Equal(2, await db.KnowledgeBaseOutbox.CountAsync(e => e.QuestionId == question, Ct));
        await AssertTotalsExactAsync(asker, first, second);
    }

    [Fact]
    public async Task AnAcceptanceThatFailsInsideTheBatchFailsAloneAndTheOthersCommit()
    {
        var askers = await Forum.MembersAsync(3);
        var answerer = await Forum.MemberAsync();
        var threads = new List<(Actor Asker, int Question, int Answer)>();
        foreach (var asker in askers)
        {
            var question = await Forum.AskAsync(asker);
            threads.Add((asker, question, await Forum.AnswerAsync(answerer, question)));
        }
        // The middle acceptance's outbox row is refused by the database, after its question and ledger rows were written.
        await using (var db = Forum.Db())
        {
            var refuse = $"""CREATE TRIGGER test_refuse BEFORE INSERT ON "KbOutbox" WHEN NEW."QuestionId" = {threads[1].Question} BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""";
            await db.Database.ExecuteSqlRawAsync(refuse, Ct);
        }
        var accept = Accept();
        var (batches, applied) = Writer.Committed;

        var results = await InOneBatchAsync(threads.Select(t => (Func<Task<WriteResult<int?>>>)(() => accept.AcceptAsync(t.Asker, t.Answer, Ct))).ToArray());

        Assert.True(results[0].Succeeded, results[0].Message);
        Assert.False(results[1].Succeeded);
        Assert.Contains("refused by the test", results[1].Message);
        Assert.True(results[2].Succeeded, results[2].Message);
        Assert.Equal((batches + 1, applied + 2), Writer.Committed);
        await using var check = Forum.Db();
        foreach (var (asker, question, answer) in threads)
        {
            var accepted = question != threads[1].Question;
            Assert.Equal(accepted ? answer : null, (await Forum.QuestionAsync(question)).AcceptedAnswerId);
            // Each acceptance's outbox row is committed with it, and goes with it when it is rolled back.
            Assert.Equal(accepted ? 1 : 0, await check.KnowledgeBaseOutbox.CountAsync(e => e.QuestionId == question, Ct));
            Assert.Equal(accepted ? 2 : 0, await check.ReputationEntries.CountAsync(e => e.SourceKey == ReputationRules.AcceptanceSource(question), Ct));
        }
        await AssertTotalsExactAsync([.. askers, answerer]);
    }

    [Fact]
    public async Task TheOutboxEntryIsCommittedWithItsAcceptanceSoALostHandOverIsSweptAndTheJobStaysIdempotent()
    {
        var asker = await Forum.MemberAsync();
        var answerer = await Forum.MemberAsync();
        var question = await Forum.AskAsync(asker);
        var answer = await Forum.AnswerAsync(answerer, question);
        // No feed queue here: the hand-over after the COMMIT is lost, as if the process died right after it.
        var result = await Accept().AcceptAsync(asker, answer, Ct);
        Assert.True(result.Succeeded, result.Message);

        var entry = Assert.Single(await kb.EntriesAsync(question));
        Assert.Null(entry.DoneAt);
        Forum.Time.Advance(kb.Options.SweepGrace + TimeSpan.FromSeconds(1));
        var pending = await kb.Feed.PendingAsync(cancellationToken: Ct);
        Assert.Contains((entry.Id, question), pending);
        // The job, run twice (a retry, or the sweep's and the hand-over's at once): one article, the entry done once.
        Assert.Equal(EntryOutcome.Done, await kb.Feed.ProcessAsync(entry.Id, Ct));
        Assert.Equal(EntryOutcome.AlreadyDone, await kb.Feed.ProcessAsync(entry.Id, Ct));
        await using var db = Forum.Db();
        Assert.Equal(1, await db.KnowledgeBaseArticles.CountAsync(a => a.SourceQuestionId == question, Ct));
    }

    [Fact]
    public async Task TheCommittedEntryIsHandedToTheFeedAfterTheCommitWithThePagesToEvict()
    {
        var asker = await Forum.MemberAsync();
        var answerer = await Forum.MemberAsync();
        var question = await Forum.AskAsync(asker);
        var answer = await Forum.AnswerAsync(answerer, question);
        var queue = new RecordingQueue(Forum.Database.ConnectionString);
        var sink = new RecordingSink();
        var contexts = new WithFeedAndSink(Forum.Database.ConnectionString, queue, sink);
        var accept = new AcceptAnswer(contexts, Forum.Ledger, Forum.Time);

        var result = await accept.AcceptAsync(asker, answer, Ct);

        Assert.True(result.Succeeded, result.Message);
        var entry = Assert.Single(await kb.EntriesAsync(question));
        var (entryId, questionId, committed) = Assert.Single(queue.Enqueued);
        Assert.Equal((entry.Id, question), (entryId, questionId));
        Assert.True(committed, "the entry was handed over before it was committed");
        Assert.Contains(sink.Changes, c => c.PostIds.Contains(question) && c.Listings);
    }

    /// <summary>Records each hand-over, and whether another connection could already see the entry (it was committed).</summary>
    private sealed class RecordingQueue(string connectionString) : IKnowledgeBaseFeedQueue
    {
        public List<(long EntryId, int QuestionId, bool Committed)> Enqueued { get; } = [];

        public void Enqueue(long entryId, int questionId)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT count(*) FROM "KbOutbox" WHERE "Id" = {entryId}""";
            Enqueued.Add((entryId, questionId, Convert.ToInt64(command.ExecuteScalar()) == 1));
        }
    }

    private sealed class RecordingSink : Community.Domain.Changes.IContentChangeSink
    {
        public List<Community.Domain.Changes.ContentChange> Changes { get; } = [];

        public ValueTask ChangedAsync(Community.Domain.Changes.ContentChange change, CancellationToken cancellationToken = default)
        {
            Changes.Add(change);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The forum's file with the product's outbox dispatch and content-change interceptors.</summary>
    private sealed class WithFeedAndSink(string connectionString, IKnowledgeBaseFeedQueue queue, Community.Domain.Changes.IContentChangeSink sink) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(new OutboxDispatchInterceptor(queue, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance),
                new Community.Domain.Changes.ContentChangeInterceptor(sink));
            return new CommunityDbContext(options.Options);
        }
    }
}
