namespace Community.Domain.Voting;

/// <summary>How a vote changes a score: from the voter's old value (−1, 0, +1) to the new one.</summary>
public static class VoteArithmetic
{
    public static int ScoreChange(int previous, int next) => Validate(next) - Validate(previous);

    public static int Validate(int value) => value is -1 or 0 or 1
        ? value
        : throw new ArgumentOutOfRangeException(nameof(value), value, "A vote is −1, 0 (none) or +1.");
}
