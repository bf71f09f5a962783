using System.Globalization;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Search;

/// <summary>
/// Each question's related questions as last ranked, kept in the database: which questions, in order, for which title
/// and tags, and when (issue 11). Ranking them is a search of the title's words, the costliest part of a question's first
/// view: ~4–6 ms of CPU, and on a large community read from disk, since the title index and the candidates' rows are
/// cold for a page nobody opened lately. Most views of a forum's question pages are such first views (visitors from a
/// search engine, crawlers over the long tail, every page after a restart), so a list ranked once is kept here and read
/// back in one statement by the question's id.
/// <para>
/// Only the ids are kept: the titles and the accepted mark are read from the questions themselves, live ones only, so an
/// edited title, a question deleted or held by moderation, or a newly accepted answer shows at once. What may be old is
/// which questions the list holds: a list is ranked again after <see cref="MaxAge"/>, or at once when the question's own
/// title or tags change (<c>Key</c>).
/// </para>
/// Hand-written like the search index (no entity: nothing but this class reads or writes it); the migration
/// <c>RelatedLists</c> runs <see cref="Create"/> on both engines.
/// </summary>
/// <param name="reads">Pooled contexts for the page's read (<see cref="ReadContexts"/>); writes take <paramref name="contexts"/>.</param>
public sealed class StoredRelatedLists(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, IDbContextFactory<CommunityDbContext>? reads = null)
{
    private readonly IDbContextFactory<CommunityDbContext> reads = reads ?? contexts;

    public const string Table = "RelatedLists";

    /// <summary>How long a list stands before it is ranked again: newer questions may belong in it.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public static IEnumerable<string> Create()
    {
        // Ticks and a comma-separated list read the same on both engines.
        yield return $"""
            CREATE TABLE "{Table}" (
                "QuestionId" integer NOT NULL PRIMARY KEY REFERENCES "Posts" ("Id") ON DELETE CASCADE,
                "Key" text NOT NULL,
                "RankedAt" bigint NOT NULL,
                "Ids" text NOT NULL
            );
            """;
    }

    public static IEnumerable<string> Drop()
    {
        yield return $"""DROP TABLE IF EXISTS "{Table}";""";
    }

    /// <summary>What a list was ranked for: the question's title and tags (an edit of either ranks it again).</summary>
    public static string KeyOf(string title, IReadOnlyList<string> tags) => title + "\n" + string.Join(' ', tags);

    /// <summary>
    /// The question's stored list as the page shows it (live questions, current titles, in rank order), or null when there
    /// is none for this title and tags, or it is older than <see cref="MaxAge"/>.
    /// </summary>
    public async Task<IReadOnlyList<SearchHit>?> ReadAsync(int questionId, string key, CancellationToken cancellationToken = default)
    {
        await using var db = await reads.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = db.Database.IsNpgsql() ? PostgresRead : SqliteRead;
        command.Parameters.Add(RawParameters.Create(db, "question", questionId));
        command.Parameters.Add(RawParameters.Create(db, "since", (time.GetUtcNow() - MaxAge).UtcTicks));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        List<SearchHit>? hits = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(0) != key)
                return null;
            hits ??= [];
            // An empty list is one row with no question; a related question no longer live has no title.
            if (!reader.IsDBNull(2))
                hits.Add(new SearchHit(SearchHitKind.Question, reader.GetInt32(1), reader.GetString(2), "", [], 0, 0,
                    HasAcceptedAnswer: reader.GetBoolean(3), HasOfficialAnswer: false, Date: default));
        }
        return hits;
    }

    private const string LiveRelated = """p."Kind" = 'Question' AND p."DeletedAt" IS NULL AND p."HiddenAt" IS NULL""";

    private const string SqliteRead = $"""
        SELECT r."Key", p."Id", p."Title", p."AcceptedAnswerId" IS NOT NULL
        FROM "{Table}" r
        LEFT JOIN json_each('[' || r."Ids" || ']') j
        LEFT JOIN "Posts" p ON p."Id" = j.value AND {LiveRelated}
        WHERE r."QuestionId" = @question AND r."RankedAt" >= @since
        ORDER BY j.key
        """;

    private const string PostgresRead = $"""
        SELECT r."Key", p."Id", p."Title", p."AcceptedAnswerId" IS NOT NULL
        FROM "{Table}" r
        LEFT JOIN LATERAL unnest(string_to_array(nullif(r."Ids", ''), ',')::integer[]) WITH ORDINALITY AS j(id, n) ON true
        LEFT JOIN "Posts" p ON p."Id" = j.id AND {LiveRelated}
        WHERE r."QuestionId" = @question AND r."RankedAt" >= @since
        ORDER BY j.n
        """;

    /// <summary>Keeps lists just ranked, in one write turn: replaces each question's list; a question gone meanwhile is skipped.</summary>
    public async Task StoreAsync(IReadOnlyCollection<RankedList> lists, CancellationToken cancellationToken = default)
    {
        if (lists.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        var now = time.GetUtcNow().UtcTicks;
        foreach (var list in lists)
        {
            // The question may have been removed since its page was read: the insert then finds no row to refer to.
            var sql = $"""
                INSERT INTO "{Table}" ("QuestionId", "Key", "RankedAt", "Ids")
                SELECT @question, @key, @now, @ids WHERE EXISTS (SELECT 1 FROM "Posts" WHERE "Id" = @question)
                ON CONFLICT ("QuestionId") DO UPDATE SET "Key" = excluded."Key", "RankedAt" = excluded."RankedAt", "Ids" = excluded."Ids"
                """;
            await db.Database.ExecuteSqlRawAsync(sql, [
                RawParameters.Create(db, "question", list.QuestionId), RawParameters.Create(db, "key", list.Key),
                RawParameters.Create(db, "now", now), RawParameters.Create(db, "ids", string.Join(',', list.Ids.Select(id => id.ToString(CultureInfo.InvariantCulture))))], cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }
}

/// <summary>A question's related questions as ranked for <paramref name="Key"/> (<see cref="StoredRelatedLists.KeyOf"/>).</summary>
public sealed record RankedList(int QuestionId, string Key, IReadOnlyList<int> Ids);
