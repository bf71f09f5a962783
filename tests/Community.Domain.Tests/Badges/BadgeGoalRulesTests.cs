using Community.Domain.Badges;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeGoalRulesTests
{
    [Fact]
    public void TheGoalFurthestAlongIsTheNearest()
    {
        var nearest = BadgeRules.Nearest([
            BadgeRules.Progress(BadgeCatalogue.NiceAnswer, 7),
            BadgeRules.Progress(BadgeCatalogue.PopularQuestion, 300),
            BadgeRules.Progress(BadgeCatalogue.Student, 1),
        ]);

        Assert.Equal(BadgeCatalogue.NiceAnswer, nearest!.Badge);
        Assert.Equal(0.7, nearest.Fraction, 3);
    }

    [Fact]
    public void ATagBadgeIsAsFarAlongAsItsWeakerMeasure() =>
        Assert.Equal(0.2, BadgeRules.Progress(BadgeCatalogue.TagBronze, value: 9, answers: 1).Fraction, 3);

    [Fact]
    public void ANegativeScoreIsNoProgress() =>
        Assert.Equal(0, BadgeRules.Progress(BadgeCatalogue.NiceQuestion, -4).Fraction);

    [Fact]
    public void NothingLeftMeansNoGoal() =>
        Assert.Null(BadgeRules.Nearest([BadgeRules.Progress(BadgeCatalogue.Teacher, 3)]));

    [Theory]
    [InlineData(7, "3 more upvotes on an answer to earn Nice Answer")]
    [InlineData(9, "1 more upvote on an answer to earn Nice Answer")]
    public void AScoreGoalSaysHowManyUpvotesAreMissing(int score, string text) =>
        Assert.Equal(text, BadgeRules.GoalText(BadgeRules.Progress(BadgeCatalogue.NiceAnswer, score)));

    [Fact]
    public void ATagGoalNamesTheTagAndBothMeasures() =>
        Assert.Equal("4 more answer points and 2 more answers in [billing] to earn its bronze badge",
            BadgeRules.GoalText(BadgeRules.Progress(BadgeCatalogue.ForTag(BadgeCatalogue.TagBronze, "billing"), 6, 3)));

    [Fact]
    public void AViewGoalCountsViews() =>
        Assert.Equal("1,500 more views of a question to earn Notable Question", BadgeRules.GoalText(BadgeRules.Progress(BadgeCatalogue.NotableQuestion, 1_000)));

    [Fact]
    public void MembershipProgressCountsTheDaysOfTheCurrentYear()
    {
        var joined = new DateTime(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

        var progress = BadgeRules.MembershipProgress(BadgeCatalogue.Yearling, joined, joined.AddDays(400));

        Assert.Equal((35, 331), (progress.Have, progress.StillNeeded)); // 2028 has a 29 February
        Assert.Equal("331 more days of membership to earn Yearling", BadgeRules.GoalText(progress));
    }
}
