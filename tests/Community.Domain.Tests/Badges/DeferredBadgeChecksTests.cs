using Community.Domain.Badges;
using Community.Domain.Voting;
using Community.Domain.Tests.Posting;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

/// <summary>A vote's badge checks, run after the vote by <see cref="DeferredBadgeChecks"/>: nothing is missed, nothing twice.</summary>
public sealed class DeferredBadgeChecksTests
{
    [Fact]
    public async Task AVoteReturnsAtOnceAndItsBadgesFollow()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var voter = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        Assert.True((await vote.ExecuteAsync(voter, question, 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        Assert.Equal([(BadgeCatalogue.Supporter.Id, "once")], await forum.AwardsAsync(voter));
        Assert.Equal([(BadgeCatalogue.Student.Id, "once")], await forum.AwardsAsync(asker));
    }

    [Fact]
    public async Task ManyVotesOnOneAuthorAwardEachBadgeOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(answerer, question);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        await Task.WhenAll((await forum.MembersAsync(10)).Select(voter => vote.ExecuteAsync(voter, answer, 1, Ct)));
        await deferred.WhenIdleAsync();

        Assert.Equal([(BadgeCatalogue.Teacher.Id, "once"), (BadgeCatalogue.NiceAnswer.Id, answer.ToString())], await forum.AwardsAsync(answerer));
    }

    [Fact]
    public async Task AVoteThatCompletesATagTotalEarnsTheTagBadgeFromTheWholeTag()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing");
            answers.Add(await forum.AnswerAsync(answerer, question));
            await forum.SetScoreAsync(answers[^1], 2);
        }
        await forum.SetScoreAsync(answers[0], 1);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        // 9 from five answers, then a vote on the last answer makes 10: the other four count, as in a full check.
        Assert.True((await vote.ExecuteAsync(await forum.MemberAsync(), answers[^1], 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        Assert.Contains((BadgeCatalogue.TagBronze.Id, "billing"), await forum.AwardsAsync(answerer));
    }

    [Fact]
    public async Task AVoteScopedCheckNeverAwardsWhatTheVoteDidNotEarn()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var question = await forum.AskAsync(member);
        await forum.SetScoreAsync(question, 12);
        var other = await forum.AskAsync(member, $"{TestForum.QuestionTitle} again", TestForum.QuestionBody, "billing");

        // The first question earned Nice Question long ago; a check scoped to a vote on the other question does not see it,
        // and the full check does.
        Assert.Empty(await forum.Awarder().CheckMemberAsync(member.UserId, BadgeScope.VotedOn(other), Ct));
        Assert.Contains(await forum.Awarder().CheckMemberAsync(member.UserId, Ct), e => e.Badge == BadgeCatalogue.NiceQuestion && e.PostId == question);
    }

    [Fact]
    public async Task ManyFirstVotesAtOnceEarnEachVoterSupporterOnceWithOneNoticeEach()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var questions = new List<int>();
        for (var i = 0; i < 3; i++)
            questions.Add(await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing"));
        var voters = await forum.MembersAsync(12);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        // Each voter votes on every question at once: their checks meet in the same drains.
        var results = await Task.WhenAll(voters.SelectMany(voter => questions.Select(question => vote.ExecuteAsync(voter, question, 1, Ct))));
        await deferred.WhenIdleAsync();

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        foreach (var voter in voters)
            Assert.Equal([(BadgeCatalogue.Supporter.Id, "once")], await forum.AwardsAsync(voter));
        // Student once, and Nice Question for each question that reached 12 ≥ 10.
        Assert.Equal([(BadgeCatalogue.Student.Id, "once"), .. questions.Select(q => (BadgeCatalogue.NiceQuestion.Id, q.ToString())).Order()],
            await forum.AwardsAsync(asker));
        Assert.Equal(12 + 1 + 3, await NoticeCountAsync(forum));
    }

    [Fact]
    public async Task ADownVoteEarnsTheVoterCriticAndTheAuthorNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 11);
        var voter = await forum.MemberAsync();
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        Assert.True((await vote.ExecuteAsync(voter, question, -1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        Assert.Equal([(BadgeCatalogue.Critic.Id, "once")], await forum.AwardsAsync(voter));
        Assert.Empty(await forum.AwardsAsync(asker));
    }

    [Fact]
    public async Task AVoteThatTakesAnAcceptedAnswerToFortyEarnsGuru()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);
        await forum.SetScoreAsync(answer, 39);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        Assert.True((await vote.ExecuteAsync(await forum.MemberAsync(), answer, 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        Assert.True(await forum.HoldsAsync(answerer, BadgeCatalogue.Guru, answer.ToString()));
    }

    [Fact]
    public async Task AVoteThatCompletesTwentyAnswersHundredPointsEarnsTheSilverTagBadge()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        var answers = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "wifi");
            answers.Add(await forum.AnswerAsync(answerer, question));
            await forum.SetScoreAsync(answers[^1], 5);
        }
        await forum.SetScoreAsync(answers[0], 4);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);

