using Community.Domain.Badges;
using Community.Domain.Tests.Posting;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeGoalsTests
{
    [Fact]
    public async Task TheNextGoalIsTheNextLevelOfTheBestPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, await forum.AskAsync(await forum.MemberAsync()));
        await forum.SetScoreAsync(answer, 12);
        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        var goal = await new BadgeGoals(forum.Database, forum.Time).NextAsync(answerer.UserId, Ct);

        Assert.Equal(BadgeCatalogue.GoodAnswer, goal!.Badge);
        Assert.Equal("13 more upvotes on an answer to earn Good Answer", goal.Text);
        Assert.Equal("badges/11/good-answer", goal.Link);
    }

    [Fact]
    public async Task AnAnswerThatEarnedABadgeNoLongerCountsTowardsIt()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        await forum.SetScoreAsync(await forum.AnswerAsync(answerer, question), 20);
        await forum.SetScoreAsync(await forum.AnswerAsync(answerer, question, TestForum.AnswerBody + " Also check the cable."), 8);
        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        var goal = await new BadgeGoals(forum.Database, forum.Time).NextAsync(answerer.UserId, Ct);

        Assert.Equal(BadgeCatalogue.NiceAnswer, goal!.Badge);
        Assert.Equal(0.8, goal.Progress, 3);
    }

    [Fact]
    public async Task AnUnknownMemberHasNoGoal()
    {
        await using var forum = await TestForum.CreateAsync();

        Assert.Null(await new BadgeGoals(forum.Database, forum.Time).NextAsync("nobody", Ct));
    }
}
