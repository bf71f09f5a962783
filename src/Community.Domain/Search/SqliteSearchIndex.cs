using System.Data.Common;
using System.Net;
using System.Text;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Search;

/// <summary>
/// <see cref="ISearchIndex"/> over the FTS5 table of <see cref="SearchSchema"/>. One statement per page: the match,
/// the ranking, the filters, the snippet and everything a result line shows.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time) : ISearchIndex
{
    private const string Open = "\u0001";
    private const string Close = "\u0002";

    /// <summary>
    /// Relevance (bm25, negative: lower is better; titles weigh most, then tags) scaled up by what makes an answer
    /// trustworthy: score (capped), an accepted or official answer, any answer, and recency (half weight at 6 months).
    /// Articles are curated solutions, so they start ahead. Multiplying keeps relevance first: a popular thread that
    /// barely mentions the words stays below one about them.
    /// </summary>
    private const string Boost = """
        (CASE WHEN d.rowid > 0 THEN
            1.0 + 0.5 * min(max(q.Score, 0), 20) / 20.0
                + (CASE WHEN q.AcceptedAnswerId IS NOT NULL THEN 0.4 ELSE 0.0 END)
                + (CASE WHEN q.OfficialAnswerId IS NOT NULL THEN 0.3 ELSE 0.0 END)
                + (CASE WHEN q.AnswerCount > 0 THEN 0.1 ELSE 0.0 END)
                + 0.3 / (1.0 + max(julianday($now) - julianday(q.CreatedAt), 0) / 180.0)
        ELSE
            1.6 + 0.2 * min(max(k.HelpfulYes - k.HelpfulNo, 0), 20) / 20.0
                + 0.3 / (1.0 + max(julianday($now) - julianday(coalesce(k.PublishedAt, k.CreatedAt)), 0) / 180.0)
        END)
        """;

    private const string Relevance = $"bm25({SearchSchema.Table}, 10.0, 2.0, 1.5, 4.0)";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = request.Query;
        if (query.IsEmpty)
            return SearchResults.None;
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        var match = query.ToMatch(all: true);
        var results = await RunAsync(query, match, page, request.PageSize, exclude: null, cancellationToken);
        if (results.Total == 0 && query.Terms.Count > 1)
        {
            // Nothing holds every word: show what holds the most of them, and say so.
            var some = await RunAsync(query, query.ToMatch(all: false, dropStopWords: true), page, request.PageSize, exclude: null, cancellationToken);
            if (some.Total > 0)
                return some with { MatchedSomeWords = true };
        }
        return results;
    }

    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(title);
        var match = query.ToMatch(all: false, prefixLast: true, dropStopWords: true);
        if (match is null)
            return [];
        // Only what can answer the asker: articles and questions with an answer.
        var results = await RunAsync(query with { Tags = [], Answered = true, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: null, cancellationToken);
        return results.Hits;
    }

    public async Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default)
    {
        var words = SearchQuery.Parse(title).Terms.Select(t => t.Text).ToList();
        var query = SearchQuery.Parse(string.Join(' ', words));
        var text = query.ToMatch(all: false, dropStopWords: true);
        // Shared tags count through the tags column; a tag like "mobile-app" is quoted, so it is a phrase there.
        var tagMatch = tags.Count == 0 ? null : "tags : (" + string.Join(" OR ", tags.Select(t => $"\"{t.Replace("\"", "")}\"")) + ")";
        var match = (text, tagMatch) switch
        {
            (null, null) => null,
            (null, _) => tagMatch,
            (_, null) => text,
            _ => $"({text}) OR {tagMatch}",
        };
        if (match is null)
            return [];
        var results = await RunAsync(query with { Tags = [], Answered = false, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: questionId, cancellationToken,
            questionsOnly: true, candidates: RelatedCandidates);
        return results.Hits;
    }

    /// <summary>
    /// Related questions are ranked among the most recent matching questions only: a title's words are common, and on a
    /// million posts ranking every match cost ~1 s a page (bench/RESULTS.md); the 200 newest matches rank in a few ms.
    /// </summary>
    internal const int RelatedCandidates = 200;

    /// <param name="candidates">Rank only the newest this many matches, and skip the total (related questions show no count).</param>
    private async Task<SearchResults> RunAsync(SearchQuery query, string? match, int page, int pageSize, int? exclude, CancellationToken cancellationToken, bool questionsOnly = false,
        int? candidates = null)
    {
        if (match is null && query.Tags.Count == 0)
            return SearchResults.None;
        var where = new StringBuilder(" WHERE (d.rowid > 0 AND q.Id IS NOT NULL AND " + SearchSchema.LiveQuestion + " OR d.rowid < 0 AND k.Status = 'Published')");
        var parameters = new List<SqliteParameter> { new("$now", time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss")) };
        if (match is not null)
        {
            where.Append($" AND {SearchSchema.Table} MATCH $match");
            parameters.Add(new SqliteParameter("$match", match));
        }
        for (var n = 0; n < query.Tags.Count; n++)
        {
            where.Append($"""
                 AND (d.rowid > 0 AND EXISTS (SELECT 1 FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = d.rowid AND t.Name = $tag{n})
                      OR d.rowid < 0 AND (' ' || k.Tags || ' ') LIKE '% ' || $tag{n} || ' %')
                """);
            parameters.Add(new SqliteParameter($"$tag{n}", query.Tags[n]));
        }
        if (query.KnowledgeBaseOnly)
            where.Append(" AND d.rowid < 0");
        if (questionsOnly)
            where.Append(" AND d.rowid > 0");
        if (candidates is not null && match is not null)
            where.Append(" AND d.rowid >= $oldest");
        // Articles are solved by definition, so "answered" and "accepted" keep them.
        if (query.Answered)
            where.Append(" AND (d.rowid < 0 OR q.AnswerCount > 0 OR q.AcceptedAnswerId IS NOT NULL)");
        if (query.Accepted)
            where.Append(" AND (d.rowid < 0 OR q.AcceptedAnswerId IS NOT NULL OR q.OfficialAnswerId IS NOT NULL)");
        if (exclude is { } excluded)
        {
            where.Append(" AND d.rowid <> $exclude");
            parameters.Add(new SqliteParameter("$exclude", excluded));
        }
        // The index is the outer loop (a LEFT JOIN keeps it there), so bm25 and snippet see its cursor.
        const string from = $" FROM {SearchSchema.Table} d LEFT JOIN Posts q ON q.Id = d.rowid LEFT JOIN KbArticles k ON k.Id = -d.rowid";
        var order = match is null ? $"-{Boost}" : $"{Relevance} * {Boost}";
        var snippet = match is null ? "substr(d.body, 1, 200)" : $"snippet({SearchSchema.Table}, -1, $open, $close, ' … ', 16)";
        var sql = $"""
            SELECT d.rowid, d.title, {snippet}, d.tags, coalesce(q.Score, 0), coalesce(q.AnswerCount, 0),
                   q.AcceptedAnswerId IS NOT NULL, q.OfficialAnswerId IS NOT NULL, coalesce(q.CreatedAt, k.PublishedAt, k.CreatedAt),
                   q.AuthorId, (SELECT u.DisplayName FROM AspNetUsers u WHERE u.Id = q.AuthorId), q.Staff_Name, q.Staff_Title, q.Staff_Team, q.Staff_Company
            {from}{where}
            ORDER BY {order}, d.rowid DESC
            LIMIT $limit OFFSET $offset;
            """;
        var countSql = $"SELECT count(*){from}{where};";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        int total;
        if (candidates is { } bound && match is not null)
        {
            // The index yields matches newest first without ranking them: the bound is the rowid of the last one kept,
            // and the ranked query below reads only the index from there on.
            await using var newest = connection.CreateCommand();
            newest.CommandText = $"SELECT min(rowid) FROM (SELECT rowid FROM {SearchSchema.Table} WHERE {SearchSchema.Table} MATCH $match AND rowid > 0 ORDER BY rowid DESC LIMIT $bound);";
            newest.Parameters.Add(new SqliteParameter("$match", match));
            newest.Parameters.Add(new SqliteParameter("$bound", bound));
            if (await newest.ExecuteScalarAsync(cancellationToken) is not long oldest)
                return new SearchResults([], 0, page, pageSize, false);
            parameters.Add(new SqliteParameter("$oldest", oldest));
            total = -1;
        }
        else
        {
            await using var count = connection.CreateCommand();
            count.CommandText = countSql;
            AddParameters(count, parameters);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken));
        }
        if (total == 0)
            return new SearchResults([], 0, page, pageSize, false);
        var hits = new List<SearchHit>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            AddParameters(command, parameters);
            command.Parameters.Add(new SqliteParameter("$open", Open));
            command.Parameters.Add(new SqliteParameter("$close", Close));
            command.Parameters.Add(new SqliteParameter("$limit", pageSize));
            command.Parameters.Add(new SqliteParameter("$offset", (page - 1) * pageSize));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var rowid = reader.GetInt64(0);
                hits.Add(new SearchHit(
                    rowid > 0 ? SearchHitKind.Question : SearchHitKind.Article,
                    (int)Math.Abs(rowid),
                    reader.GetString(1),
                    SnippetHtml(reader.IsDBNull(2) ? "" : reader.GetString(2)),
                    reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    reader.GetInt32(4), reader.GetInt32(5), reader.GetBoolean(6), reader.GetBoolean(7),
                    DateTime.SpecifyKind(reader.IsDBNull(8) ? DateTime.MinValue : reader.GetDateTime(8), DateTimeKind.Utc),
                    reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                    // The staff disclosure the question was written with: search shows it as every list does.
                    reader.IsDBNull(11) ? null : new Staff.StaffDisclosure(reader.GetString(11), Text(reader, 12), Text(reader, 13), Text(reader, 14))));
            }
        }
        return new SearchResults(hits, total < 0 ? hits.Count : total, page, pageSize, false);
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);

    private static void AddParameters(DbCommand command, List<SqliteParameter> parameters)
    {
        foreach (var parameter in parameters)
            command.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
    }

    /// <summary>
    /// The snippet as HTML: all of its text encoded (it is the author's Markdown source, never trusted), a little
    /// Markdown punctuation dropped for reading, and only our own marks turned into &lt;mark&gt;.
    /// </summary>
    public static string SnippetHtml(string snippet)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(snippet, @"[*_`#]+|\]\([^)\u0001\u0002]*\)|\[", "");
        plain = System.Text.RegularExpressions.Regex.Replace(plain, @"\s+", " ").Trim();
        return WebUtility.HtmlEncode(plain).Replace(Open, "<mark>").Replace(Close, "</mark>");
    }
}
