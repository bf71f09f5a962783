using Bunit;
using Community.Domain.Privileges;
using Community.Domain.Reputation.Queries;
using Community.Web.Components.Pages.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Users;

public sealed class ProfileComponentsTests : BunitContext
{
    public ProfileComponentsTests() => Services.AddSingleton(new PrivilegeOptions());

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    [Fact]
    public void NextGoalNamesTheNearestPrivilegeAndHowFarAlongItIs()
    {
        var goal = Render<NextGoal>(p => p.Add(c => c.Reputation, 100));

        Assert.Equal("Next goal: 25 more reputation to unlock voting down", goal.Find(".next-goal-text").TextContent);
        Assert.Equal("80", goal.Find("progress").GetAttribute("value"));
        Assert.Equal("help/privileges", goal.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void NextGoalPrefersABadgeGoalThatIsFurtherAlong()
    {
        var goal = Render<NextGoal>(p => p.Add(c => c.Reputation, 20)
            .Add(c => c.BadgeGoal, "7 more upvotes on answers to earn Nice Answer").Add(c => c.BadgeProgress, 0.9).Add(c => c.BadgeGoalLink, "badges/nice-answer"));

        Assert.Equal("Next goal: 7 more upvotes on answers to earn Nice Answer", goal.Find(".next-goal-text").TextContent);
        Assert.Equal("badges/nice-answer", goal.Find("a").GetAttribute("href"));
    }

    [Fact]
    public void NextGoalShowsNothingWhenEveryPrivilegeIsHeldAndNoBadgeIsNear()
    {
        Assert.Empty(Render<NextGoal>(p => p.Add(c => c.Reputation, 1).Add(c => c.IsModerator, true)).Markup.Trim());
        Assert.Empty(Render<NextGoal>(p => p.Add(c => c.Reputation, 50_000)).Markup.Trim());
    }

    [Fact]
    public void TheChartDrawsEachPointFromTheFirstDayOnTheLeftToTheLastOnTheRight()
    {
        var series = new ReputationPoint[] { new(Day(11, 1), 1), new(Day(11, 11), 50), new(Day(11, 21), 100) };

        var chart = Render<ReputationChart>(p => p.Add(c => c.Points, series).Add(c => c.Name, "Priya Raman"));

        // 0–100 maps to y 172–12; days map to x 56–624.
        Assert.Equal("56,170.4 340,92 624,12", chart.Find("polyline").GetAttribute("points"));
        Assert.Equal("From 1 on 1 Nov 2026 to 100 on 21 Nov 2026; highest 100.", chart.Find("desc").TextContent);
        Assert.Equal(["0", "50", "100", "1 Nov 2026", "21 Nov 2026"], chart.FindAll("text").Select(t => t.TextContent));
    }

    [Fact]
    public void OneDayIsAFlatLineAcrossTheChart()
    {
        var layout = ReputationChartGeometry.Layout([new ReputationPoint(Day(11, 23), 1)]);

        Assert.Equal("56,12 624,12", layout.Points);
        Assert.Single(layout.DayLabels);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(7, 8)]
    [InlineData(120, 200)]
    [InlineData(1_001, 2_000)]
    [InlineData(2_651, 3_000)]
    [InlineData(50_000, 50_000)]
    public void TheValueAxisEndsAtARoundNumber(int highest, int top) => Assert.Equal(top, ReputationChartGeometry.RoundUp(highest));

    [Fact]
    public void BadgesShowNothingWithoutDataAndAreGroupedByLevelWithIt()
    {
        Assert.Empty(Render<ProfileBadges>().Markup.Trim());

        var badges = Render<ProfileBadges>(p => p.Add(c => c.Badges,
            [new ProfileBadge("Great Answer", "Gold"), new ProfileBadge("Nice Answer", "Bronze", 3), new ProfileBadge("Teacher", "Bronze")]));

        Assert.Equal(["Gold", "Bronze"], badges.FindAll(".badge-level").Select(l => l.GetAttribute("data-level")));
        Assert.Equal("4", badges.Find("[data-level=Bronze] .badge-count").TextContent);
    }
}
