using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Search;

/// <summary>
/// Merges SQLite's full-text indexes into one segment each, in small steps. FTS5 writes every transaction's terms as a
/// new segment (a b-tree) and merges them only lazily, so a term's list is read from every segment that holds part of
/// it: the bench's freshly generated 1M-post index already had 11 segments, and a match cost 0.77 ms against 0.51 ms
/// once merged (issue 11; bench/README). FTS5's own incremental 'merge' command does the work; each step writes about
/// <see cref="StepPages"/> pages in the process's write turn, so writers wait at most one step (~50–300 ms on the
/// dataset), never the whole merge (~5 s for its 500 MB index). PostgreSQL's GIN indexes keep themselves.
/// </summary>
public sealed class SearchIndexMerge(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    /// <summary>Pages (of ~4 KB) merged per step; the <c>merge</c> command's N.</summary>
    public const int StepPages = 500;

    /// <summary>What a run did: the tables it merged, its steps, and whether every table is down to one segment.</summary>
    public sealed record Outcome(IReadOnlyList<string> Tables, int Steps, bool Complete);

    /// <param name="budget">How long a run may go on; an unfinished merge goes on in the next run.</param>
    public async Task<Outcome> MergeAsync(TimeSpan budget, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
            return new Outcome([], 0, true);
        var tables = await FullTextTablesAsync(db, cancellationToken);
        var deadline = time.GetUtcNow() + budget;
        var steps = 0;
        foreach (var table in tables)
        {
            // The first step is negative: every segment is eligible, whatever its level, as in 'optimize'. The next
            // ones are positive, so a segment that a write adds meanwhile does not restart the merge begun (FTS5 docs).
            var pages = -StepPages;
            while (true)
            {
                if (time.GetUtcNow() >= deadline)
                    return new Outcome(tables, steps, false);
                steps++;
                if (!await StepAsync(db, table, pages, cancellationToken))
                    break;
                pages = StepPages;
            }
        }
        return new Outcome(tables, steps, true);
    }

    /// <returns>Whether the step merged anything: FTS5 counts two changes or more when it did.</returns>
    private static async Task<bool> StepAsync(CommunityDbContext db, string table, int pages, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        var quoted = "\"" + table.Replace("\"", "\"\"") + "\"";
        var before = (await db.Database.SqlQueryRaw<long>("SELECT total_changes() AS \"Value\"").ToListAsync(cancellationToken)).Single();
        var merge = $"INSERT INTO {quoted}({quoted}, rank) VALUES('merge', {pages})";
        await db.Database.ExecuteSqlRawAsync(merge, cancellationToken);
        var after = (await db.Database.SqlQueryRaw<long>("SELECT total_changes() AS \"Value\"").ToListAsync(cancellationToken)).Single();
        await transaction.CommitAsync(cancellationToken);
        return after - before >= 2;
    }

    /// <summary>Every FTS5 table of the database, whoever made it (a migration's hand-written SQL), in name order.</summary>
    internal static Task<List<string>> FullTextTablesAsync(CommunityDbContext db, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<string>("""
            SELECT name AS "Value" FROM sqlite_master
            WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%' ORDER BY name
            """).ToListAsync(cancellationToken);
}
