using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>
/// Keeps SQLite's query planner statistics current. SQLite plans by what ANALYZE last stored in <c>sqlite_stat1</c>
/// and never refreshes it by itself: a table analysed while nearly empty (the bench's dataset had "0 0 0" for
/// <c>Follows</c> and <c>Notices</c>) goes on steering plans as it grows, and one planner choice turned a follower
/// lookup from 0.011 ms into 2.8 ms. An approximate ANALYZE (<c>analysis_limit</c>: a bounded sample of each index)
/// of the mapped tables costs ~0.1 s on the 1M-post dataset, so a daily run keeps plans from depending on old numbers.
/// PostgreSQL's autovacuum analyses tables by itself.
/// </summary>
public sealed class PlannerStatistics(IDbContextFactory<CommunityDbContext> contexts)
{
    /// <summary>Rows examined per index: SQLite's documentation suggests 100 to 1000 for this use.</summary>
    public const int AnalysisLimit = 1000;

    /// <returns>Whether statistics were refreshed (false on PostgreSQL).</returns>
    public async Task<bool> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
            return false;
        // ANALYZE writes sqlite_stat1: it waits for the write turn like every other writer of this process.
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        // Table names come from the model, quoted as identifiers.
        var sql = $"PRAGMA analysis_limit={AnalysisLimit};"
            + string.Concat(MappedTables(db).Select(table => $"ANALYZE \"{table.Replace("\"", "\"\"")}\";"));
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The tables the model maps, not the search index's shadow tables: those have no index to sample, so ANALYZE
    /// would count their rows by reading them whole (the dataset's 26 s of a whole-file ANALYZE, against ~0.1 s for
    /// these), holding the write turn meanwhile.
    /// </summary>
    internal static IReadOnlyList<string> MappedTables(CommunityDbContext db) =>
        db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
