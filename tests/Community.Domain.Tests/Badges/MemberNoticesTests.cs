using Community.Domain.Persistence;
using Community.Domain.Tests.Posting;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

public sealed class MemberNoticesTests
{
    [Fact]
    public async Task NoticesAreListedNewestFirstUntilMarkedRead()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var notices = forum.Notices();
        await notices.AddAsync(member.UserId, "First", cancellationToken: Ct);
        forum.Time.Advance(TimeSpan.FromMinutes(1));
        await notices.AddAsync(member.UserId, "Second", "badges", cancellationToken: Ct);

        Assert.Equal(["Second", "First"], (await notices.UnreadAsync(member.UserId, Ct)).Select(n => n.Text));
        Assert.Equal(2, await notices.MarkAllReadAsync(member.UserId, Ct));

        Assert.Empty(await notices.UnreadAsync(member.UserId, Ct));
        Assert.Equal(0, await notices.UnreadCountAsync(member.UserId, Ct));
        Assert.All(await notices.RecentAsync(member.UserId, cancellationToken: Ct), n => Assert.Equal(forum.Time.GetUtcNow().UtcDateTime, n.ReadAt));
    }

    [Fact]
    public async Task MarkingReadTouchesOnlyThatMember()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var other = await forum.MemberAsync();
        var notices = forum.Notices();
        await notices.AddAsync(member.UserId, "Yours", cancellationToken: Ct);
        await notices.AddAsync(other.UserId, "Theirs", cancellationToken: Ct);

        await notices.MarkAllReadAsync(member.UserId, Ct);

        Assert.Equal(["Theirs"], (await notices.UnreadAsync(other.UserId, Ct)).Select(n => n.Text));
    }

    [Fact]
    public async Task ANoticeWithAKeyIsAddedOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var notices = forum.Notices();

        Assert.True(await notices.AddAsync(member.UserId, "Hello", key: "welcome", cancellationToken: Ct));
        Assert.False(await notices.AddAsync(member.UserId, "Hello again", key: "welcome", cancellationToken: Ct));

        Assert.Single(await notices.UnreadAsync(member.UserId, Ct));
    }

    [Fact]
    public async Task CrossingPrivilegeThresholdsTellsTheMemberOncePerPrivilege()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberWithReputationAsync(1);
        var notices = forum.Notices();

        Assert.Equal(2, await notices.NotifyPrivilegesAsync(member.UserId, 1, 20, Ct));
        Assert.Equal(0, await notices.NotifyPrivilegesAsync(member.UserId, 10, 20, Ct));
        Assert.Equal(1, await notices.NotifyPrivilegesAsync(member.UserId, 20, 60, Ct));

        var texts = (await notices.UnreadAsync(member.UserId, Ct)).Select(n => n.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains("You reached 50 reputation: commenting on others' posts is now open to you.", texts);
        Assert.All(await notices.UnreadAsync(member.UserId, Ct), n => Assert.Equal("help/privileges", n.Link));
    }

    [Fact]
    public async Task PrivilegeNoticesCanJoinTheCallersTransaction()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberWithReputationAsync(1);
        var notices = forum.Notices();

        await forum.Database.RunAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            Assert.Equal(1, await notices.NotifyPrivilegesAsync(db, member.UserId, 100, 130, Ct));
            await transaction.RollbackAsync(Ct);
        }, Ct);

        Assert.Empty(await notices.UnreadAsync(member.UserId, Ct));
    }
}
