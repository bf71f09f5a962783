using Community.Domain.Badges;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeRulesTests
{
    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(11, true)]
    public void NiceAnswerNeedsAScoreOfTen(int score, bool earned) =>
        Assert.Equal(earned, BadgeRules.IsEarned(BadgeCatalogue.NiceAnswer, score));

    [Theory]
    [InlineData(0, false)]
    [InlineData(-3, false)]
    [InlineData(1, true)]
    public void StudentNeedsAPositiveScore(int score, bool earned) =>
        Assert.Equal(earned, BadgeRules.IsEarned(BadgeCatalogue.Student, score));

    [Theory]
    [InlineData(999, false)]
    [InlineData(1_000, true)]
    public void PopularQuestionNeedsAThousandViews(int views, bool earned) =>
        Assert.Equal(earned, BadgeRules.IsEarned(BadgeCatalogue.PopularQuestion, views));

    [Theory]
    [InlineData(10, 5, true)]
    [InlineData(10, 4, false)]
    [InlineData(9, 5, false)]
    [InlineData(500, 4, false)]
    public void ABronzeTagBadgeNeedsBothTheScoreAndTheAnswers(int score, int answers, bool earned) =>
        Assert.Equal(earned, BadgeRules.IsEarned(BadgeCatalogue.TagBronze, score, answers));

    [Fact]
    public void ProgressSaysHowMuchMoreEachMeasureNeeds()
    {
        var progress = BadgeRules.Progress(BadgeCatalogue.TagSilver, value: 60, answers: 25);

        Assert.Equal(40, progress.StillNeeded);
        Assert.Equal(0, progress.AnswersStillNeeded);
        Assert.False(progress.IsEarned);
    }

    [Fact]
    public void ProgressIsNeverNegativeOnceEarned()
    {
        var progress = BadgeRules.Progress(BadgeCatalogue.GoodQuestion, value: 40);

        Assert.Equal(0, progress.StillNeeded);
        Assert.True(progress.IsEarned);
    }

    [Fact]
    public void AYearOfMembershipCompletesOnTheAnniversary()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var joined = clock.GetUtcNow().UtcDateTime;

        clock.Advance(TimeSpan.FromDays(364));
        Assert.Equal(0, BadgeRules.MembershipYears(joined, clock.GetUtcNow().UtcDateTime));
        Assert.Equal(joined.AddYears(1), BadgeRules.NextMembershipYear(joined, clock.GetUtcNow().UtcDateTime));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, BadgeRules.MembershipYears(joined, clock.GetUtcNow().UtcDateTime));
        Assert.True(BadgeRules.IsEarned(BadgeCatalogue.Yearling, BadgeRules.MembershipYears(joined, clock.GetUtcNow().UtcDateTime)));
    }

    [Fact]
    public void SomeoneWhoJoinedOnLeapDayHasTheirYearOnTheLastDayOfFebruary()
    {
        var joined = new DateTime(2028, 2, 29, 9, 0, 0, DateTimeKind.Utc);

        Assert.Equal(0, BadgeRules.MembershipYears(joined, new DateTime(2029, 2, 28, 8, 59, 0, DateTimeKind.Utc)));
        Assert.Equal(1, BadgeRules.MembershipYears(joined, new DateTime(2029, 2, 28, 9, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void AClockBehindTheJoiningDateCountsNoYears() =>
        Assert.Equal(0, BadgeRules.MembershipYears(new DateTime(2026, 1, 1), new DateTime(2025, 1, 1)));

    [Fact]
    public void ANoticeNamesTheLevelTheBadgeAndThePost() =>
        Assert.Equal("You earned the bronze badge Nice Answer for “Router drops Wi-Fi every night”.",
            BadgeRules.NoticeText(BadgeCatalogue.NiceAnswer, "Router drops Wi-Fi every night"));

    [Fact]
    public void ANoticeWithoutAPostSaysWhatTheBadgeIsFor() =>
        Assert.Equal("You earned the bronze badge Supporter: cast a first up vote.", BadgeRules.NoticeText(BadgeCatalogue.Supporter, null));

    [Fact]
    public void AYearlyNoticeCountsTheYears()
    {
        Assert.Equal("You earned the silver badge Yearling for a year of membership.", BadgeRules.YearNoticeText(BadgeCatalogue.Yearling, 1));
        Assert.Equal("You earned the silver badge Yearling for 3 years of membership.", BadgeRules.YearNoticeText(BadgeCatalogue.Yearling, 3));
    }
}
