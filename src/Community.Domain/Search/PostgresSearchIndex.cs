using System.Data.Common;
using System.Text;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Domain.Search;

/// <summary>
/// <see cref="ISearchIndex"/> over PostgreSQL full-text search (the table of <see cref="PostgresSearchSchema"/>): the same
/// bounded candidates (<see cref="SearchBounds"/>), filters, boosts, snippets and fall-back as <see cref="SqliteSearchIndex"/>,
/// with <c>ts_rank</c> over the title and tags (weights A and B) for relevance and <c>ts_headline</c> for the snippet.
/// </summary>
public sealed class PostgresSearchIndex(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, SearchBounds? bounds = null) : ISearchIndex
{
    private readonly SearchBounds limits = bounds ?? SearchBounds.Default;

    /// <summary>The weights of D (answers), C (body), B (tags) and A (title) for the title relevance: SQLite's bm25 over its title index weighs title 10 and tags 4.</summary>
    private const string TitleWeights = "'{0, 0, 0.4, 1.0}'::float4[]";

    /// <summary>The same boost as SQLite's (see <see cref="SqliteSearchIndex"/>): trust and recency scale relevance up.</summary>
    private const string Boost = """
        (CASE WHEN c.id > 0 THEN
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

    /// <summary>ts_headline's options: our own marks around matches (turned into &lt;mark&gt; by <see cref="SearchHits.SnippetHtml"/>).</summary>
    private static readonly string HeadlineOptions = $"StartSel={SearchHits.Open}, StopSel={SearchHits.Close}, MinWords=12, MaxWords=24";

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
        var results = await RunAsync(query with { Tags = [], Answered = true, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: null, cancellationToken,
            snippets: false);
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
        var results = await RunAsync(query with { Tags = [], Answered = false, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: questionId, cancellationToken,
            questionsOnly: true, bound: limits.ForRelated, snippets: false);
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

    /// <summary>
    /// The query restricted to the title and tags (weights A and B) for the title candidates: every lexeme gets the weights
    /// unless it already has its own (a related question's tags are B already).
    /// </summary>
    internal static string TitleOnly(string tsquery) =>
        System.Text.RegularExpressions.Regex.Replace(tsquery, @"('[^']*')(?::(\*?)([A-D]*))?",
            m => $"{m.Groups[1].Value}:{m.Groups[2].Value}{(m.Groups[3].Value.Length > 0 ? m.Groups[3].Value : "AB")}");

    /// <param name="snippets">False where no snippet is shown (related questions, suggestions): ts_headline re-parses each body.</param>
    private async Task<SearchResults> RunAsync(SearchQuery query, string? match, int page, int pageSize, int? exclude, CancellationToken cancellationToken, bool questionsOnly = false,
        SearchBounds? bound = null, bool snippets = true)
    {
        if (match is null && query.Tags.Count == 0)
            return SearchResults.None;
        bound ??= limits;
        // The same bounded candidates as SQLite's (see SearchBounds): the newest matches, the newest title matches, the
        // articles; the GIN index finds the matches, the candidates are ranked, the page's rows alone get a headline.
        var filters = new StringBuilder();
        var parameters = new List<NpgsqlParameter> { new("now", time.GetUtcNow().UtcDateTime) };
        for (var n = 0; n < query.Tags.Count; n++)
        {
            filters.Append($"""
                 AND (d."Id" > 0 AND EXISTS (SELECT 1 FROM "QuestionTags" qt JOIN "Tags" t ON t."Id" = qt."TagsId" WHERE qt."QuestionsId" = d."Id" AND t."Name" = @tag{n})
                      OR d."Id" < 0 AND (' ' || k."Tags" || ' ') LIKE '% ' || @tag{n} || ' %')
                """);
            parameters.Add(new NpgsqlParameter($"tag{n}", query.Tags[n]));
        }
        if (query.KnowledgeBaseOnly)
            filters.Append(""" AND d."Id" < 0""");
        if (questionsOnly)
            filters.Append(""" AND d."Id" > 0""");
        // Articles are solved by definition, so "answered" and "accepted" keep them.
        if (query.Answered)
            filters.Append(""" AND (d."Id" < 0 OR q."AnswerCount" > 0 OR q."AcceptedAnswerId" IS NOT NULL)""");
        if (query.Accepted)
            filters.Append(""" AND (d."Id" < 0 OR q."AcceptedAnswerId" IS NOT NULL OR q."OfficialAnswerId" IS NOT NULL)""");
        if (exclude is { } excluded)
        {
            filters.Append(""" AND d."Id" <> @exclude""");
            parameters.Add(new NpgsqlParameter("exclude", excluded));
        }
        filters.Append($""" AND (d."Id" > 0 AND q."Id" IS NOT NULL AND {PostgresSearchSchema.LiveQuestion} OR d."Id" < 0 AND k."Status" = 'Published')""");
        if (match is not null)
        {
            parameters.Add(new NpgsqlParameter("match", match));
            parameters.Add(new NpgsqlParameter("titles", TitleOnly(match)));
        }
        parameters.Add(new NpgsqlParameter("candidates", bound.Candidates));
        parameters.Add(new NpgsqlParameter("titled", bound.TitleCandidates));

        string Arm(string select, string condition, string side, string order, string limit) => $"""
            SELECT {select} FROM "{PostgresSearchSchema.Table}" d LEFT JOIN "Posts" q ON q."Id" = d."Id" AND d."Id" > 0 LEFT JOIN "KbArticles" k ON k."Id" = -d."Id", m
            WHERE {condition} AND {side}{filters}
            ORDER BY d."Id" {order} LIMIT {limit}
            """;
        var words = match is null ? "TRUE" : """d."Document" @@ m.query""";
        // ts_rank of the title and tags alone (A and B), scaled so that a word in the title outweighs any boost of a
        // thread that has it only in its body, as SQLite's bm25 over its title index does.
        var titled = match is null
            ? "SELECT 0 AS id, 0.0::float8 AS rel WHERE FALSE"
            : Arm($"""d."Id" AS id, 100.0 * ts_rank({TitleWeights}, d."Document", m.titles, 0)::float8 AS rel""", """d."Document" @@ m.titles""", "TRUE", "DESC", "@titled");
        var queries = match is null
            ? "SELECT NULL::tsquery AS query, NULL::tsquery AS titles"
            : $"SELECT to_tsquery('{PostgresSearchSchema.Configuration}', @match) AS query, to_tsquery('{PostgresSearchSchema.Configuration}', @titles) AS titles";
        var snippet = !snippets
            ? "NULL::text"
            : match is null
            ? "left(p.\"Body\", 200)"
            : $"ts_headline('{PostgresSearchSchema.Configuration}', p.\"Body\", m.query, @headline)";
        var sql = $"""
            WITH m AS MATERIALIZED ({queries}),
                 body AS MATERIALIZED ({Arm("d.\"Id\" AS id", words, "d.\"Id\" > 0", "DESC", "@candidates")}),
                 articles AS MATERIALIZED ({Arm("d.\"Id\" AS id", words, "d.\"Id\" < 0", "ASC", "@candidates")}),
                 titled AS MATERIALIZED ({titled}),
                 candidates AS MATERIALIZED (
                     SELECT id, max(rel) AS rel FROM (SELECT id, 0.0::float8 AS rel FROM body UNION ALL SELECT id, 0.0::float8 FROM articles UNION ALL SELECT id, rel FROM titled) u
                     GROUP BY id),
                 p AS MATERIALIZED (
                     SELECT d."Id", d."Title", d."Body", d."Tags", coalesce(q."Score", 0) AS score, coalesce(q."AnswerCount", 0) AS answers,
                            q."AcceptedAnswerId" IS NOT NULL AS accepted, q."OfficialAnswerId" IS NOT NULL AS official,
                            coalesce(q."CreatedAt", k."PublishedAt", k."CreatedAt") AS at, q."AuthorId",
                            q."Staff_Name", q."Staff_Title", q."Staff_Team", q."Staff_Company", (1.0 + c.rel) * {Boost} AS rank
                     FROM candidates c JOIN "{PostgresSearchSchema.Table}" d ON d."Id" = c.id
                          LEFT JOIN "Posts" q ON q."Id" = c.id AND c.id > 0 LEFT JOIN "KbArticles" k ON k."Id" = -c.id
                     ORDER BY rank DESC, d."Id" DESC
                     LIMIT @limit OFFSET @offset)
            SELECT p."Id", p."Title", {snippet}, p."Tags", p.score, p.answers, p.accepted, p.official, p.at,
                   p."AuthorId", (SELECT u."DisplayName" FROM "AspNetUsers" u WHERE u."Id" = p."AuthorId"), p."Staff_Name", p."Staff_Title", p."Staff_Team", p."Staff_Company",
                   (SELECT count(*) FROM candidates)::int, (SELECT count(*) FROM body)::int, (SELECT count(*) FROM articles)::int
            FROM p, m
            ORDER BY p.rank DESC, p."Id" DESC;
            """;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Raw commands run inside the execution strategy too, so a restart of the server is retried as EF's own queries are.
        var results = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var hits = new List<SearchHit>();
            int total = 0;
            var more = false;
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            AddParameters(command, parameters);
            command.Parameters.Add(new NpgsqlParameter("headline", HeadlineOptions));
            command.Parameters.Add(new NpgsqlParameter("limit", pageSize));
            command.Parameters.Add(new NpgsqlParameter("offset", (page - 1) * pageSize));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(SearchHits.Read(reader));
                total = reader.GetInt32(15);
                more = reader.GetInt32(16) >= bound.Candidates || reader.GetInt32(17) >= bound.Candidates;
            }
            return new SearchResults(hits, total, page, pageSize, false, more);
        });
        if (results.Hits.Count == 0 && page > 1)
        {
            // Past the last page: the count, for the page to say how many there are.
            var first = await RunAsync(query, match, 1, 1, exclude, cancellationToken, questionsOnly, bound);
            return first with { Hits = [], Page = page, PageSize = pageSize };
        }
        return results;
    }

    private static void AddParameters(DbCommand command, List<NpgsqlParameter> parameters)
    {
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter(parameter.ParameterName, parameter.Value));
    }
}
