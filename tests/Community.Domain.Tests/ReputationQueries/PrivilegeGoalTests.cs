using Community.Domain.Privileges;

namespace Community.Domain.Tests.ReputationQueries;

public sealed class PrivilegeGoalTests
{
    private static readonly PrivilegeOptions Thresholds = new();

    [Fact]
    public void TheNextGoalIsTheCheapestPrivilegeNotYetHeld()
    {
        var goal = PrivilegeGoal.Next(Thresholds, reputation: 15, isModerator: false);

        Assert.Equal("35 more reputation to unlock commenting on others' posts", goal!.Text);
        Assert.Equal(15 / 50.0, goal.Progress, precision: 6);
    }

    [Fact]
    public void ModeratorsAndMembersWhoHoldEverythingHaveNoPrivilegeGoal()
    {
        Assert.Null(PrivilegeGoal.Next(Thresholds, 1, isModerator: true));
        Assert.Null(PrivilegeGoal.Next(Thresholds, 10_000, isModerator: false));
    }

    [Fact]
    public void TheNearestGoalIsTheOneFurtherAlong()
    {
        var badge = new Goal("7 more upvotes on answers to earn Nice Answer", 0.3);
        var privilege = new Goal("10 more reputation to unlock voting up", 0.9);

        Assert.Same(privilege, Goal.Nearest(badge, privilege));
        Assert.Same(badge, Goal.Nearest(badge, null));
        Assert.Same(badge, Goal.Nearest(badge, badge with { Text = "level" }));
        Assert.Null(Goal.Nearest(null, null));
    }

    [Fact]
    public void ProgressListsEveryPrivilegeCheapestFirstWithWhatIsHeld()
    {
        var statuses = PrivilegeProgress.All(Thresholds, reputation: 125, isModerator: false);

        Assert.Equal(Enum.GetValues<Privilege>().Length, statuses.Count);
        Assert.Equal(statuses.OrderBy(s => s.Threshold).Select(s => s.Privilege), statuses.Select(s => s.Privilege));
        Assert.True(statuses.Single(s => s.Privilege == Privilege.VoteDown).Held);
        var close = statuses.Single(s => s.Privilege == Privilege.VoteToClose);
        Assert.False(close.Held);
        Assert.Equal(125 / 3_000.0, close.Progress, precision: 6);
        Assert.All(PrivilegeProgress.All(Thresholds, 1, isModerator: true), s => Assert.True(s.Held));
    }
}
