using Community.Domain.Notices;
using Community.Domain.Privileges;

namespace Community.Domain.Tests.Badges;

public sealed class PrivilegeNoticeRulesTests
{
    private static readonly PrivilegeOptions Options = new();

    [Fact]
    public void CrossingOneThresholdUnlocksThatPrivilege() =>
        Assert.Equal([Privilege.VoteDown], PrivilegeNoticeRules.Unlocked(Options, 120, 130));

    [Fact]
    public void AJumpOverSeveralThresholdsUnlocksEachCheapestFirst() =>
        Assert.Equal([Privilege.VoteUp, Privilege.Flag, Privilege.CommentEverywhere, Privilege.VoteDown], PrivilegeNoticeRules.Unlocked(Options, 1, 200));

    [Fact]
    public void LandingExactlyOnAThresholdCounts() =>
        Assert.Equal([Privilege.CreateTags], PrivilegeNoticeRules.Unlocked(Options, 1_499, 1_500));

    [Theory]
    [InlineData(200, 150)]
    [InlineData(130, 130)]
    [InlineData(16, 40)]
    public void FallingStayingOrMovingBetweenThresholdsUnlocksNothing(int from, int to) =>
        Assert.Empty(PrivilegeNoticeRules.Unlocked(Options, from, to));

    [Fact]
    public void TheNoticeSaysWhatIsNowOpen() =>
        Assert.Equal("You reached 125 reputation: voting down is now open to you.", PrivilegeNoticeRules.Text(Options, Privilege.VoteDown));
}
