using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Reputation;

/// <summary>
/// Each member's capped vote gains of the day (<see cref="MemberVoteGain"/>, kept by a trigger on the ledger) equal the
/// ledger's own sum for their latest day of gains, whatever writes the ledger, on the real migrations of either engine.
/// The cap itself is specified by <c>ReputationLedgerTests.GainsFromVotesStopAtTwoHundredADayAndStartAgainTheNextUtcDay</c>.
/// </summary>
public sealed class MemberVoteGainsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task The_counter_equals_the_ledgers_sum_for_the_day_after_every_kind_of_vote()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 100_000, PostsPerHour = 100_000 });
        var author = await forum.MemberAsync("Prolific");
        var voters = await Task.WhenAll(Enumerable.Range(0, 26).Select(i => forum.MemberWithReputationAsync(500, $"Voter {i}")));
        var question = await forum.AskAsync(voters[0]);
        var answer = await forum.AnswerAsync(author, question);
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));

        foreach (var voter in voters.Skip(1).Take(3))
            Assert.True((await forum.Vote.ExecuteAsync(voter, answer, 1, Ct)).Succeeded);
        Assert.Equal((new DateOnly(2026, 11, 24), 30), await CounterAsync(forum, author));
        await AssertCountersAsync(forum, "three upvotes");

        Assert.True((await forum.Vote.ExecuteAsync(voters[1], answer, 0, Ct)).Succeeded);
        Assert.True((await forum.Vote.ExecuteAsync(voters[2], answer, -1, Ct)).Succeeded);
        Assert.True((await forum.Vote.ExecuteAsync(voters[0], answer, 1, Ct)).Succeeded);
        await AssertCountersAsync(forum, "one retracted, one turned down, the asker's upvote");

        foreach (var voter in voters.Skip(4).Take(20))
            Assert.True((await forum.Vote.ExecuteAsync(voter, answer, 1, Ct)).Succeeded);
        Assert.Equal((new DateOnly(2026, 11, 24), 200), await CounterAsync(forum, author));
        await AssertCountersAsync(forum, "past the cap (rows of 0)");

        forum.Time.Advance(TimeSpan.FromHours(1)); // past midnight UTC
        Assert.True((await forum.Vote.ExecuteAsync(voters[24], answer, 1, Ct)).Succeeded);
        Assert.Equal((new DateOnly(2026, 11, 25), 10), await CounterAsync(forum, author));
        await AssertCountersAsync(forum, "the next UTC day");

        // Written in SQL, dated the day before: it does not count today, whoever writes it.
        await using (var db = forum.Db())
        {
            db.ReputationEntries.Add(new ReputationEntry
            {
                UserId = author.UserId, Amount = 10, Reason = ReputationReason.AnswerUpvoted, SourceKey = "vote:imported",
                CreatedAt = new DateTime(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal((new DateOnly(2026, 11, 25), 10), await CounterAsync(forum, author));
        Assert.True((await forum.Vote.ExecuteAsync(voters[25], answer, 1, Ct)).Succeeded);
        await AssertCountersAsync(forum, "a row of an earlier day, then an upvote");
    }

    /// <summary>The migration's backfill counts today's (the real clock's UTC day) capped rows, and no other day's.</summary>
    [Fact]
    public async Task The_backfill_counts_todays_capped_rows()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(2);
        var now = DateTime.UtcNow;
        await using (var db = forum.Db())
        {
            foreach (var (member, amount, reason, when) in new[]
            {
                (members[0], 10, ReputationReason.AnswerUpvoted, now), (members[0], 10, ReputationReason.QuestionUpvoted, now),
                (members[0], 0, ReputationReason.AnswerUpvoted, now), (members[0], -2, ReputationReason.PostDownvoted, now),
                (members[0], 10, ReputationReason.AnswerUpvoted, now.AddDays(-1)), (members[1], 10, ReputationReason.AnswerUpvoted, now.AddDays(-2)),
            })
                db.ReputationEntries.Add(new ReputationEntry { UserId = member.UserId, Amount = amount, Reason = reason, SourceKey = $"vote:{Guid.NewGuid()}", CreatedAt = when });
            await db.SaveChangesAsync(Ct);
            await db.MemberVoteGains.ExecuteDeleteAsync(Ct);
            await db.Database.ExecuteSqlRawAsync(forum.Database.IsPostgres ? MemberVoteGains.BackfillPostgres : MemberVoteGains.BackfillSqlite, Ct);
        }

        await using var check = forum.Db();
        var gains = await check.MemberVoteGains.AsNoTracking().Where(g => g.UserId == members[0].UserId || g.UserId == members[1].UserId).ToListAsync(Ct);
        var gain = Assert.Single(gains);
        Assert.Equal((members[0].UserId, DateOnly.FromDateTime(now), 20), (gain.UserId, gain.Day, gain.Gained));
    }

    private static async Task<(DateOnly Day, int Gained)> CounterAsync(TestForum forum, Actor member)
    {
        await using var db = forum.Db();
        var gain = await db.MemberVoteGains.SingleAsync(g => g.UserId == member.UserId, Ct);
        return (gain.Day, gain.Gained);
    }

    /// <summary>Every member's counter is the ledger's sum of capped rows on their latest day of them.</summary>
    private static async Task AssertCountersAsync(TestForum forum, string because)
    {
        await using var db = forum.Db();
        var capped = await db.ReputationEntries.AsNoTracking()
            .Where(e => e.Reason == ReputationReason.QuestionUpvoted || e.Reason == ReputationReason.AnswerUpvoted)
            .Select(e => new { e.UserId, e.CreatedAt, e.Amount }).ToListAsync(Ct);
        var recount = capped.GroupBy(e => e.UserId).Select(member =>
        {
            var day = member.Max(e => DateOnly.FromDateTime(e.CreatedAt));
            return (member.Key, day, member.Where(e => DateOnly.FromDateTime(e.CreatedAt) == day).Sum(e => e.Amount));
        }).Order().ToList();
        var counters = (await db.MemberVoteGains.AsNoTracking().ToListAsync(Ct)).Select(g => (g.UserId, g.Day, g.Gained)).Order().ToList();
        Assert.True(recount.SequenceEqual(counters), $"{because}: counters [{string.Join(", ", counters)}], recount [{string.Join(", ", recount)}]");
        Assert.NotEmpty(counters);
    }
}
