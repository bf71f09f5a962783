using System.Data.Common;
using System.Text;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Domain.Search;

/// <summary>
/// <see cref="ISearchIndex"/> over PostgreSQL full-text search (the table of <see cref="PostgresSearchSchema"/>): the same
/// filters, boosts, snippets and fall-back as <see cref="SqliteSearchIndex"/>, with <c>ts_rank</c> over the weighted
/// document for relevance and <c>ts_headline</c> for the snippet.
/// </summary>
public sealed class PostgresSearchIndex(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time) : ISearchIndex
{
    private const string Open = "\u0001";
    private const string Close = "\u0002";

    /// <summary>The weights of D (answers), C (body), B (tags) and A (title): SQLite's bm25 weights 1.5, 2, 4 and 10, scaled.</summary>
    private const string Weights = "'{0.15, 0.2, 0.4, 1.0}'::float4[]";

    /// <summary>The same boost as SQLite's (see <see cref="SqliteSearchIndex"/>): trust and recency scale relevance up.</summary>
    private const string Boost = """
        (CASE WHEN d."Id" > 0 THEN
            1.0 + 0.5 * least(greatest(q."Score", 0), 20) / 20.0
                + (CASE WHEN q."AcceptedAnswerId" IS NOT NULL THEN 0.4 ELSE 0.0 END)
                + (CASE WHEN q."OfficialAnswerId" IS NOT NULL THEN 0.3 ELSE 0.0 END)
                + (CASE WHEN q."AnswerCount" > 0 THEN 0.1 ELSE 0.0 END)
                + 0.3 / (1.0 + greatest(extract(epoch FROM (@now - q."CreatedAt"))::float8 / 86400.0, 0) / 180.0)
        ELSE
            1.6 + 0.2 * least(greatest(k."HelpfulYes" - k."HelpfulNo", 0), 20) / 20.0
                + 0.3 / (1.0 + greatest(extract(epoch FROM (@now - coalesce(k."PublishedAt", k."CreatedAt")))::float8 / 86400.0, 0) / 180.0)
        END)::float8
        """;

