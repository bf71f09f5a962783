using Community.Domain.Moderation;
using Community.Domain.Posting;

namespace Community.Domain.Tests.Moderation;

/// <summary>The flag policy without a database: weights, holds, the daily limit, what a flag needs, who settles it.</summary>
public sealed class FlagRulesTests
{
    private static readonly ModerationOptions Defaults = new();

    [Fact]
    public void AMembersFlagWeighsOneAndAModeratorsWeighsTheWholeHold()
    {
        Assert.Equal(1, FlagRules.WeightOf(false, Defaults));
        Assert.Equal(Defaults.HoldWeight, FlagRules.WeightOf(true, Defaults));
        Assert.True(FlagRules.ShouldHold([(FlagReason.Spam, FlagRules.WeightOf(true, Defaults))], Defaults));
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void SpamAndAbuseFlagsHoldAtTheConfiguredWeight(int flags, bool held)
    {
        var pending = Enumerable.Range(0, flags).Select(i => (i % 2 == 0 ? FlagReason.Spam : FlagReason.RudeOrAbusive, 1));

        Assert.Equal(held, FlagRules.ShouldHold(pending, Defaults));
    }

    [Fact]
    public void OffTopicOtherAndStaffFlagsNeverHoldAPost()
    {
        var pending = new[] { (FlagReason.OffTopic, 1), (FlagReason.Other, 1), (FlagReason.NeedsStaffAttention, 1), (FlagReason.OffTopic, 1), (FlagReason.Spam, 1) };

        Assert.Equal(1, FlagRules.HoldingWeight(pending));
        Assert.False(FlagRules.ShouldHold(pending, Defaults));
    }

    [Fact]
    public void TheHoldWeightIsASetting()
    {
        var strict = new ModerationOptions { HoldWeight = 1 };

        Assert.True(FlagRules.ShouldHold([(FlagReason.Spam, 1)], strict));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(9, 10)]
    [InlineData(10, 15)]
    [InlineData(45, 30)]
    [InlineData(10_000, 100)]
    public void MembersWithHelpfulFlagsMayRaiseMoreADay(int helpful, int limit) =>
        Assert.Equal(limit, FlagRules.DailyLimit(helpful, Defaults));

    [Fact]
    public void SomethingElseNeedsANote()
    {
        var refused = FlagRules.CanFlag(FlagReason.Other, "  ", ownContent: false, raisedToday: 0, dailyLimit: 10);

        Assert.False(refused.Allowed);
        Assert.Contains("note", refused.Reason);
        Assert.True(FlagRules.CanFlag(FlagReason.Other, "Copied word for word from the manual", false, 0, 10).Allowed);
    }

    [Fact]
    public void NobodyFlagsTheirOwnPost() =>
        Assert.Contains("your own post", FlagRules.CanFlag(FlagReason.Spam, null, ownContent: true, 0, 10).Reason);

    [Fact]
    public void TheDailyLimitRefusesTheNextFlagAndSaysWhenItResets()
    {
        Assert.True(FlagRules.CanFlag(FlagReason.Spam, null, false, raisedToday: 9, dailyLimit: 10).Allowed);

        var refused = FlagRules.CanFlag(FlagReason.Spam, null, false, raisedToday: 10, dailyLimit: 10);

        Assert.False(refused.Allowed);
        Assert.Contains("tomorrow (UTC)", refused.Reason);
    }

    [Fact]
    public void AnOverlongNoteIsRefused() =>
        Assert.False(FlagRules.CanFlag(FlagReason.Other, new string('x', Flag.NoteMaxLength + 1), false, 0, 10).Allowed);

    private static readonly Actor Reviewer = new("reviewer", false);

    [Fact]
    public void ModeratorsSettleEveryFlag() =>
        Assert.True(FlagRules.CanHandle(new Actor("m", true), false, [FlagReason.Spam], held: true, false, false, raisedBySystem: true).Allowed);

    [Fact]
    public void ReviewersSettleLowSeverityFlagsOnly()
    {
        Assert.True(FlagRules.CanHandle(Reviewer, true, [FlagReason.OffTopic, FlagReason.Other], false, false, false).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.OffTopic, FlagReason.Spam], false, false, false).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.NeedsStaffAttention], false, false, false).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.OffTopic], held: true, false, false).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.Other], false, false, false, raisedBySystem: true).Allowed);
    }

    [Fact]
    public void ReviewersDoNotJudgeTheirOwnPostsOrFlagsAndMembersWithoutThePrivilegeNothing()
    {
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.OffTopic], false, ownContent: true, false).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, true, [FlagReason.OffTopic], false, false, flaggedIt: true).Allowed);
        Assert.False(FlagRules.CanHandle(Reviewer, holdsReviewPrivilege: false, [FlagReason.OffTopic], false, false, false).Allowed);
    }
}
