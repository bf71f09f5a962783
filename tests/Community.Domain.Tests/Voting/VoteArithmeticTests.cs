using Community.Domain.Voting;

namespace Community.Domain.Tests.Voting;

public sealed class VoteArithmeticTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    [InlineData(0, -1, -1)]
    [InlineData(1, 1, 0)]
    [InlineData(1, 0, -1)]
    [InlineData(1, -1, -2)]
    [InlineData(-1, -1, 0)]
    [InlineData(-1, 0, 1)]
    [InlineData(-1, 1, 2)]
    public void TheScoreMovesByTheDifferenceBetweenTheOldAndNewVote(int previous, int next, int change) =>
        Assert.Equal(change, VoteArithmetic.ScoreChange(previous, next));

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void ANewVoteOtherThanUpDownOrNoneIsRejected(int next) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VoteArithmetic.ScoreChange(0, next));

    [Theory]
    [InlineData(2)]
    [InlineData(-5)]
    public void AStoredVoteOtherThanUpDownOrNoneIsRejected(int previous) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VoteArithmetic.ScoreChange(previous, 1));
}