    /// <summary>ts_headline's options: our own marks around matches (turned into &lt;mark&gt; by <see cref="SqliteSearchIndex.SnippetHtml"/>).</summary>
    private static readonly string HeadlineOptions = $"StartSel={Open}, StopSel={Close}, MinWords=12, MaxWords=24";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = request.Query;
        if (query.IsEmpty)
            return SearchResults.None;
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        var match = ToTsQuery(query.TermsToMatch(dropStopWords: false), all: true);
        var results = await RunAsync(query, match, page, request.PageSize, exclude: null, cancellationToken);
        if (results.Total == 0 && query.Terms.Count > 1)
        {
            // Nothing holds every word: show what holds the most of them, and say so.
            var some = await RunAsync(query, ToTsQuery(query.TermsToMatch(dropStopWords: true), all: false), page, request.PageSize, exclude: null, cancellationToken);
            if (some.Total > 0)
                return some with { MatchedSomeWords = true };
        }
        return results;
    }

    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(title);
        var match = ToTsQuery(query.TermsToMatch(dropStopWords: true), all: false, prefixLast: true);
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
        var text = ToTsQuery(query.TermsToMatch(dropStopWords: true), all: false);
        // Shared tags count through the tags (weight B) of the document; a tag like "mobile-app" is a phrase there.
        var tagMatch = ToTsQuery(tags.Select(t => new SearchTerm(t, IsPhrase: true)).ToList(), all: false, weight: 'B');
        var match = (text, tagMatch) switch
        {
            (null, null) => null,
            (null, _) => tagMatch,
            (_, null) => text,
            _ => $"({text}) | ({tagMatch})",
        };
        if (match is null)
            return [];
        var results = await RunAsync(query with { Tags = [], Answered = false, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: questionId, cancellationToken, questionsOnly: true);
        return results.Hits;
    }

    /// <summary>
    /// A <c>to_tsquery</c> expression from the parsed terms: each word or phrase cut into letters-and-digits tokens, each
    /// token quoted (nothing the visitor types is tsquery syntax), the tokens of one term adjacent (<c>&lt;-&gt;</c>), the
    /// terms joined with AND or OR. Null when nothing is left to match.
    /// </summary>
    internal static string? ToTsQuery(IReadOnlyList<SearchTerm> terms, bool all, bool prefixLast = false, char? weight = null)
    {
        var parts = new List<string>();
        for (var n = 0; n < terms.Count; n++)
        {
            var tokens = Tokens(terms[n].Text);
            if (tokens.Count == 0)
                continue;
            var prefix = prefixLast && n == terms.Count - 1 && !terms[n].IsPhrase;
            var part = string.Join(" <-> ", tokens.Select((token, i) =>
                $"'{token}'" + (prefix && i == tokens.Count - 1 ? ":*" : weight is null ? "" : ":") + (weight is null ? "" : weight.ToString())));
            parts.Add(tokens.Count > 1 ? $"({part})" : part);
        }
        return parts.Count == 0 ? null : string.Join(all ? " & " : " | ", parts);
    }

    private static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
                token.Append(char.ToLowerInvariant(c));
            else if (token.Length > 0)
            {
                tokens.Add(token.ToString());
                token.Clear();
            }
        }
        if (token.Length > 0)
            tokens.Add(token.ToString());
        return tokens;
    }

    private async Task<SearchResults> RunAsync(SearchQuery query, string? match, int page, int pageSize, int? exclude, CancellationToken cancellationToken, bool questionsOnly = false)
    {
        if (match is null && query.Tags.Count == 0)
            return SearchResults.None;
        var where = new StringBuilder($""" WHERE (d."Id" > 0 AND q."Id" IS NOT NULL AND {PostgresSearchSchema.LiveQuestion} OR d."Id" < 0 AND k."Status" = 'Published')""");
        var parameters = new List<NpgsqlParameter> { new("now", time.GetUtcNow().UtcDateTime) };
        if (match is not null)
        {
            where.Append(""" AND d."Document" @@ m.query""");
            parameters.Add(new NpgsqlParameter("match", match));
        }
        for (var n = 0; n < query.Tags.Count; n++)
        {
            where.Append($"""
                 AND (d."Id" > 0 AND EXISTS (SELECT 1 FROM "QuestionTags" qt JOIN "Tags" t ON t."Id" = qt."TagsId" WHERE qt."QuestionsId" = d."Id" AND t."Name" = @tag{n})
                      OR d."Id" < 0 AND (' ' || k."Tags" || ' ') LIKE '% ' || @tag{n} || ' %')
                """);
            parameters.Add(new NpgsqlParameter($"tag{n}", query.Tags[n]));
        }
        if (query.KnowledgeBaseOnly)
            where.Append(""" AND d."Id" < 0""");
        if (questionsOnly)
            where.Append(""" AND d."Id" > 0""");
        // Articles are solved by definition, so "answered" and "accepted" keep them.
        if (query.Answered)
            where.Append(""" AND (d."Id" < 0 OR q."AnswerCount" > 0 OR q."AcceptedAnswerId" IS NOT NULL)""");
        if (query.Accepted)
            where.Append(""" AND (d."Id" < 0 OR q."AcceptedAnswerId" IS NOT NULL OR q."OfficialAnswerId" IS NOT NULL)""");
        if (exclude is { } excluded)
        {
            where.Append(""" AND d."Id" <> @exclude""");
            parameters.Add(new NpgsqlParameter("exclude", excluded));
        }
        var from = $"""
             FROM "{PostgresSearchSchema.Table}" d LEFT JOIN "Posts" q ON q."Id" = d."Id" AND d."Id" > 0 LEFT JOIN "KbArticles" k ON k."Id" = -d."Id"
             CROSS JOIN {(match is null ? "(SELECT NULL::tsquery AS query)" : $"(SELECT to_tsquery('{PostgresSearchSchema.Configuration}', @match) AS query)")} m
            """;
        var rank = match is null ? Boost : $"ts_rank({Weights}, d.\"Document\", m.query, 1) * {Boost}";
        // The page first, then the snippets of its rows only: ts_headline reads the whole text of a document.
        var snippet = match is null
            ? "left(p.\"Body\", 200)"
            : $"ts_headline('{PostgresSearchSchema.Configuration}', concat_ws(' … ', nullif(p.\"Body\", ''), nullif(p.\"Answers\", '')), p.query, @headline)";
        var sql = $"""
            SELECT p."Id", p."Title", {snippet}, p."Tags", p.score, p.answers, p.accepted, p.official, p.at,
                   p."AuthorId", (SELECT u."DisplayName" FROM "AspNetUsers" u WHERE u."Id" = p."AuthorId"), p."Staff_Name", p."Staff_Title", p."Staff_Team", p."Staff_Company"
            FROM (SELECT d."Id", d."Title", d."Body", d."Answers", d."Tags", coalesce(q."Score", 0) AS score, coalesce(q."AnswerCount", 0) AS answers,
                         q."AcceptedAnswerId" IS NOT NULL AS accepted, q."OfficialAnswerId" IS NOT NULL AS official,
                         coalesce(q."CreatedAt", k."PublishedAt", k."CreatedAt") AS at, q."AuthorId",
                         q."Staff_Name", q."Staff_Title", q."Staff_Team", q."Staff_Company", m.query, {rank} AS rank
                  {from}{where}
                  ORDER BY rank DESC, d."Id" DESC
                  LIMIT @limit OFFSET @offset) p
            ORDER BY p.rank DESC, p."Id" DESC;
            """;
        var countSql = $"SELECT count(*){from}{where};";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Raw commands run inside the execution strategy too, so a restart of the server is retried as EF's own queries are.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            int total;
            await using (var count = connection.CreateCommand())
            {
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
                command.Parameters.Add(new NpgsqlParameter("headline", HeadlineOptions));
                command.Parameters.Add(new NpgsqlParameter("limit", pageSize));
                command.Parameters.Add(new NpgsqlParameter("offset", (page - 1) * pageSize));
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetInt32(0);
                    hits.Add(new SearchHit(
                        id > 0 ? SearchHitKind.Question : SearchHitKind.Article,
                        Math.Abs(id),
                        reader.GetString(1),
                        SqliteSearchIndex.SnippetHtml(reader.IsDBNull(2) ? "" : reader.GetString(2)),
                        reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                        reader.GetInt32(4), reader.GetInt32(5), reader.GetBoolean(6), reader.GetBoolean(7),
                        reader.IsDBNull(8) ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : DateTime.SpecifyKind(reader.GetDateTime(8), DateTimeKind.Utc),
                        reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
                        // The staff disclosure the question was written with: search shows it as every list does.
                        reader.IsDBNull(11) ? null : new Staff.StaffDisclosure(reader.GetString(11), Text(reader, 12), Text(reader, 13), Text(reader, 14))));
                }
            }
            return new SearchResults(hits, total, page, pageSize, false);
        });
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);

    private static void AddParameters(DbCommand command, List<NpgsqlParameter> parameters)
    {
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter(parameter.ParameterName, parameter.Value));
    }
}
