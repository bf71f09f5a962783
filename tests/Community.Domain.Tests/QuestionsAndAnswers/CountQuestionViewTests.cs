using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class CountQuestionViewTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheSameVisitorTwiceOnOneDayCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        Assert.True(await forum.Views.CountAsync(id, "member:ada", Ct));
        forum.Time.Advance(TimeSpan.FromHours(6));
        Assert.False(await forum.Views.CountAsync(id, "member:ada", Ct));

        Assert.Equal(1, (await forum.QuestionAsync(id)).ViewCount);
    }

    [Fact]
    public async Task TheSameVisitorOnTheNextDayCountsAgain()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        await forum.Views.CountAsync(id, "member:ada", Ct);

        forum.Time.Advance(TimeSpan.FromDays(1));

        Assert.True(await forum.Views.CountAsync(id, "member:ada", Ct));
        Assert.Equal(2, (await forum.QuestionAsync(id)).ViewCount);
    }

    [Fact]
    public async Task TheDayEndsAtMidnightUtc()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        forum.Time.Advance(TimeSpan.FromHours(11) + TimeSpan.FromMinutes(59)); // 23:59 UTC
        await forum.Views.CountAsync(id, "member:ada", Ct);

        forum.Time.Advance(TimeSpan.FromMinutes(2)); // 00:01 UTC the next day

        Assert.True(await forum.Views.CountAsync(id, "member:ada", Ct));
    }

    [Fact]
    public async Task TwoVisitorsCountTwice()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        await forum.Views.CountAsync(id, "member:ada", Ct);
        await forum.Views.CountAsync(id, "198.51.100.4|Firefox", Ct);

        Assert.Equal(2, (await forum.QuestionAsync(id)).ViewCount);
    }

    [Fact]
    public async Task OneVisitorOnTwoQuestionsCountsOnEach()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var first = await forum.AskAsync(asker);
        var second = await forum.AskAsync(asker, "Second question about the router");

        await forum.Views.CountAsync(first, "member:ada", Ct);
        await forum.Views.CountAsync(second, "member:ada", Ct);

        Assert.Equal(1, (await forum.QuestionAsync(first)).ViewCount);
        Assert.Equal(1, (await forum.QuestionAsync(second)).ViewCount);
    }

    [Fact]
    public async Task OnlyAHashOfTheVisitorIsStored()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        await forum.Views.CountAsync(id, "198.51.100.4|Firefox", Ct);

        await using var db = forum.Db();
        var key = await db.QuestionViews.Select(v => v.VisitorKey).SingleAsync(Ct);
        Assert.DoesNotContain("198.51.100.4", key);
        Assert.Equal(32, key.Length);
    }

    [Fact]
    public async Task TheSameVisitorTenTimesAtOnceCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var counted = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => forum.Views.CountAsync(id, "member:ada", Ct), Ct)));

        Assert.Single(counted, c => c);
        Assert.Equal(1, (await forum.QuestionAsync(id)).ViewCount);
    }

    [Fact]
    public async Task ABatchOfViewsCountsEachFirstViewOnceInOneGo()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var first = await forum.AskAsync(asker);
        var second = await forum.AskAsync(asker, "Second question about the router");
        await forum.Views.CountAsync(first, "member:ada", Ct);

        // Ada again on the first (already counted today), twice on the second, and Bo on both.
        var counted = await forum.Views.CountAsync([(first, "member:ada"), (second, "member:ada"), (second, "member:ada"), (first, "member:bo"), (second, "member:bo")], Ct);

        Assert.Equal(3, counted);
        Assert.Equal(2, (await forum.QuestionAsync(first)).ViewCount);
        Assert.Equal(2, (await forum.QuestionAsync(second)).ViewCount);
    }
}
