using Community.Domain.Escalations;

namespace Community.Domain.Tests.Escalations;

/// <summary>When the response clock's tiers fall due, across days and with per-tag settings.</summary>
public sealed class ResponseTierRulesTests
{
    private static readonly DateTime Asked = new(2026, 12, 31, 21, 0, 0, DateTimeKind.Utc);
    private static readonly ResponseClockOptions Options = new()
    {
        Tags = new(StringComparer.OrdinalIgnoreCase)
        {
            ["billing"] = new ResponseTiers(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(12)),
            ["firmware"] = new ResponseTiers(TimeSpan.FromHours(8), TimeSpan.FromHours(48), TimeSpan.FromHours(96)),
        },
    };

    [Theory]
    [InlineData(3.99, false, false, false)]
    [InlineData(4, true, false, false)]
    [InlineData(23.9, true, false, false)]
    [InlineData(24, true, true, false)]
    [InlineData(47, true, true, false)]
    [InlineData(48, true, true, true)]
    [InlineData(24 * 9, true, true, true)]
    public void TheDefaultTiersAreFourTwentyFourAndFortyEightHours(double hours, bool invite, bool escalate, bool offer)
    {
        var due = ResponseTierRules.DueSteps(ResponseTierRules.For(Options, ["wifi"]), Asked, null, Asked.AddHours(hours));
        Assert.Equal(new ResponseTierRules.Due(invite, escalate, offer), due);
    }

    [Fact]
    public void ATagCanMakeTiersSoonerAndAQuestionTakesTheSoonestOfItsTags()
    {
        Assert.Equal(new ResponseTiers(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(12)), ResponseTierRules.For(Options, ["BILLING"]));
        Assert.Equal(new ResponseTiers(TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(12)), ResponseTierRules.For(Options, ["firmware", "billing"]));
        // A later tag setting never delays a question beyond the defaults of its other tags.
        Assert.Equal(Options.Defaults, ResponseTierRules.For(Options, ["firmware", "wifi"]));
    }

    [Fact]
    public void ATierDoneOnTheClockIsNotDueAgain()
    {
        var clock = new ResponseClock { ExpertsInvitedAt = Asked.AddHours(4), EscalatedAt = Asked.AddHours(24) };
        var due = ResponseTierRules.DueSteps(Options.Defaults, Asked, clock, Asked.AddDays(3));
        Assert.Equal(new ResponseTierRules.Due(false, false, true), due);
    }

    [Fact]
    public void ALateSweepDoesEveryTierThatFellDue()
    {
        var due = ResponseTierRules.DueSteps(ResponseTierRules.For(Options, ["billing"]), Asked, null, Asked.AddHours(13));
        Assert.True(due.InviteExperts && due.Escalate && due.OfferFollowUp);
    }

    [Fact]
    public void TheStatusTellsTheCommunityOnlyWhatIsPublic()
    {
        Assert.Equal(PublicStatus.WaitingForCommunity, QuestionStatus.Of(false, null, false).Status);
        Assert.Equal(PublicStatus.ExpertsInvited, QuestionStatus.Of(false, null, true).Status);
        var open = new Escalation();
        Assert.Equal(PublicStatus.Escalated, QuestionStatus.Of(false, open, true).Status);
        Assert.Equal("Escalated: staff are looking into it", QuestionStatus.Of(false, open, true).Label);
        open.AssigneeId = "sam";
        Assert.Equal(PublicStatus.StaffLookingIntoIt, QuestionStatus.Of(false, open, true).Status);
        var fixedOne = new Escalation { ResolvedAt = Asked, PublicState = ResolutionState.FixedInVersion, Reference = "4.3.0" };
        var status = QuestionStatus.Of(false, fixedOne, false);
        Assert.Equal(PublicStatus.Resolved, status.Status);
        Assert.Equal("Fixed in version 4.3.0", status.StateLabel);
        Assert.Equal(PublicStatus.Resolved, QuestionStatus.Of(true, null, false).Status);
    }
}
