using Community.Domain.Changes;
using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Community.Domain.Tests.Posting;
using Community.Domain.Voting;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// ADR 0008: on SQLite, votes and answers waiting for the write lock share one transaction, each unit in a savepoint
/// of its own, and no caller goes on before the COMMIT. Real SQLite, real migrations. To make a batch certain, a test
/// holds the process's write turn while the units queue up, then lets go: the writer takes everyone waiting.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private TestForum forum = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Group commit is SQLite's; PostgreSQL commits each write.");
        forum = await TestForum.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (forum is not null)
            await forum.DisposeAsync();
    }

    private SqliteGroupCommit Writer => SqliteGroupCommit.For(forum.Database.FilePath);

    private Task QueuedAsync(long before, int count) => HeldWriteTurn.QueuedAsync(() => Writer.Enqueued, before, count, "units");

    /// <summary>A unit that adds a tag (names are unique) in its own write transaction.</summary>
    private Task<bool> AddTagAsync(string name, Action? ran = null) => forum.Database.RunGroupCommittedAsync(async db =>
    {
        ran?.Invoke();
        await using var transaction = await db.BeginWriteTransactionAsync(Ct);
        db.Tags.Add(new Tag { Name = name, Description = $"About {name}." });
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return true;
    }, Ct);

    /// <summary>A unit that votes on a post that does not exist, its foreign key checked only at COMMIT: its batch's COMMIT fails.</summary>
    private Task<bool> VoteOnAMissingPostAsync(Actor voter, Action<DbConnection>? ranOn = null) => forum.Database.RunGroupCommittedAsync(async db =>
    {
        await using var transaction = await db.BeginWriteTransactionAsync(Ct);
        ranOn?.Invoke(db.Database.GetDbConnection());
        await db.Database.ExecuteSqlRawAsync("PRAGMA defer_foreign_keys = ON;", Ct);
        db.Votes.Add(new Vote { PostId = 999_999, VoterId = voter.UserId, Value = 1, CreatedAt = forum.Time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return true;
    }, Ct);

    private async Task<List<string>> TagNamesAsync()
    {
        await using var db = forum.Db();
        return await db.Tags.Select(t => t.Name).OrderBy(n => n).ToListAsync(Ct);
    }

    [Fact]
    public async Task TwentyAnswersAtOnceCommitInOneTransactionAndAllCount()
    {
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerers = await forum.MembersAsync(20);
        var (batches, units) = Writer.Committed;
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var answers = answerers.Select((a, i) => forum.Answer.ExecuteAsync(a, new AnswerQuestionCommand(question, $"{TestForum.AnswerBody} Try channel {i}.", $"token-{i}"), Ct)).ToList();
        await QueuedAsync(before, answerers.Count);
        await held.ReleaseAsync();
        var results = await Task.WhenAll(answers);

        Assert.All(results, result => Assert.True(result.Succeeded, result.Message));
        Assert.Equal(20, results.Select(r => r.Value).Distinct().Count());
        Assert.Equal((batches + 1, units + 20), Writer.Committed);
        Assert.Equal(20, ((Question)await forum.PostAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task AFailingUnitRollsBackAloneAndItsNeighboursInTheBatchCommit()
    {
        var (batches, units) = Writer.Committed;
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var first = AddTagAsync("first-in-batch");
        var duplicate = AddTagAsync(TestForum.TagNames[0]); // the name is taken: a unique key refuses it
        var last = AddTagAsync("last-in-batch");
        await QueuedAsync(before, 3);
        await held.ReleaseAsync();

        Assert.True(await first);
        Assert.True(await last);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => duplicate);
        Assert.True(refused.IsUniqueViolation());
        Assert.Equal((batches + 1, units + 2), Writer.Committed);
        var names = await TagNamesAsync();
        Assert.Contains("first-in-batch", names);
        Assert.Contains("last-in-batch", names);
        Assert.Single(names, n => n == TestForum.TagNames[0]);
    }

    [Fact]
    public async Task WhenTheCommitFailsEachUnitRunsAgainAloneAndOnlyTheFaultyOneFails()
    {
        var voter = await forum.MemberAsync();
        var (batches, units) = Writer.Committed;
        var before = Writer.Enqueued;
        int firstRuns = 0, lastRuns = 0;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var first = AddTagAsync("first-again", () => Interlocked.Increment(ref firstRuns));
        // A vote on a post that does not exist, its foreign key checked only at COMMIT: the whole batch's COMMIT fails.
        var faulty = VoteOnAMissingPostAsync(voter);
        var last = AddTagAsync("last-again", () => Interlocked.Increment(ref lastRuns));
        await QueuedAsync(before, 3);
        await held.ReleaseAsync();

        Assert.True(await first);
        Assert.True(await last);
        var failed = await Assert.ThrowsAsync<SqliteException>(() => faulty);
        Assert.Equal(19, failed.SqliteErrorCode); // SQLITE_CONSTRAINT: the unit's own fault, reported to its caller
        Assert.Equal((2, 2), (firstRuns, lastRuns));
        Assert.Equal((batches + 2, units + 2), Writer.Committed); // the failed batch, then each good unit alone
        var names = await TagNamesAsync();
        Assert.Contains("first-again", names);
        Assert.Contains("last-again", names);
        await using var db = forum.Db();
        Assert.False(await db.Votes.AnyAsync(v => v.PostId == 999_999, Ct));
    }

    [Fact]
    public async Task NoCallerGoesOnBeforeTheBatchCommits()
    {
        var firstInTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letFirstCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondInTurn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letSecondCommit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<bool> Unit(string name, TaskCompletionSource inTurn, TaskCompletionSource letCommit) => forum.Database.RunGroupCommittedAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            db.Tags.Add(new Tag { Name = name, Description = "Waits." });
            await db.SaveChangesAsync(Ct);
            inTurn.SetResult();
            await letCommit.Task;
            await transaction.CommitAsync(Ct);
            return true;
        }, Ct);
        var before = Writer.Enqueued;

        var first = Unit("first-waiting", firstInTurn, letFirstCommit);
        await firstInTurn.Task;
        var second = Unit("second-waiting", secondInTurn, letSecondCommit);
        await QueuedAsync(before, 2);
        letFirstCommit.SetResult();
        await secondInTurn.Task; // the first has ended its turn; the second runs in the same transaction

        Assert.False(first.IsCompleted, "The first caller went on before its batch committed.");
        Assert.DoesNotContain("first-waiting", await TagNamesAsync()); // nothing is committed yet

        letSecondCommit.SetResult();
        Assert.True(await first);
        Assert.True(await second);
        var names = await TagNamesAsync();
        Assert.Contains("first-waiting", names);
        Assert.Contains("second-waiting", names);
    }

    [Fact]
    public async Task ADoubleSubmittedAnswerInOneBatchMakesOnePost()
    {
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var command = new AnswerQuestionCommand(question, TestForum.AnswerBody, "double-click");
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var clicks = new[] { forum.Answer.ExecuteAsync(answerer, command, Ct), forum.Answer.ExecuteAsync(answerer, command, Ct) };
        await QueuedAsync(before, 2);
        await held.ReleaseAsync();
        var results = await Task.WhenAll(clicks);

        Assert.All(results, result => Assert.True(result.Succeeded, result.Message));
        Assert.Equal(results[0].Value, results[1].Value);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Answers.CountAsync(a => a.QuestionId == question, Ct));
        Assert.Equal(1, ((Question)await forum.PostAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task PagesAreEvictedOnlyAfterTheCommitAndOnlyForUnitsThatCommitted()
    {
        var question = await forum.AskAsync(await forum.MemberAsync());
        var other = await forum.AskAsync(await forum.MemberAsync(), "Printer offline after the update");
        var commenter = await forum.MemberAsync();
        var sink = new CheckingSink(forum);
        var watched = new WatchedContexts(forum.Database, sink);
        Task<bool> Comment(int postId, bool fail) => watched.RunGroupCommittedAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            db.Comments.Add(new Comment { PostId = postId, AuthorId = commenter.UserId, Body = "Which firmware is it on?", BodyHtml = "<p>Which firmware is it on?</p>", CreatedAt = forum.Time.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
            if (fail)
                throw new InvalidOperationException("A rule refused it after saving.");
            await transaction.CommitAsync(Ct);
            return true;
        }, Ct);
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var kept = Comment(question, fail: false);
        var refused = Comment(other, fail: true);
        await QueuedAsync(before, 2);
        await held.ReleaseAsync();

        Assert.True(await kept);
        await Assert.ThrowsAsync<InvalidOperationException>(() => refused);
        var report = Assert.Single(sink.Reports);
        Assert.Equal([question], report.Change.PostIds);
        Assert.Equal(1, report.CommentsVisible); // the comment was committed when its page was evicted
    }

    /// <summary>A unit that adds a tag and tells which connection its turn ran on (the writer's).</summary>
    private async Task<DbConnection> AddTagOnAsync(string name)
    {
        DbConnection? seen = null;
        await forum.Database.RunGroupCommittedAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            seen = db.Database.GetDbConnection();
            db.Tags.Add(new Tag { Name = name, Description = $"About {name}." });
            await db.SaveChangesAsync(Ct);
            await transaction.CommitAsync(Ct);
            return true;
        }, Ct);
        return seen!;
    }

    /// <summary>Runs <paramref name="test"/> with a linger long enough that no run ends by itself, however slow the machine.</summary>
    private async Task LingeringAsync(Func<Task> test)
    {
        Writer.Linger = TimeSpan.FromMinutes(1);
        try
        {
            await test();
        }
        finally
        {
            Writer.Linger = SqliteGroupCommit.DefaultLinger;
            await Writer.StopLingeringAsync();
        }
    }

    [Fact]
    public async Task BatchAfterBatchRunsOnTheWritersOneConnectionWithItsPreparedStatements() => await LingeringAsync(async () =>
    {
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerers = await forum.MembersAsync(4);
        var (batches, units) = Writer.Committed;
        var (runs, connections) = Writer.Opened;

        var first = await AddTagOnAsync("first-of-the-run");
        foreach (var (answerer, i) in answerers.Select((a, i) => (a, i)))
            Assert.True((await forum.Answer.ExecuteAsync(answerer, new AnswerQuestionCommand(question, TestForum.AnswerBody, $"run-{i}"), Ct)).Succeeded);
        var last = await AddTagOnAsync("last-of-the-run");

        // Each unit waited for its own COMMIT (six batches), all on the connection the run opened for the first.
        Assert.Equal((batches + 6, units + 6), Writer.Committed);
        Assert.Same(first, last);
        Assert.Equal(System.Data.ConnectionState.Open, last.State); // kept, lingering for the next batch
        Assert.InRange(Writer.Opened.Runs - runs, 0, 1);
        Assert.InRange(Writer.Opened.Connections - connections, 0, 1);
        Assert.Equal(4, ((Question)await forum.PostAsync(question)).AnswerCount);
    });

    [Fact]
    public async Task AFailedCommitClosesTheConnectionAndTheNextBatchBeginsOnAFreshOne() => await LingeringAsync(async () =>
    {
        var voter = await forum.MemberAsync();
        DbConnection? faultyRanOn = null;
        var before = await AddTagOnAsync("before-the-failure");
        // A vote on a post that does not exist, its foreign key checked only at COMMIT: the batch's COMMIT fails.
        var faulty = VoteOnAMissingPostAsync(voter, connection => faultyRanOn ??= connection);
        await Assert.ThrowsAsync<SqliteException>(() => faulty);
        var after = await AddTagOnAsync("after-the-failure");

        Assert.Same(before, faultyRanOn); // the failing batch ran on the run's kept connection…
        Assert.Equal(System.Data.ConnectionState.Closed, before.State); // …which its failure closed
        Assert.NotSame(before, after);
        Assert.Equal(System.Data.ConnectionState.Open, after.State);
        var names = await TagNamesAsync();
        Assert.Contains("before-the-failure", names);
        Assert.Contains("after-the-failure", names);
    });

    [Fact]
    public async Task AUnitThatLeavesAStatementRunningHasTheConnectionClosedAfterItsBatchAndTheNextBatchRuns() => await LingeringAsync(async () =>
    {
        SqliteDataReader? left = null;
        DbConnection? leftOn = null;
        await forum.Database.RunGroupCommittedAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            leftOn = db.Database.GetDbConnection();
            db.Tags.Add(new Tag { Name = "leaves-a-reader", Description = "Forgets to close what it reads." });
            await db.SaveChangesAsync(Ct);
            var command = (SqliteCommand)leftOn.CreateCommand();
            command.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
            command.CommandText = """SELECT "Name" FROM "Tags" """;
            left = command.ExecuteReader();
            Assert.True(left.Read()); // the statement is still running when the unit commits
            await transaction.CommitAsync(Ct);
            return true;
        }, Ct);
        // Kept, it would hold its snapshot into the next batch, whose BEGIN would wait out the busy timeout once another
        // writer has committed.
        Assert.Equal(System.Data.ConnectionState.Closed, leftOn!.State);
        // Another writer of the file commits meanwhile: a connection still reading its old snapshot could not write after it.
        var held = await HeldWriteTurn.TakeAsync(forum);
        held.Db.Tags.Add(new Tag { Name = "written-between", Description = "By another writer." });
        await held.Db.SaveChangesAsync(Ct);
        await held.ReleaseAsync();

        var next = await AddTagOnAsync("the-next-batch");

        Assert.NotSame(leftOn, next);
        var names = await TagNamesAsync();
        Assert.Contains("leaves-a-reader", names);
        Assert.Contains("written-between", names);
        Assert.Contains("the-next-batch", names);
        left?.Dispose();
    });

    [Fact]
    public async Task StoppingTheWriterClosesItsConnectionAndTheNextUnitOpensAnother()
    {
        Writer.Linger = TimeSpan.FromMinutes(1);
        try
        {
            var kept = await AddTagOnAsync("before-the-stop");
            Assert.Equal(System.Data.ConnectionState.Open, kept.State); // lingering for more units

            await Writer.StopLingeringAsync(); // what the host does when it stops

            Assert.Equal(System.Data.ConnectionState.Closed, kept.State);
            var (runs, connections) = Writer.Opened;
            var next = await AddTagOnAsync("after-the-stop");
            Assert.NotSame(kept, next);
            Assert.Equal((runs + 1, connections + 1), Writer.Opened);
            Assert.Contains("after-the-stop", await TagNamesAsync());
        }
        finally
        {
            Writer.Linger = SqliteGroupCommit.DefaultLinger;
            await Writer.StopLingeringAsync();
        }
    }

    private sealed class CheckingSink(TestForum forum) : IContentChangeSink
    {
        public List<(ContentChange Change, int CommentsVisible)> Reports { get; } = [];

        public async ValueTask ChangedAsync(ContentChange change, CancellationToken cancellationToken = default)
        {
            await using var db = forum.Db();
            var visible = await db.Comments.CountAsync(cancellationToken);
            lock (Reports)
                Reports.Add((change, visible));
        }
    }

    /// <summary>Contexts on the test's database with the content-change interceptor, as the web app configures them.</summary>
    private sealed class WatchedContexts(TestDatabase database, IContentChangeSink sink) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            CommunityDatabase.ConfigureStandalone(options, database.Provider, database.ConnectionString);
            options.AddInterceptors(new ContentChangeInterceptor(sink));
            return new CommunityDbContext(options.Options);
        }
    }
}
