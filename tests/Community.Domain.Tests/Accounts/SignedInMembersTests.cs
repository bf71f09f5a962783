using Community.Domain.Accounts;
using Community.Domain.Moderation;
using Community.Domain.Tests.Moderation;

namespace Community.Domain.Tests.Accounts;

/// <summary>What every page shows a signed-in member about themselves, read in one query.</summary>
public sealed class SignedInMembersTests
{
    private static CancellationToken Ct => ModerationForum.Ct;

    [Fact]
    public async Task AMemberSeesTheirReputationAndUnreadNoticesAndNoBannerWhenInGoodStanding()
    {
        await using var m = await ModerationForum.CreateAsync();
        var member = await m.Forum.MemberWithReputationAsync(1_234);
        await m.Notices.AddAsync(member.UserId, "First", cancellationToken: Ct);
        await m.Notices.AddAsync(member.UserId, "Second", cancellationToken: Ct);
        await m.Notices.AddAsync(member.UserId, "Third", cancellationToken: Ct);
        await m.Notices.MarkReadAsync(member.UserId, (await m.Notices.RecentAsync(member.UserId, cancellationToken: Ct))[0].Id, Ct);
        var other = await m.Forum.MemberAsync();
        await m.Notices.AddAsync(other.UserId, "Someone else's", cancellationToken: Ct);

        var seen = await Signed(m).ReadAsync(member.UserId, Ct);

        Assert.Equal(new SignedInMember(1_234, 2, null), seen);
    }

    [Fact]
    public async Task ASuspensionInForceShowsItsReasonAndEndUntilItEndsOrIsLifted()
    {
        await using var m = await ModerationForum.CreateAsync();
        var member = await m.Forum.MemberAsync();
        var moderator = await m.Forum.ModeratorAsync();
        Assert.True((await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Warning, "Mind the tone in comments.", null), Ct)).Succeeded);
        Assert.Null((await Signed(m).ReadAsync(member.UserId, Ct))!.Suspension);

        var id = (await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Suspension, "Repeated insults in comments.", 3), Ct)).Value;

        var suspended = await Signed(m).ReadAsync(member.UserId, Ct);
        Assert.Equal(new SuspensionView(id, "Repeated insults in comments.", m.Forum.Time.GetUtcNow().UtcDateTime.AddDays(3)), suspended!.Suspension);
        Assert.Equal(2, suspended.UnreadNotices);
        m.Forum.Time.Advance(TimeSpan.FromDays(3));
        Assert.Null((await Signed(m).ReadAsync(member.UserId, Ct))!.Suspension);

        var again = (await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Suspension, "Insults again.", 30), Ct)).Value;
        Assert.Equal(again, (await Signed(m).ReadAsync(member.UserId, Ct))!.Suspension!.Id);
        Assert.True((await m.Sanctions.LiftAsync(moderator, again, Ct)).Succeeded);
        Assert.Null((await Signed(m).ReadAsync(member.UserId, Ct))!.Suspension);
    }

    [Fact]
    public async Task AnAccountThatNoLongerExistsReadsAsNobody()
    {
        await using var m = await ModerationForum.CreateAsync();

        Assert.Null(await Signed(m).ReadAsync("no-such-member", Ct));
    }

    private static SignedInMembers Signed(ModerationForum m) => new(m.Forum.Database, m.Forum.Time);
}
