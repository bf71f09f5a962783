using Community.Domain.Reputation.Queries;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.ReputationQueries;

public sealed class ReputationOverTimeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    [Fact]
    public async Task TheChartHasTheTotalAtTheEndOfEachDayItChangedAndToday()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberWithReputationAsync(50);
        var question = await forum.AskAsync(author);
        var voters = await forum.MembersAsync(3);
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 59, 59, TimeSpan.Zero));
        Assert.True((await forum.Vote.ExecuteAsync(voters[0], question, 1, Ct)).Succeeded);
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));
        Assert.True((await forum.Vote.ExecuteAsync(voters[1], question, 1, Ct)).Succeeded);
        Assert.True((await forum.Vote.ExecuteAsync(voters[2], question, -1, Ct)).Succeeded);
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

        var series = await new ReputationOverTime(forum.Database, forum.Time).SeriesAsync(author.UserId, Ct);

        Assert.Equal(
        [
            new(Day(10, 24), 50), // the starting bonus, dated before the account in TestForum
            new(Day(11, 23), 50), // the day before the first vote repeats the total: flat, not a slope
            new(Day(11, 24), 60), // 23:59:59 is still the 24th
            new(Day(11, 25), 68), // midnight is the 25th: +10 −2
            new(Day(11, 28), 68), // today
        ], series);
    }

    [Fact]
    public void AMemberWithNoEntriesHasAFlatLineAtOneFromTheirFirstDay()
    {
        var series = ReputationOverTime.Series([], joined: Day(11, 1), today: Day(11, 23));

        Assert.Equal([new(Day(11, 1), 1), new(Day(11, 23), 1)], series);
    }

    [Fact]
    public void ANewMemberTodayHasOnePoint()
    {
        Assert.Equal([new ReputationPoint(Day(11, 23), 1)], ReputationOverTime.Series([], Day(11, 23), Day(11, 23)));
    }

    [Fact]
    public void TheTotalNeverFallsBelowTheFloor()
    {
        var series = ReputationOverTime.Series([(Day(11, 2), 10), (Day(11, 3), -30), (Day(11, 4), 5)], Day(11, 2), Day(11, 4));

        Assert.Equal([11, 1, 1], series.Select(p => p.Reputation));
    }

    [Fact]
    public void ALongSeriesIsThinnedKeepingItsEnds()
    {
        var daily = Enumerable.Range(0, 1_000).Select(i => (DateOnly.FromDayNumber(Day(1, 1).DayNumber + i), 1L));
        var today = DateOnly.FromDayNumber(Day(1, 1).DayNumber + 999);

        var series = ReputationOverTime.Series(daily, Day(1, 1), today, maxPoints: 100);

        Assert.Equal(100, series.Count);
        Assert.Equal(new ReputationPoint(Day(1, 1), 2), series[0]);
        Assert.Equal(new ReputationPoint(today, 1_001), series[^1]);
        Assert.Equal(series.OrderBy(p => p.Day), series);
    }
}
