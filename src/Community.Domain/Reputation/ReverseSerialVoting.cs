using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation;

public sealed record SerialVotingReport(int PairsFound, int VotesReversed);

/// <summary>
/// Finds one member voting many times on the same member's posts within a short window and cancels the reputation
/// those votes gave or took, with a ledger reason. The votes themselves stay (scores are the community's judgement
/// of the posts); a second run finds nothing left to reverse.
/// </summary>
public sealed class ReverseSerialVoting(IDbContextFactory<CommunityDbContext> contexts, ReputationLedger ledger, TimeProvider time)
{
    public async Task<SerialVotingReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var options = ledger.Points;
        var since = time.GetUtcNow().UtcDateTime - options.SerialVotingWindow;
        return await contexts.RunAsync<SerialVotingReport>(async db =>
        {
            var pairs = await db.Votes.Where(v => v.CreatedAt >= since)
                .GroupBy(v => new { v.VoterId, AuthorId = v.Post!.AuthorId })
                .Where(g => g.Count() >= options.SerialVotingThreshold)
                .Select(g => new { g.Key.VoterId, g.Key.AuthorId, PostIds = g.Select(v => v.PostId).ToList() })
                .ToListAsync(cancellationToken);
            var reversed = 0;
            foreach (var pair in pairs)
            {
                await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
                foreach (var postId in pair.PostIds)
                {
                    var source = ReputationRules.VoteSource(postId, pair.VoterId);
                    // Per member, so a downvote's two sides (author −2, voter −1) are both cancelled.
                    var hasEffect = await db.ReputationEntries.Where(e => e.SourceKey == source)
                        .GroupBy(e => e.UserId).AnyAsync(g => g.Sum(e => e.Amount) != 0, cancellationToken);
                    if (!hasEffect)
                        continue;
                    await ledger.ReverseAsync(db, source, ReputationReason.SerialVotingReversed, actorId: null, cancellationToken);
                    reversed++;
                }
                await transaction.CommitAsync(cancellationToken);
            }
            return new SerialVotingReport(pairs.Count, reversed);
        }, cancellationToken);
    }
}
