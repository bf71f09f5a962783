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
}
