using Community.Domain.Badges;
using Community.Domain.Notices;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Badges;

/// <summary>Badge helpers over a <see cref="TestForum"/>: the awarder, and shortcuts to set scores and read awards.</summary>
internal static class BadgeForum
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static BadgeAwarder Awarder(this TestForum forum) => new(forum.Database, forum.Time);

    public static MemberNotices Notices(this TestForum forum) => new(forum.Database, forum.Privileges, forum.Time);

    public static async Task VoteAsync(this TestForum forum, Actor voter, int postId, int value = 1)
    {
        var result = await forum.Vote.ExecuteAsync(voter, postId, value, Ct);
        Assert.True(result.Succeeded, result.Message);
    }

    /// <summary>As if many members had voted: the score only, no votes or reputation.</summary>
    public static async Task SetScoreAsync(this TestForum forum, int postId, int score)
    {
        await using var db = forum.Db();
        await db.Posts.Where(p => p.Id == postId).ExecuteUpdateAsync(set => set.SetProperty(p => p.Score, score), Ct);
    }

    public static async Task SetViewsAsync(this TestForum forum, int questionId, int views)
    {
        await using var db = forum.Db();
        await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(set => set.SetProperty(q => q.ViewCount, views), Ct);
    }

    /// <summary>The member's awards as (badge, key), sorted.</summary>
    public static async Task<List<(int BadgeId, string Key)>> AwardsAsync(this TestForum forum, Actor member)
    {
        await using var db = forum.Db();
        var awards = await db.BadgeAwards.Where(a => a.UserId == member.UserId).Select(a => new { a.BadgeId, a.AwardKey }).ToListAsync(Ct);
        return awards.Select(a => (a.BadgeId, a.AwardKey)).Order().ToList();
    }

    public static async Task<bool> HoldsAsync(this TestForum forum, Actor member, Badge badge, string key = BadgeRules.OnceKey) =>
        (await forum.AwardsAsync(member)).Contains((badge.Id, key));

    public static async Task<int> CountAwardsAsync(this TestForum forum)
    {
        await using var db = forum.Db();
        return await db.BadgeAwards.CountAsync(Ct);
    }
}
