namespace Community.Domain.Reputation;

/// <summary>Who a member is for reputation purposes: staff votes on staff posts earn nothing.</summary>
public sealed record ReputationParty(string UserId, bool IsStaff);

public sealed record ReputationChange(string UserId, int Amount, ReputationReason Reason);

/// <summary>
/// The points policy, pure: what a vote or an acceptance is worth to whom. The ledger records what these say,
/// capped per day and never below the floor of 1 that <see cref="Total"/> applies.
/// </summary>
public static class ReputationRules
{
    public const int Floor = 1;

    public static IReadOnlyList<ReputationChange> ForVote(ReputationOptions points, bool isAnswer, int value, ReputationParty voter, ReputationParty author)
    {
        if (value == 0 || voter.UserId == author.UserId || voter.IsStaff && author.IsStaff)
            return [];
        if (value > 0)
            return [new(author.UserId, isAnswer ? points.AnswerUpvoted : points.QuestionUpvoted, isAnswer ? ReputationReason.AnswerUpvoted : ReputationReason.QuestionUpvoted)];
        return isAnswer
            ? [new(author.UserId, points.PostDownvoted, ReputationReason.PostDownvoted), new(voter.UserId, points.DownvotedAnswer, ReputationReason.DownvotedAnswer)]
            : [new(author.UserId, points.PostDownvoted, ReputationReason.PostDownvoted)];
    }

    public static IReadOnlyList<ReputationChange> ForAcceptance(ReputationOptions points, ReputationParty asker, ReputationParty answerer)
    {
        if (asker.UserId == answerer.UserId || asker.IsStaff && answerer.IsStaff)
            return [];
        return [new(answerer.UserId, points.AnswerAccepted, ReputationReason.AnswerAccepted), new(asker.UserId, points.AcceptedAnAnswer, ReputationReason.AcceptedAnAnswer)];
    }

    /// <summary>What of a vote's gain still fits under today's cap (losses are never capped).</summary>
    public static int CapVoteGain(int amount, int gainedFromVotesToday, int dailyCap) =>
        amount <= 0 ? amount : Math.Clamp(dailyCap - gainedFromVotesToday, 0, amount);

    public static bool IsCappedReason(ReputationReason reason) => reason is ReputationReason.QuestionUpvoted or ReputationReason.AnswerUpvoted;

    /// <summary>The reputation shown for a sum of ledger amounts: everyone starts at 1 and never goes below it.</summary>
    public static int Total(long points) => (int)Math.Max(Floor, Math.Min(int.MaxValue, Floor + points));

    public static DateTime DayStart(DateTime utc) => utc.Date;

    public static string VoteSource(int postId, string voterId) => $"vote:{postId}:{voterId}";

    public static string AcceptanceSource(int questionId) => $"accept:{questionId}";
}