        // 99 from twenty answers; a vote on any of them makes 100.
        Assert.True((await vote.ExecuteAsync(await forum.MemberAsync(), answers[7], 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        var awards = await forum.AwardsAsync(answerer);
        Assert.Contains((BadgeCatalogue.TagBronze.Id, "wifi"), awards);
        Assert.Contains((BadgeCatalogue.TagSilver.Id, "wifi"), awards);
        Assert.DoesNotContain((BadgeCatalogue.TagGold.Id, "wifi"), awards);
    }

    [Fact]
    public async Task AnUpVoteThatBringsItsAuthorsTagTotalsCostsNoCheckOnceTheirTagBadgesAreHeld()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        var answers = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "wifi");
            answers.Add(await forum.AnswerAsync(answerer, question));
            await forum.SetScoreAsync(answers[^1], 5);
        }
        await forum.SetScoreAsync(answers[0], 4);
        var voter = await forum.MemberAsync();
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);
        Assert.True((await vote.ExecuteAsync(voter, answers[7], 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();
        Assert.Contains((BadgeCatalogue.TagSilver.Id, "wifi"), await forum.AwardsAsync(answerer));

        // The next up vote's totals (101 from 20 answers) earn only what is known held: nothing to read or write.
        Assert.False(deferred.AfterVote(new VoteEvent(voter.UserId, 1, answerer.UserId, answers[8], 0, true, false, true, 6, 1, [new TagFact("wifi", 101, 20)])));
        // Without its totals, the check reads the counters.
        Assert.True(deferred.AfterVote(new VoteEvent(voter.UserId, 1, answerer.UserId, answers[8], 0, true, false, true, 6, 1)));
        // Totals that reach a level not yet held are worth a look.
        Assert.True(deferred.AfterVote(new VoteEvent(voter.UserId, 1, answerer.UserId, answers[8], 0, true, false, true, 6, 1,
            [new TagFact("wifi", BadgeCatalogue.TagGold.Threshold, Math.Max(20, BadgeCatalogue.TagGold.MinimumAnswers))])));
        await deferred.WhenIdleAsync();
    }

    [Fact]
    public async Task AVoteThatCanEarnNothingNewCostsNoCheck()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var voter = await forum.MemberAsync();
        var first = await forum.AskAsync(asker);
        var second = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} again", TestForum.QuestionBody, "billing");
        await forum.SetScoreAsync(second, 3);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);
        Assert.True((await vote.ExecuteAsync(voter, first, 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();
        Assert.True(await forum.HoldsAsync(voter, BadgeCatalogue.Supporter));

        // The voter is known to hold Supporter now, and 3 → 4 crosses no threshold of a question: nothing to read.
        Assert.False(deferred.AfterVote(new VoteEvent(voter.UserId, 1, asker.UserId, second, second, false, false, true, 4, 1)));
        // An up vote on an answer always looks at the author's tag totals; a first Critic is worth a look.
        Assert.True(deferred.AfterVote(new VoteEvent(voter.UserId, 1, asker.UserId, second, second, true, false, true, 4, 1)));
        Assert.True(deferred.AfterVote(new VoteEvent(voter.UserId, -1, asker.UserId, second, second, false, false, true, 2, -1)));
        await deferred.WhenIdleAsync();
    }

    [Fact]
    public async Task TheFirstChecksReadWhatEveryMemberHoldsSoLaterVotesOfHoldersCostNoCheck()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var other = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} again", TestForum.QuestionBody, "billing");
        var voters = await forum.MembersAsync(3);
        var critic = await forum.MemberAsync();
        // Badges held from before this process: the voters' Supporter, the critic's Critic, the asker's Student.
        foreach (var voter in voters)
            await forum.VoteAsync(voter, question);
        await forum.VoteAsync(critic, question, -1);
        await forum.Awarder().SweepAsync(Ct);
        Assert.True(await forum.HoldsAsync(voters[2], BadgeCatalogue.Supporter));
        Assert.True(await forum.HoldsAsync(critic, BadgeCatalogue.Critic));
        Assert.True(await forum.HoldsAsync(asker, BadgeCatalogue.Student));
        var noticesBefore = await NoticeCountAsync(forum, voters[2]);
        var deferred = new DeferredBadgeChecks(forum.Awarder());

        // This awarder has seen nothing yet: a first vote is worth a look.
        Assert.True(deferred.AfterVote(new VoteEvent(voters[0].UserId, 1, asker.UserId, other, other, false, false, true, 3, 1)));
        await deferred.WhenIdleAsync();

        // That check read what every member holds: the other holders' votes cost nothing, though never checked here.
        Assert.False(deferred.AfterVote(new VoteEvent(voters[1].UserId, 1, asker.UserId, other, other, false, false, true, 4, 1)));
        Assert.False(deferred.AfterVote(new VoteEvent(critic.UserId, -1, asker.UserId, other, other, false, false, true, 3, -1)));
        // Student (0 → 1 on a question) is the asker's already.
        Assert.False(deferred.AfterVote(new VoteEvent(voters[2].UserId, 1, asker.UserId, other, other, false, false, true, 1, 1)));
        // A badge not held is still worth a look, and is awarded once.
        Assert.True(deferred.AfterVote(new VoteEvent(voters[2].UserId, -1, asker.UserId, other, other, false, false, true, 2, -1)));
        Assert.True(deferred.AfterVote(new VoteEvent(voters[2].UserId, -1, asker.UserId, question, question, false, false, true, 2, -1)));
        await deferred.WhenIdleAsync();
        Assert.Equal([(BadgeCatalogue.Supporter.Id, "once"), (BadgeCatalogue.Critic.Id, "once")], await forum.AwardsAsync(voters[2]));
        Assert.Equal(noticesBefore + 1, await NoticeCountAsync(forum, voters[2]));
    }

    [Fact]
    public async Task ABadgeTheSweepAlreadyAwardedIsNotAwardedAgainNorAnnouncedTwice()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 9);
        var voter = await forum.MemberAsync();
        await forum.VoteAsync(voter, await forum.AskAsync(await forum.MemberAsync(), $"{TestForum.QuestionTitle} again", TestForum.QuestionBody, "billing"));
        await forum.SetScoreAsync(question, 10);
        await forum.Awarder().SweepAsync(Ct);
        await forum.SetScoreAsync(question, 9);
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var vote = new CastVote(forum.Database, forum.Limits, forum.Ledger, forum.Privileges, forum.Time, forum.Awarder(), deferredBadges: deferred);
        var noticesBefore = await NoticeCountAsync(forum);

        // 9 → 10 crosses Nice Question's threshold again; the voter's Supporter came from the sweep too.
        Assert.True((await vote.ExecuteAsync(voter, question, 1, Ct)).Succeeded);
        await deferred.WhenIdleAsync();

        Assert.Equal([(BadgeCatalogue.Student.Id, "once"), (BadgeCatalogue.NiceQuestion.Id, question.ToString())], await forum.AwardsAsync(asker));
        Assert.Equal([(BadgeCatalogue.Supporter.Id, "once")], await forum.AwardsAsync(voter));
        Assert.Equal(noticesBefore, await NoticeCountAsync(forum));
    }

    private static async Task<int> NoticeCountAsync(TestForum forum, Community.Domain.Posting.Actor member)
    {
        await using var db = forum.Db();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Notices,
            n => n.Kind == Community.Domain.Notifications.NotificationKind.BadgeEarned && n.UserId == member.UserId, Ct);
    }

    /// <summary>Badge notices only (an up vote's reputation may bring a privilege notice).</summary>
    private static async Task<int> NoticeCountAsync(TestForum forum)
    {
        await using var db = forum.Db();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Notices,
            n => n.Kind == Community.Domain.Notifications.NotificationKind.BadgeEarned, Ct);
    }
}
