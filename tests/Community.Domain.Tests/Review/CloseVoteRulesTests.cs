using Community.Domain.Questions;

namespace Community.Domain.Tests.Review;

public sealed class CloseVoteRulesTests
{
    [Fact]
    public void NothingIsDecidedBelowTheNumberNeeded() =>
        Assert.Null(CloseVoteRules.Decide([(CloseReason.OffTopic, null), (CloseReason.OffTopic, null)], 3));

    [Fact]
    public void TheMostGivenReasonWinsAndTheEarliestVoteBreaksATie()
    {
        Assert.Equal(CloseReason.OffTopic, CloseVoteRules.Decide([(CloseReason.NeedsDetails, null), (CloseReason.OffTopic, null), (CloseReason.OffTopic, null)], 3)!.Reason);
        Assert.Equal(CloseReason.NeedsDetails, CloseVoteRules.Decide([(CloseReason.NeedsDetails, null), (CloseReason.OffTopic, null), (CloseReason.Duplicate, 4), (CloseReason.OffTopic, null), (CloseReason.NeedsDetails, null)], 5)!.Reason);
    }

    [Fact]
    public void ADuplicateClosesAgainstTheOriginalMostVotersNamed() =>
        Assert.Equal(new CloseVoteOutcome(CloseReason.Duplicate, 9),
            CloseVoteRules.Decide([(CloseReason.Duplicate, 4), (CloseReason.Duplicate, 9), (CloseReason.Duplicate, 9)], 3));

    [Fact]
    public void AVoteCountsUntilItsLifetimeEndsOrItIsSpent()
    {
        var cast = new DateTime(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.True(CloseVoteRules.Counts(cast, null, cast.AddDays(14).AddTicks(-1), 14));
        Assert.False(CloseVoteRules.Counts(cast, null, cast.AddDays(14), 14));
        Assert.False(CloseVoteRules.Counts(cast, cast.AddHours(1), cast.AddHours(2), 14));
    }
}
