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
}
