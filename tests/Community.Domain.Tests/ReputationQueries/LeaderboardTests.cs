using Community.Domain.Posting;
using Community.Domain.Reputation.Queries;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.ReputationQueries;

public sealed class LeaderboardTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // TestForum.Start is Monday 23 November 2026, 12:00 UTC; members' starting bonuses are dated 30 days earlier.
    private static readonly DateTimeOffset LastSecondOfTheWeek = new(2026, 11, 29, 23, 59, 59, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMonday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    private static Leaderboard BoardOf(TestForum forum) => new(forum.Database, forum.Time);

    private static async Task UpvoteAsync(TestForum forum, int postId, IEnumerable<Actor> voters)
    {
        foreach (var voter in voters)
        {
            var result = await forum.Vote.ExecuteAsync(voter, postId, 1, Ct);
            Assert.True(result.Succeeded, result.Message);
        }
    }

    private static IEnumerable<(int Rank, string UserId, long Points)> Of(IEnumerable<LeaderboardRow> rows) =>
        rows.Select(r => (r.Rank, r.UserId, r.Points));

    [Fact]
    public async Task ThisWeekStartsOnMondayAtMidnightUtc()
    {
        await using var forum = await TestForum.CreateAsync();
        var (sunday, monday) = (await forum.MemberAsync("Sunday Sam"), await forum.MemberAsync("Monday Mia"));
        var (sundayQuestion, mondayQuestion) = (await forum.AskAsync(sunday), await forum.AskAsync(monday));
        var voters = await forum.MembersAsync(2);

        forum.Time.SetUtcNow(LastSecondOfTheWeek);
        await UpvoteAsync(forum, sundayQuestion, voters);
        forum.Time.SetUtcNow(NextMonday);
        await UpvoteAsync(forum, mondayQuestion, voters.Take(1));

        var board = BoardOf(forum);
        Assert.Equal([(1, monday.UserId, 10L)], Of(await board.TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct)));
        // Still November: the month holds both days.
        Assert.Equal([(1, sunday.UserId, 20L), (2, monday.UserId, 10L)], Of(await board.TopAsync(LeaderboardPeriod.Month, cancellationToken: Ct)));
    }

    [Fact]
    public async Task TheMonthAndTheYearStartOnTheirFirstDayAtMidnightUtc()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voters = await forum.MembersAsync(3);

        forum.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero));
        await UpvoteAsync(forum, question, voters.Take(2));
        forum.Time.SetUtcNow(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await UpvoteAsync(forum, question, voters.Skip(2));

        var board = BoardOf(forum);
        Assert.Equal([(1, author.UserId, 10L)], Of(await board.TopAsync(LeaderboardPeriod.Month, cancellationToken: Ct)));
        Assert.Equal([(1, author.UserId, 10L)], Of(await board.TopAsync(LeaderboardPeriod.Year, cancellationToken: Ct)));
        // Friday 1 January 2027 is in the week that began on Monday 28 December.
        Assert.Equal([(1, author.UserId, 30L)], Of(await board.TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct)));
    }

    [Fact]
    public async Task TheYearCountsEverythingSinceTheFirstOfJanuaryIncludingBonuses()
    {
        await using var forum = await TestForum.CreateAsync();
        var low = await forum.MemberWithReputationAsync(100);
        var high = await forum.MemberWithReputationAsync(300);
        var question = await forum.AskAsync(low);
        await UpvoteAsync(forum, question, [high]);

        var rows = await BoardOf(forum).TopAsync(LeaderboardPeriod.Year, cancellationToken: Ct);

        Assert.Equal([(1, high.UserId, 299L), (2, low.UserId, 109L)], Of(rows));
    }

    [Fact]
    public async Task AllTimeRanksByTheCachedTotalAndEqualTotalsShareARank()
    {
        await using var forum = await TestForum.CreateAsync();
        var first = await forum.MemberWithReputationAsync(2_000, "Top Answerer");
        var tiedA = await forum.MemberWithReputationAsync(700);
        var tiedB = await forum.MemberWithReputationAsync(700);
        var last = await forum.MemberWithReputationAsync(1);

        var rows = await BoardOf(forum).TopAsync(LeaderboardPeriod.All, cancellationToken: Ct);

        Assert.Equal([1, 2, 2, 4], rows.Select(r => r.Rank));
        Assert.Equal(first.UserId, rows[0].UserId);
        Assert.Equal("Top Answerer", rows[0].DisplayName);
        Assert.Equal(2_000, rows[0].Reputation);
        Assert.Equal(new[] { tiedA.UserId, tiedB.UserId }.Order(StringComparer.Ordinal), rows.Skip(1).Take(2).Select(r => r.UserId).Order(StringComparer.Ordinal));
        Assert.Equal((4, 1L), rows.Where(r => r.UserId == last.UserId).Select(r => (r.Rank, r.Points)).Single());
    }

    [Fact]
    public async Task AMemberBelowTheTopHearsTheirRankCountingEveryoneAhead()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = new List<Actor>();
        foreach (var reputation in new[] { 900, 800, 800, 600, 500 })
            members.Add(await forum.MemberWithReputationAsync(reputation));
        var board = BoardOf(forum);

        var top = await board.TopAsync(LeaderboardPeriod.All, count: 2, Ct);
        var fourth = await board.StandingAsync(LeaderboardPeriod.All, members[3].UserId, Ct);
        var tied = await board.StandingAsync(LeaderboardPeriod.All, members[2].UserId, Ct);

        Assert.DoesNotContain(top, r => r.UserId == members[3].UserId);
        Assert.Equal(new LeaderboardStanding(4, 600), fourth);
        Assert.Equal(new LeaderboardStanding(2, 800), tied);
        Assert.Null(await board.StandingAsync(LeaderboardPeriod.All, "no-such-member", Ct));
    }

    [Fact]
    public async Task APeriodStandingCountsTheMembersWhoGainedMore()
    {
        await using var forum = await TestForum.CreateAsync();
        var authors = new List<Actor>();
        var questions = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            authors.Add(await forum.MemberAsync());
            questions.Add(await forum.AskAsync(authors[i]));
        }
        var voters = await forum.MembersAsync(3);
        forum.Time.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
            await UpvoteAsync(forum, questions[i], voters.Take(3 - i)); // 30, 20, 10, 0

        var board = BoardOf(forum);
        Assert.Equal(new LeaderboardStanding(3, 10), await board.StandingAsync(LeaderboardPeriod.Week, authors[2].UserId, Ct));
        Assert.Equal(new LeaderboardStanding(null, 0), await board.StandingAsync(LeaderboardPeriod.Week, authors[3].UserId, Ct));
        Assert.Equal([authors[0].UserId, authors[1].UserId], (await board.TopAsync(LeaderboardPeriod.Week, count: 2, Ct)).Select(r => r.UserId));
    }

    [Fact]
    public async Task AGainThatWasReversedLeavesNoPlaceOnThePeriodsBoard()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voter = await forum.MemberAsync();
        await UpvoteAsync(forum, question, [voter]);
        Assert.Single(await BoardOf(forum).TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct));

        Assert.True((await forum.Vote.ExecuteAsync(voter, question, 0, Ct)).Succeeded);

        Assert.Empty(await BoardOf(forum).TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct));
    }

    [Fact]
    public async Task APeriodsBoardIsReadOnceForEveryoneUntilItsSnapshotExpires()
    {
        await using var forum = await TestForum.CreateAsync();
        var (first, second) = (await forum.MemberAsync(), await forum.MemberAsync());
        var (firstQuestion, secondQuestion) = (await forum.AskAsync(first), await forum.AskAsync(second));
        var voters = await forum.MembersAsync(2);
        await UpvoteAsync(forum, firstQuestion, voters);
        var board = new Leaderboard(forum.Database, forum.Time, new LeaderboardOptions { SnapshotLifetime = TimeSpan.FromMinutes(1) });
        Assert.Equal([first.UserId], (await board.TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct)).Select(r => r.UserId));

        await UpvoteAsync(forum, secondQuestion, voters.Take(1));
        forum.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal([first.UserId], (await board.TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct)).Select(r => r.UserId));
        // A member's own gain is read fresh and ranked against the snapshot.
        Assert.Equal(new LeaderboardStanding(2, 10), await board.StandingAsync(LeaderboardPeriod.Week, second.UserId, Ct));

        forum.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([(1, first.UserId, 20L), (2, second.UserId, 10L)], Of(await board.TopAsync(LeaderboardPeriod.Week, cancellationToken: Ct)));
    }

    [Fact]
    public async Task ATagsBoardSumsTheScoresOfAnswersToItsQuestions()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var (wifiOne, wifiTwo, billing) = (await forum.AskAsync(asker, tags: "wifi"), await forum.AskAsync(asker, "Router firmware update fails halfway", tags: ["wifi", "firmware"]),
            await forum.AskAsync(asker, "Invoice shows the wrong plan name", tags: "billing"));
        var (expert, helper, deleter) = (await forum.MemberAsync("Wifi Expert"), await forum.MemberAsync(), await forum.MemberAsync());
        var voters = await forum.MembersAsync(5);
        await UpvoteAsync(forum, await forum.AnswerAsync(expert, wifiOne), voters.Take(2));
        await UpvoteAsync(forum, await forum.AnswerAsync(expert, wifiTwo), voters.Take(1));
        await UpvoteAsync(forum, await forum.AnswerAsync(helper, wifiOne), voters.Take(1));
        await UpvoteAsync(forum, await forum.AnswerAsync(helper, billing), voters);
        var deleted = await forum.AnswerAsync(deleter, wifiTwo);
        await UpvoteAsync(forum, deleted, voters);
        Assert.True((await forum.Delete.DeleteAsync(deleter, deleted, Ct)).Succeeded);

        var board = BoardOf(forum);
        var wifi = await board.TopInTagAsync("wifi", cancellationToken: Ct);

        Assert.Equal([(1, expert.UserId, 3L), (2, helper.UserId, 1L)], Of(wifi));
        Assert.Equal("Wifi Expert", wifi[0].DisplayName);
        Assert.Equal([(1, expert.UserId, 1L)], Of(await board.TopInTagAsync("firmware", cancellationToken: Ct)));
        Assert.Equal(new LeaderboardStanding(2, 1), await board.StandingInTagAsync("wifi", helper.UserId, Ct));
        Assert.Equal(new LeaderboardStanding(null, 0), await board.StandingInTagAsync("wifi", deleter.UserId, Ct));
        Assert.Empty(await board.TopInTagAsync("no-such-tag", cancellationToken: Ct));
    }

    [Theory]
    [InlineData("2026-11-23T12:00:00", LeaderboardPeriod.Week, "2026-11-23T00:00:00")]
    [InlineData("2026-11-29T23:59:59", LeaderboardPeriod.Week, "2026-11-23T00:00:00")]
    [InlineData("2026-11-30T00:00:00", LeaderboardPeriod.Week, "2026-11-30T00:00:00")]
    [InlineData("2027-01-03T08:00:00", LeaderboardPeriod.Week, "2026-12-28T00:00:00")]
    [InlineData("2026-11-01T00:00:00", LeaderboardPeriod.Month, "2026-11-01T00:00:00")]
    [InlineData("2026-10-31T23:59:59", LeaderboardPeriod.Month, "2026-10-01T00:00:00")]
    [InlineData("2026-11-23T12:00:00", LeaderboardPeriod.Year, "2026-01-01T00:00:00")]
    public void PeriodsStartAtUtcMidnight(string now, LeaderboardPeriod period, string start)
    {
        var actual = LeaderboardPeriods.Start(period, DateTime.SpecifyKind(DateTime.Parse(now), DateTimeKind.Utc));

        Assert.Equal(DateTime.SpecifyKind(DateTime.Parse(start), DateTimeKind.Utc), actual);
        Assert.Equal(DateTimeKind.Utc, actual!.Value.Kind);
    }

    [Theory]
    [InlineData("week", LeaderboardPeriod.Week)]
    [InlineData("MONTH", LeaderboardPeriod.Month)]
    [InlineData("year", LeaderboardPeriod.Year)]
    [InlineData("all", LeaderboardPeriod.All)]
    [InlineData("decade", LeaderboardPeriod.Week)]
    [InlineData(null, LeaderboardPeriod.Week)]
    public void PeriodsAreReadFromTheAddress(string? text, LeaderboardPeriod expected) =>
        Assert.Equal(expected, LeaderboardPeriods.Parse(text));
}
