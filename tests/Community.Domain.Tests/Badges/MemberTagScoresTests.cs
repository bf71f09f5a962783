using Community.Domain.Badges;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

/// <summary>
/// Each member's answer score and count per tag (<see cref="MemberTagScore"/>, kept by triggers) equals its recount from
/// the posts after every write that can move it, on the real migrations of either engine; and the tag badges read it.
/// </summary>
public sealed class MemberTagScoresTests
{
    [Fact]
    public async Task The_counters_equal_a_recount_after_every_write_that_moves_them()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(3);
        var (asker, expert, other) = (members[0], members[1], members[2]);
        var voters = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => forum.MemberWithReputationAsync(5_000, $"Voter {i}")));
        var moderator = await forum.ModeratorAsync();

        var first = await forum.AskAsync(asker, TestForum.QuestionTitle, TestForum.QuestionBody, "billing", "setup");
        var second = await forum.AskAsync(asker, TestForum.QuestionTitle + " again", TestForum.QuestionBody, "wifi");
        await AssertCountersAsync(forum, 0, "questions only");

        var answer = await forum.AnswerAsync(expert, first);
        var otherAnswer = await forum.AnswerAsync(other, first);
        var secondAnswer = await forum.AnswerAsync(expert, second);
        await AssertCountersAsync(forum, 5, "three answers: two on a question with two tags");

        await forum.VoteAsync(voters[0], answer, 1);
        await forum.VoteAsync(voters[1], answer, 1);
        await forum.VoteAsync(voters[2], answer, -1);
        await forum.VoteAsync(voters[0], secondAnswer, 1);
        await forum.VoteAsync(voters[0], first, 1);
        await AssertCountersAsync(forum, 5, "voted up and down");
        Assert.Equal((1, 1), await CounterAsync(forum, expert, "billing"));

        await forum.VoteAsync(voters[2], answer, 1);
        await forum.VoteAsync(voters[1], answer, 0);
        await AssertCountersAsync(forum, 5, "a vote changed, one retracted");
        Assert.Equal((2, 1), await CounterAsync(forum, expert, "setup"));

        Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);
        await forum.SetScoreAsync(otherAnswer, 7);
        await AssertCountersAsync(forum, 5, "accepted; a score set in SQL");

        Assert.True((await forum.Delete.DeleteAsync(moderator, answer, Ct)).Succeeded);
        await AssertCountersAsync(forum, 3, "an answer deleted");
        Assert.Equal((0, 0), await CounterAsync(forum, expert, "billing"));
        await forum.VoteAsync(voters[0], otherAnswer, 1);
        Assert.True((await forum.Delete.UndeleteAsync(moderator, answer, Ct)).Succeeded);
        await AssertCountersAsync(forum, 5, "the answer restored");

        Assert.True((await forum.Delete.DeleteAsync(moderator, first, Ct)).Succeeded);
        await AssertCountersAsync(forum, 1, "the question deleted");
        await forum.SetScoreAsync(answer, 20);
        await AssertCountersAsync(forum, 1, "an answer on a deleted question scored");
        Assert.True((await forum.Delete.UndeleteAsync(moderator, first, Ct)).Succeeded);
        await AssertCountersAsync(forum, 5, "the question restored");
        Assert.Equal((20, 1), await CounterAsync(forum, expert, "setup"));

        var retagged = await forum.Edit.ExecuteAsync(asker, new EditPostCommand(first, 1, TestForum.QuestionBody + " With other tags.", TestForum.QuestionTitle, ["setup", "router", "firmware"]), Ct);
        Assert.True(retagged.Succeeded, retagged.Message);
        await AssertCountersAsync(forum, 7, "retagged: billing off, router and firmware on");
        Assert.Equal((0, 0), await CounterAsync(forum, other, "billing"));
        Assert.Equal((8, 1), await CounterAsync(forum, other, "router"));

        await using (var db = forum.Db())
        {
            await db.Posts.Where(p => p.Id == secondAnswer).ExecuteDeleteAsync(Ct);
            await db.Posts.Where(p => p.Id == first).ExecuteDeleteAsync(Ct);
        }
        await AssertCountersAsync(forum, 0, "an answer and a question (with its answers) removed for good");
    }

    /// <summary>The migration's backfill (its own SQL on SQLite, to read the table in order) counts what the triggers count.</summary>
    [Fact]
    public async Task The_backfill_counts_the_answers_written_before_the_counters()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(3);
        var moderator = await forum.ModeratorAsync();
        var questions = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            questions.Add(await forum.AskAsync(members[0], $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, TestForum.TagNames[i], TestForum.TagNames[i + 1]));
            foreach (var member in members.Skip(1))
                await forum.SetScoreAsync(await forum.AnswerAsync(member, questions[^1]), i * 3 + 1);
        }
        var deletedAnswer = await forum.AnswerAsync(members[0], questions[0]);
        Assert.True((await forum.Delete.DeleteAsync(moderator, deletedAnswer, Ct)).Succeeded);
        Assert.True((await forum.Delete.DeleteAsync(moderator, questions[3], Ct)).Succeeded);
        await AssertCountersAsync(forum, 8, "as written, by the triggers");

        await using (var db = forum.Db())
        {
            await db.MemberTagScores.ExecuteDeleteAsync(Ct);
            await db.Database.ExecuteSqlRawAsync(forum.Database.IsPostgres ? MemberTagScores.BackfillPostgres : MemberTagScores.BackfillSqlite, Ct);
        }

        await AssertCountersAsync(forum, 8, "by the backfill");
    }

    [Fact]
    public async Task A_vote_on_an_answer_awards_the_tag_badge_from_the_counters()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var expert = await forum.MemberAsync();
        var voter = await forum.MemberWithReputationAsync(5_000);
        var bronze = BadgeCatalogue.TagBronze;
        var last = 0;
        for (var i = 0; i < bronze.MinimumAnswers; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing");
            last = await forum.AnswerAsync(expert, question);
            await forum.SetScoreAsync(last, i == 0 ? bronze.Threshold - 1 : 0);
        }
        Assert.Empty(await forum.Awarder().CheckMemberAsync(expert.UserId, BadgeScope.VotedOn(last), Ct));

        await forum.VoteAsync(voter, last, 1);
        var earned = await forum.Awarder().CheckMemberAsync(expert.UserId, BadgeScope.VotedOn(last), Ct);

        Assert.Contains(earned, e => e.Badge.Id == bronze.Id && e.AwardKey == "billing");
    }

    private static async Task<(int Score, int Answers)> CounterAsync(TestForum forum, Actor member, string tag)
    {
        await using var db = forum.Db();
        var row = await db.MemberTagScores.Where(s => s.UserId == member.UserId && db.Tags.Any(t => t.Id == s.TagId && t.Name == tag))
            .Select(s => new { s.Score, s.Answers }).SingleOrDefaultAsync(Ct);
        return row is null ? (0, 0) : (row.Score, row.Answers);
    }

    /// <summary>Every counter with something in it equals the recount, and there are <paramref name="expected"/> of them.</summary>
    private static async Task AssertCountersAsync(TestForum forum, int expected, string because)
    {
        await using var db = forum.Db();
        var counters = (await db.MemberTagScores.AsNoTracking().Where(s => s.Answers != 0 || s.Score != 0).ToListAsync(Ct))
            .Select(s => (s.UserId, s.TagId, s.Score, s.Answers)).Order().ToList();
        var recount = (await db.Database.SqlQueryRaw<Recounted>(MemberTagScores.Recount).ToListAsync(Ct))
            .Select(r => (r.UserId, r.TagId, (int)r.Score, (int)r.Answers)).Order().ToList();
        Assert.True(recount.SequenceEqual(counters), $"{because}: counters [{string.Join(", ", counters)}], recount [{string.Join(", ", recount)}]");
        Assert.True(expected == counters.Count, $"{because}: {counters.Count} counters, expected {expected}");
    }

    private sealed record Recounted(string UserId, int TagId, long Score, long Answers);
}
