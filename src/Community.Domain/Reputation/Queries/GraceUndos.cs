namespace Community.Domain.Reputation.Queries;

/// <summary>
/// "A vote reversed within the grace period leaves no trace": finds the pairs of a vote's entry and the
/// <see cref="ReputationReason.VoteUndone"/> entry that cancelled it within <see cref="ReputationOptions.VoteGracePeriod"/>,
/// so the history can leave both out. The ledger keeps them; the total is unchanged by hiding a pair that sums to zero.
/// </summary>
public static class GraceUndos
{
    /// <summary>
    /// The ids of entries to hide. Pass every entry of one member within the grace period on either side of the
    /// entries shown, so that each entry's partner is among them.
    /// </summary>
    public static IReadOnlySet<long> Hidden(IEnumerable<ReputationEntry> entries, TimeSpan grace)
    {
        var hidden = new HashSet<long>();
        foreach (var source in entries.GroupBy(e => (e.UserId, e.SourceKey)))
        {
            ReputationEntry? previous = null;
            foreach (var entry in source.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id))
            {
                if (entry.Reason == ReputationReason.VoteUndone && previous is not null && !hidden.Contains(previous.Id)
                    && IsVote(previous.Reason) && previous.Amount + entry.Amount == 0
                    && entry.CreatedAt - previous.CreatedAt <= grace)
                {
                    hidden.Add(previous.Id);
                    hidden.Add(entry.Id);
                }
                previous = entry;
            }
        }
        return hidden;
    }

    private static bool IsVote(ReputationReason reason) => reason is ReputationReason.QuestionUpvoted or ReputationReason.AnswerUpvoted
        or ReputationReason.PostDownvoted or ReputationReason.DownvotedAnswer;
}
