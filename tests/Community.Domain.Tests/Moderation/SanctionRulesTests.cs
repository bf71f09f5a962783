using Community.Domain.Moderation;
using Community.Domain.Posting;

namespace Community.Domain.Tests.Moderation;

/// <summary>Suspension checks without a database: what a suspended member is told, and who may sanction whom.</summary>
public sealed class SanctionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Moderator = new("mod", true);
    private static readonly IReadOnlyList<int> Days = new ModerationOptions().SuspensionDays;

    [Fact]
    public void ASuspendedMemberIsToldWhyAndUntilWhen()
    {
        var suspension = new MemberSanction { Kind = SanctionKind.Suspension, Reason = "Posting advertising links.", CreatedAt = Now, EndsAt = Now.AddDays(7) };

        var refused = SanctionRules.Check(suspension);

        Assert.False(refused.Allowed);
        Assert.Equal("Your account is suspended until Monday 30 November 2026 at 12:00 UTC: Posting advertising links. Until then you can sign in and read, but not post, comment, vote or flag.", refused.Reason);
    }

    [Fact]
    public void NoActiveSuspensionAllows() => Assert.True(SanctionRules.Check(null).Allowed);

    [Fact]
    public void ASuspensionIsActiveUntilItsEndOrUntilLifted()
    {
        var suspension = new MemberSanction { Kind = SanctionKind.Suspension, EndsAt = Now.AddDays(1) };

        Assert.True(suspension.IsActiveSuspension(Now));
        Assert.True(suspension.IsActiveSuspension(Now.AddDays(1).AddTicks(-1)));
        Assert.False(suspension.IsActiveSuspension(Now.AddDays(1)));
        suspension.LiftedAt = Now;
        Assert.False(suspension.IsActiveSuspension(Now));
        Assert.False(new MemberSanction { Kind = SanctionKind.Warning }.IsActiveSuspension(Now));
    }

    [Fact]
    public void OnlyModeratorsSanctionAndNeverThemselvesOrOtherModerators()
    {
        Assert.False(SanctionRules.CanSanction(new Actor("member", false), "x", false, SanctionKind.Warning, "Be civil to other members.", null, Days).Allowed);
        Assert.False(SanctionRules.CanSanction(Moderator, "mod", false, SanctionKind.Warning, "Be civil to other members.", null, Days).Allowed);
        Assert.False(SanctionRules.CanSanction(Moderator, "x", memberIsModerator: true, SanctionKind.Warning, "Be civil to other members.", null, Days).Allowed);
        Assert.True(SanctionRules.CanSanction(Moderator, "x", false, SanctionKind.Warning, "Be civil to other members.", null, Days).Allowed);
    }

    [Fact]
    public void AReasonTheMemberCanUnderstandIsRequired() =>
        Assert.Contains("reason", SanctionRules.CanSanction(Moderator, "x", false, SanctionKind.Warning, "spam", null, Days).Reason);

    [Theory]
    [InlineData(null, false)]
    [InlineData(2, false)]
    [InlineData(7, true)]
    [InlineData(365, true)]
    public void ASuspensionIsForOneOfTheOfferedPeriods(int? days, bool allowed) =>
        Assert.Equal(allowed, SanctionRules.CanSanction(Moderator, "x", false, SanctionKind.Suspension, "Repeated advertising links.", days, Days).Allowed);
}
