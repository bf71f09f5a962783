using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Community.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Voting;

/// <summary>
/// Votes as data on SQLite (ADR 0011): the file's vote writer applies every vote waiting in one transaction, each reading
/// what stands after the votes before it. To make a batch certain, a test holds the process's write turn while the votes
/// queue, then lets go: the writer takes everyone waiting. Real SQLite, real migrations.
/// </summary>
public sealed class VoteBatchTests : IAsyncLifetime
{
    private TestForum forum = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "The vote writer is SQLite's; PostgreSQL commits each vote.");
        forum = await TestForum.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (forum is not null)
            await forum.DisposeAsync();
    }

    private SqliteVoteWriter Writer => SqliteVoteWriter.For(forum.Database.FilePath);

    private Task QueuedAsync(long before, int count) => HeldWriteTurn.QueuedAsync(() => Writer.Enqueued, before, count, "votes");

    [Fact]
    public async Task ThirtyVotesAtOnceCommitInOneTransactionWithExactTotalsAndTheDailyCap()
    {
        var author = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(author, await forum.AskAsync(await forum.MemberAsync()));
        var voters = await forum.MembersAsync(30);
        await using (var counting = forum.Db())
        {
            // Counts the writes of the author's total: a vote past the cap (a row of 0) must not rewrite the member's row.
            await counting.Database.ExecuteSqlRawAsync("CREATE TABLE TotalsWritten (UserId TEXT NOT NULL)", Ct);
            await counting.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER TotalsWritten_Count AFTER UPDATE OF ReputationPoints ON AspNetUsers BEGIN INSERT INTO TotalsWritten VALUES (NEW.Id); END
                """, Ct);
        }
        var (batches, applied) = Writer.Committed;
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var votes = voters.Select(voter => forum.Vote.ExecuteAsync(voter, answer, 1, Ct)).ToList();
        await QueuedAsync(before, voters.Count);
        await held.ReleaseAsync();
        var results = await Task.WhenAll(votes);

        Assert.All(results, result => Assert.True(result.Succeeded, result.Message));
        Assert.Equal(Enumerable.Range(1, 30), results.Select(r => r.Value).Order()); // each saw the score after the votes before it
        Assert.Equal((batches + 1, applied + 30), Writer.Committed);
        Assert.Equal(30, (await forum.PostAsync(answer)).Score);
        await using var db = forum.Db();
        Assert.Equal(30, await db.Votes.CountAsync(v => v.PostId == answer, Ct));
        // Ten points an upvote, capped at 200 a day: the cap is read inside each vote, so it holds within a batch (the
        // 21st vote and those after it add rows of 0).
        var gains = await db.ReputationEntries.Where(e => e.UserId == author.UserId && e.Reason == ReputationReason.AnswerUpvoted)
            .Select(e => e.Amount).ToListAsync(Ct);
        Assert.Equal(30, gains.Count);
        Assert.Equal(forum.Points.DailyVoteCap, gains.Sum());
        Assert.Equal(forum.Points.DailyVoteCap, await db.MemberVoteGains.Where(g => g.UserId == author.UserId).Select(g => g.Gained).SingleAsync(Ct));
        var (reputation, points, ledgerSum) = await forum.ReputationOfAsync(author);
        Assert.Equal(ledgerSum, points);
        Assert.Equal(ReputationRules.Total(points), reputation);
        Assert.Equal(gains.Count(g => g != 0), await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM TotalsWritten WHERE UserId = {0}", author.UserId).SingleAsync(Ct));
    }

    [Fact]
    public async Task TheCapCrossedHalfwayThroughABatchCutsThatVote()
    {
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answers = new List<int>();
        for (var i = 0; i < 3; i++)
            answers.Add(await forum.AnswerAsync(author, question, $"{TestForum.AnswerBody} Option {i}."));
        // 190 of the day's 200 already gained, in earlier transactions.
        var earlier = await forum.MembersAsync(19);
        foreach (var voter in earlier)
            Assert.True((await forum.Vote.ExecuteAsync(voter, answers[0], 1, Ct)).Succeeded);
        await using (var db = forum.Db())
            Assert.Equal(190, await db.MemberVoteGains.Where(g => g.UserId == author.UserId).Select(g => g.Gained).SingleAsync(Ct));
        var voters = await forum.MembersAsync(3);
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var votes = voters.Select((voter, i) => forum.Vote.ExecuteAsync(voter, answers[i], 1, Ct)).ToList();
        await QueuedAsync(before, voters.Count);
        await held.ReleaseAsync();
        Assert.All(await Task.WhenAll(votes), result => Assert.True(result.Succeeded, result.Message));

        await using var check = forum.Db();
        // In the batch: 10 (to 200), then 0, 0; whichever answer came first in the queue.
        var batchGains = await check.ReputationEntries
            .Where(e => e.UserId == author.UserId && e.Reason == ReputationReason.AnswerUpvoted && e.PostId != answers[0])
            .OrderBy(e => e.Id).Select(e => e.Amount).ToListAsync(Ct);
        var first = await check.ReputationEntries
            .Where(e => e.UserId == author.UserId && e.Reason == ReputationReason.AnswerUpvoted && e.PostId == answers[0])
            .OrderBy(e => e.Id).Select(e => e.Amount).ToListAsync(Ct);
        Assert.Equal([0, 0, 10], first.Skip(19).Concat(batchGains).Order());
        Assert.Equal(forum.Points.DailyVoteCap, first.Concat(batchGains).Sum());
        var (_, points, ledgerSum) = await forum.ReputationOfAsync(author);
        Assert.Equal(ledgerSum, points);
    }

    [Fact]
    public async Task ADoubleClickedVoteInOneBatchCountsOnce()
    {
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voter = await forum.MemberAsync();
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var clicks = new[] { forum.Vote.ExecuteAsync(voter, question, 1, Ct), forum.Vote.ExecuteAsync(voter, question, 1, Ct) };
        await QueuedAsync(before, 2);
        await held.ReleaseAsync();
        var results = await Task.WhenAll(clicks);

        Assert.All(results, result => Assert.Equal(1, result.Value));
        Assert.Equal(1, (await forum.PostAsync(question)).Score);
        var (_, points, ledgerSum) = await forum.ReputationOfAsync(author);
        Assert.Equal(ledgerSum, points);
        Assert.Equal(TestForum.DefaultReputation - ReputationRules.Floor + forum.Points.QuestionUpvoted, points);
    }

    [Fact]
    public async Task AVoterWhoChangesTheirVoteWithinOneBatchEndsWithTheLastAndExactTotals()
    {
        var author = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(author, await forum.AskAsync(await forum.MemberAsync()));
        var voter = await forum.MemberAsync();
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var up = forum.Vote.ExecuteAsync(voter, answer, 1, Ct);
        await QueuedAsync(before, 1);
        var down = forum.Vote.ExecuteAsync(voter, answer, -1, Ct);
        await QueuedAsync(before, 2);
        await held.ReleaseAsync();

        Assert.Equal(1, (await up).Value);
        Assert.Equal(-1, (await down).Value); // up (+1), then down: the up undone and the down counted (−2)
        Assert.Equal(-1, (await forum.PostAsync(answer)).Score);
        await using var db = forum.Db();
        Assert.Equal(-1, await db.Votes.Where(v => v.PostId == answer && v.VoterId == voter.UserId).Select(v => v.Value).SingleAsync(Ct));
        var (_, authorPoints, authorLedger) = await forum.ReputationOfAsync(author);
        Assert.Equal(authorLedger, authorPoints);
        Assert.Equal(TestForum.DefaultReputation - ReputationRules.Floor + forum.Points.PostDownvoted, authorPoints);
        var (_, voterPoints, voterLedger) = await forum.ReputationOfAsync(voter);
        Assert.Equal(voterLedger, voterPoints);
        Assert.Equal(TestForum.DefaultReputation - ReputationRules.Floor + forum.Points.DownvotedAnswer, voterPoints);
    }

    [Fact]
    public async Task AVoteWhosePostIsGoneFailsAloneAndItsNeighboursCommit()
    {
        var question = await forum.AskAsync(await forum.MemberAsync());
        var kept = await forum.AnswerAsync(await forum.MemberAsync(), question);
        var removed = await forum.AnswerAsync(await forum.MemberAsync(), question, $"{TestForum.AnswerBody} Or reset it.");
        var voters = await forum.MembersAsync(3);
        var (batches, applied) = Writer.Committed;
        var before = Writer.Enqueued;

        var held = await HeldWriteTurn.TakeAsync(forum);
        var votes = new[]
        {
            forum.Vote.ExecuteAsync(voters[0], kept, 1, Ct),
            forum.Vote.ExecuteAsync(voters[1], removed, 1, Ct),
            forum.Vote.ExecuteAsync(voters[2], kept, 1, Ct),
        };
        await QueuedAsync(before, 3);
        // Removed for good after its vote's rules were read, before the vote's turn.
        var sql = $"""DELETE FROM "Posts" WHERE "Id" = {removed}""";
        await held.Db.Database.ExecuteSqlRawAsync(sql, Ct);
        await held.ReleaseAsync();
        var results = await Task.WhenAll(votes);

        Assert.True(results[0].Succeeded && results[2].Succeeded);
        Assert.Equal(WriteFailure.NotFound, results[1].Failure);
        Assert.Equal((batches + 1, applied + 3), Writer.Committed);
        Assert.Equal(2, (await forum.PostAsync(kept)).Score);
        var (_, points, ledgerSum) = await forum.ReputationOfAsync(voters[1]);
        Assert.Equal(ledgerSum, points);
    }

    [Fact]
    public async Task VotesHandedOverOneAfterAnotherShareOneRunOfTheWriter()
    {
        var author = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(author, await forum.AskAsync(await forum.MemberAsync()));
        var voters = await forum.MembersAsync(5);
        // Long enough that no vote here comes after the run has ended, however slow the machine.
        Writer.Linger = TimeSpan.FromMinutes(1);
        try
        {
            var runs = Writer.Runs;
            var (batches, applied) = Writer.Committed;

            foreach (var voter in voters)
                Assert.True((await forum.Vote.ExecuteAsync(voter, answer, 1, Ct)).Succeeded);

            // Each vote waited for its own COMMIT, so five batches; but the run that applied the first (its connection, its
            // prepared statements) was still there for the next: one run, not one a vote.
            Assert.Equal((batches + 5, applied + 5), Writer.Committed);
            Assert.InRange(Writer.Runs - runs, 0, 1);
            Assert.Equal(5, (await forum.PostAsync(answer)).Score);
            var (_, points, ledgerSum) = await forum.ReputationOfAsync(author);
            Assert.Equal(ledgerSum, points);
        }
        finally
        {
            Writer.StopLingering();
        }
    }
}
