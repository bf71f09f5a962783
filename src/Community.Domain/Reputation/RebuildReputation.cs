using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation;

public sealed record ReputationDifference(string UserId, long CachedPoints, long LedgerPoints);

public sealed record ReputationRebuildReport(int MembersChecked, IReadOnlyList<ReputationDifference> Corrected);

/// <summary>Rebuilds every member's total from the ledger, reports each difference and corrects it.</summary>
public sealed class RebuildReputation(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<ReputationRebuildReport> RunAsync(CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<ReputationRebuildReport>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var sums = await db.ReputationEntries.GroupBy(e => e.UserId)
                .Select(g => new { UserId = g.Key, Points = g.Sum(e => (long)e.Amount) })
                .ToDictionaryAsync(s => s.UserId, s => s.Points, cancellationToken);
            var cached = await db.Users.Select(u => new { u.Id, u.ReputationPoints, u.Reputation }).ToListAsync(cancellationToken);
            var corrected = new List<ReputationDifference>();
            foreach (var user in cached)
            {
                var ledger = sums.GetValueOrDefault(user.Id);
                if (ledger == user.ReputationPoints && user.Reputation == ReputationRules.Total(ledger))
                    continue;
                corrected.Add(new ReputationDifference(user.Id, user.ReputationPoints, ledger));
                var total = ReputationRules.Total(ledger);
                await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(set => set
                    .SetProperty(u => u.ReputationPoints, ledger)
                    .SetProperty(u => u.Reputation, total), cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return new ReputationRebuildReport(cached.Count, corrected);
        }, cancellationToken);
    }
}
