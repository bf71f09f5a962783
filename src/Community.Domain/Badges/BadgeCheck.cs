using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Badges;

internal static class BadgeCheck
{
    /// <summary>
    /// Awards what a write just earned, after the write committed. A failure here must not turn a vote that
    /// succeeded into an error: the hourly sweep awards whatever this missed.
    /// </summary>
    public static async Task AfterAsync(BadgeAwarder? badges, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        if (badges is null)
            return;
        try
        {
            await badges.CheckMembersAsync(userIds.Distinct(), cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException or RetryLimitExceededException)
        {
            // Left to the sweep (see BadgeSweepJob).
        }
    }

    /// <summary>
    /// After an acceptance: only what it can have earned (<see cref="AcceptanceBadges"/>): the answerer's tag totals in one
    /// query, what the members hold of the candidates in one more unless they are known held, then the awards in one write.
    /// </summary>
    /// <param name="answererTags">The answerer's totals in the question's tags within reach of a tag badge, when the write read
    /// them (the SQLite acceptance writer): then no counters query, and none at all when every candidate is known held.</param>
    public static async Task AfterAcceptanceAsync(BadgeAwarder? badges, AcceptanceEvent acceptance, CancellationToken cancellationToken,
        IReadOnlyList<TagFact>? answererTags = null)
    {
        if (badges is null)
            return;
        try
        {
            if (answererTags is not null)
                await badges.AwardAfterVotesAsync(AcceptanceBadges.Candidates(acceptance, answererTags), [], cancellationToken);
            else
                await badges.AwardAfterVotesAsync(AcceptanceBadges.Candidates(acceptance), AcceptanceBadges.TagChecks(acceptance), cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException or RetryLimitExceededException)
        {
            // Left to the sweep (see BadgeSweepJob).
        }
    }

    /// <summary>The same, each member's check scoped to what the write changed for them.</summary>
    public static async Task AfterAsync(BadgeAwarder? badges, IEnumerable<(string UserId, BadgeScope Scope)> checks, CancellationToken cancellationToken)
    {
        if (badges is null)
            return;
        try
        {
            await badges.CheckMembersAsync(checks, cancellationToken);
        }
        catch (Exception e) when (e is DbException or DbUpdateException or TimeoutException or RetryLimitExceededException)
        {
            // Left to the sweep (see BadgeSweepJob).
        }
    }
}
