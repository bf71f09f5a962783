using Community.Domain.Reputation;

namespace Community.Domain.Tests.Reputation;

public sealed class ReputationRulesTests
{
    private static readonly ReputationOptions Points = new();
    private static readonly ReputationParty Voter = new("voter", IsStaff: false);
    private static readonly ReputationParty Author = new("author", IsStaff: false);
    private static readonly ReputationParty StaffVoter = new("staff-voter", IsStaff: true);
    private static readonly ReputationParty StaffAuthor = new("staff-author", IsStaff: true);

    [Theory]
    [InlineData(false, ReputationReason.QuestionUpvoted)]
    [InlineData(true, ReputationReason.AnswerUpvoted)]
    public void AnUpvoteGivesTheAuthorTenPoints(bool isAnswer, ReputationReason reason) =>
        Assert.Equal([new ReputationChange("author", 10, reason)], ReputationRules.ForVote(Points, isAnswer, 1, Voter, Author));

    [Fact]
    public void ADownvoteOnAnAnswerCostsTheAuthorTwoAndTheVoterOne() => Assert.Equal(
        [new ReputationChange("author", -2, ReputationReason.PostDownvoted), new ReputationChange("voter", -1, ReputationReason.DownvotedAnswer)],
        ReputationRules.ForVote(Points, isAnswer: true, -1, Voter, Author));

    [Fact]
    public void ADownvoteOnAQuestionCostsOnlyTheAuthor() =>
        Assert.Equal([new ReputationChange("author", -2, ReputationReason.PostDownvoted)], ReputationRules.ForVote(Points, isAnswer: false, -1, Voter, Author));

    [Fact]
    public void NoPointsFromYourOwnVotes() => Assert.Empty(ReputationRules.ForVote(Points, true, 1, Author, Author));

    [Fact]
    public void StaffVotesOnStaffPostsEarnNothing() => Assert.Empty(ReputationRules.ForVote(Points, true, 1, StaffVoter, StaffAuthor));

    [Fact]
    public void StaffVotesOnMembersPostsCountAndMembersVotesOnStaffPostsCount()
    {
        Assert.Single(ReputationRules.ForVote(Points, true, 1, StaffVoter, Author));
        Assert.Single(ReputationRules.ForVote(Points, true, 1, Voter, StaffAuthor));
    }

    [Fact]
    public void NoVoteNoPoints() => Assert.Empty(ReputationRules.ForVote(Points, true, 0, Voter, Author));

    [Fact]
    public void AcceptingGivesTheAnswererFifteenAndTheAskerTwo() => Assert.Equal(
        [new ReputationChange("author", 15, ReputationReason.AnswerAccepted), new ReputationChange("voter", 2, ReputationReason.AcceptedAnAnswer)],
        ReputationRules.ForAcceptance(Points, asker: Voter, answerer: Author));

    [Fact]
    public void AcceptingYourOwnAnswerEarnsNothing() => Assert.Empty(ReputationRules.ForAcceptance(Points, Author, Author));

    [Theory]
    [InlineData(10, 0, 10)]
    [InlineData(10, 190, 10)]
    [InlineData(10, 195, 5)]
    [InlineData(10, 200, 0)]
    [InlineData(10, 250, 0)]
    [InlineData(-2, 200, -2)]
    public void VoteGainsStopAtTheDailyCapButLossesAreNeverCapped(int amount, int gainedToday, int recorded) =>
        Assert.Equal(recorded, ReputationRules.CapVoteGain(amount, gainedToday, dailyCap: 200));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(10, 11)]
    [InlineData(-1, 1)]
    [InlineData(-50, 1)]
    public void ReputationNeverGoesBelowOne(long points, int total) => Assert.Equal(total, ReputationRules.Total(points));

    [Fact]
    public void TheDayIsTheUtcDay()
    {
        var lateEvening = new DateTime(2026, 11, 23, 23, 59, 59, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), ReputationRules.DayStart(lateEvening));
        Assert.NotEqual(ReputationRules.DayStart(lateEvening), ReputationRules.DayStart(lateEvening.AddSeconds(1)));
    }
}
