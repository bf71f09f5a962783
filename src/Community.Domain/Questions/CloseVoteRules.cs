using Community.Domain.Posting;

namespace Community.Domain.Questions;

/// <summary>What the live votes decide: nothing yet, or a close with the reason most voters gave.</summary>
public sealed record CloseVoteOutcome(CloseReason Reason, int? DuplicateOfId);

/// <summary>Community closing, as a policy: who may vote, which votes still count, and what enough votes decide.</summary>
public static class CloseVoteRules
{
    public static Decision CanVote(Question question, CloseVoteKind kind, bool holdsPrivilege)
    {
        if (!holdsPrivilege)
            return Decision.Deny("Voting to close and reopen needs 3,000 reputation. See /help/privileges.");
        if (question.IsDeleted)
            return Decision.Deny("This question was deleted.");
        return (kind, question.ClosedAt is null) switch
        {
            (CloseVoteKind.Close, false) => Decision.Deny("This question is already closed."),
            (CloseVoteKind.Reopen, true) => Decision.Deny("This question is open; there is nothing to reopen."),
            _ => Decision.Allow,
        };
    }

    /// <summary>A vote counts while it is unspent and younger than the lifetime.</summary>
    public static bool Counts(DateTime castAt, DateTime? spentAt, DateTime now, int lifetimeDays) =>
        spentAt is null && now - castAt < TimeSpan.FromDays(lifetimeDays);

    public static DateTime OldestCounting(DateTime now, int lifetimeDays) => now - TimeSpan.FromDays(lifetimeDays);

    /// <summary>
    /// With enough live close votes, the question closes for the reason most of them gave (the earliest vote breaks a
    /// tie); a duplicate closes against the original most of its voters named.
    /// </summary>
    public static CloseVoteOutcome? Decide(IReadOnlyList<(CloseReason Reason, int? DuplicateOfId)> votesInOrder, int needed)
    {
        if (votesInOrder.Count < needed)
            return null;
        var reason = votesInOrder.Select((v, order) => (v.Reason, order))
            .GroupBy(v => v.Reason)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(v => v.order))
            .First().Key;
        int? original = reason != CloseReason.Duplicate ? null
            : votesInOrder.Select((v, order) => (v.DuplicateOfId, order)).Where(v => v.DuplicateOfId is not null)
                .GroupBy(v => v.DuplicateOfId).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(v => v.order)).First().Key;
        return new CloseVoteOutcome(reason, original);
    }
}
