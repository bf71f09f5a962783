using System.Collections.Concurrent;
using System.Data.Common;
using System.Text;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Search;

/// <summary>
/// <see cref="ISearchIndex"/> over the FTS5 tables of <see cref="SearchSchema"/>. Two statements per page: the bounded
/// candidates (<see cref="SearchBounds"/>) ranked with the filters and everything a result line shows, then the
/// snippets of that page's rows only.
/// </summary>
public sealed class SqliteSearchIndex(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, SearchBounds? bounds = null) : ISearchIndex
{
    private readonly SearchBounds limits = bounds ?? SearchBounds.Default;

    /// <summary>
    /// Told each page query before it runs (SQL and parameters), for the query-plan tests: EF Core's command
    /// interceptors do not see commands made on the raw connection.
    /// </summary>
    internal Action<DbCommand>? PageQueryExecuting { get; init; }

    /// <summary>
    /// Relevance (one, plus the bm25 of the words in the title and tags: titles weigh most) scaled up by what makes an
    /// answer trustworthy: score (capped), an accepted or official answer, any answer, and recency (half weight at 6
    /// months). Articles are curated solutions, so they start ahead. Multiplying keeps relevance first: a popular thread
    /// that only mentions the words in its body stays below one with them in its title.
    /// </summary>
    private const string Boost = """
        (CASE WHEN c.id > 0 THEN
            1.0 + 0.5 * min(max(q.Score, 0), 20) / 20.0
                + (CASE WHEN q.AcceptedAnswerId IS NOT NULL THEN 0.4 ELSE 0.0 END)
                + (CASE WHEN q.OfficialAnswerId IS NOT NULL THEN 0.3 ELSE 0.0 END)
                + (CASE WHEN q.AnswerCount > 0 THEN 0.1 ELSE 0.0 END)
                + 0.3 / (1.0 + max($today - julianday(q.CreatedAt), 0) / 180.0)
        ELSE
            1.6 + 0.2 * min(max(k.HelpfulYes - k.HelpfulNo, 0), 20) / 20.0
                + 0.3 / (1.0 + max($today - julianday(coalesce(k.PublishedAt, k.CreatedAt)), 0) / 180.0)
        END)
        """;

    /// <summary>
    /// bm25 over the title index only (title 10, tags 4; negative, so negated): its term statistics are cheap to read
    /// there, where over the full documents they cost ~17 ms for a common word (see <see cref="SearchSchema"/>).
    /// </summary>
    private const string TitleRelevance = $"-bm25({SearchSchema.Titles}, 10.0, 4.0)";

    /// <summary>
    /// The candidates' questions, read from <see cref="SearchSchema.RankIndex"/> alone: a Posts row keeps its score and
    /// dates behind the wide Body/BodyHtml columns, in overflow pages (~3 µs a row, most of ranking 1,000 candidates).
    /// Named (INDEXED BY): without statistics for this index SQLite prefers the rowid lookup (checked on the dataset).
    /// Joined with <see cref="SearchSchema.LiveQuestion"/> in the ON clause, which is the index's own condition.
    /// </summary>
    private const string LiveQuestions = $"Posts q INDEXED BY {SearchSchema.RankIndex}";

    public async Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default)
    {
        var query = request.Query;
        if (query.IsEmpty)
            return SearchResults.None;
        var page = Math.Clamp(request.Page, 1, SearchRequest.MaxPage);
        // Words as common as "the" are in nearly every document and weigh nothing in bm25, yet reading their lists cost
        // most of a search (bench/README.md): as PostgreSQL's english configuration does, a search with other words
        // ignores them (a quoted phrase keeps its own). One of nothing else matches them, ranked by the boost alone.
        var content = query.ToMatch(all: true, dropStopWords: true);
        var match = content ?? query.ToMatch(all: true);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var (body, rare) = content is null ? (null, []) : await BodyMatchAsync(connection, query, cancellationToken);
        var results = await RunAsync(query, match, page, request.PageSize, exclude: null, cancellationToken, rankTitles: content is not null, bodyMatch: body, on: connection,
            rareTerms: rare);
        if (results.Total == 0 && query.Terms.Count > 1)
        {
            // Nothing holds every word: show what holds the most of them, and say so.
            var some = await RunAsync(query, query.ToMatch(all: false, dropStopWords: true), page, request.PageSize, exclude: null, cancellationToken, on: connection);
            if (some.Total > 0)
                return some with { MatchedSomeWords = true };
        }
        return results;
    }

    /// <summary>
    /// In how many of the newest threads (<see cref="SearchBounds.CommonWindow"/>) each word was lately found: a word's
    /// class (rare, common or neither) changes slowly, and the common ones recur from search to search. Forgotten hourly,
    /// and when large.
    /// </summary>
    private readonly ConcurrentDictionary<string, int> bodyCommon = new(StringComparer.OrdinalIgnoreCase);

    private long bodyCommonSince = long.MinValue;

    /// <summary>
    /// The match for the full documents when some words are common and others are not: the rarer words (and every quoted
    /// phrase) alone; null to use the whole match. A document is a question with all its answers (~10 KB), so a support
    /// word such as "device" or "ethernet" is in 85–95% of them, and FTS5 checks each candidate of the rarer words against
    /// its long list (positions included, across the index's segments): ~8 µs a candidate, 5–10 ms for a search such as
    /// "kadelwexlem plomartri device" on the 1M-post dataset, most of the slow tail (bench/README.md), and 0.4–3 ms
    /// without it. Such a word narrows almost nothing (the same 747 threads but 7 more), and weighs next to nothing in
    /// relevance; it still ranks through the title index, which matches every word. As Lucene's common-terms query does.
    /// </summary>
    private async Task<(string? Match, IReadOnlyList<string> Rare)> BodyMatchAsync(DbConnection connection, SearchQuery query, CancellationToken cancellationToken)
    {
        var terms = query.TermsToMatch(dropStopWords: true);
        var words = terms.Where(t => !t.IsPhrase).Select(t => t.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (terms.Count < 2)
            return (null, []);
        var now = time.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref bodyCommonSince) > TimeSpan.TicksPerHour || bodyCommon.Count > 100_000)
        {
            bodyCommon.Clear();
            Interlocked.Exchange(ref bodyCommonSince, now);
        }
        var unknown = words.Where(w => !bodyCommon.ContainsKey(w)).ToList();
        if (unknown.Count > 0)
        {
            // Each word's threads among the newest questions (its question's document or one of its answers: the rows
            // past the window's floor, ~10 a thread, a bounded walk of its lists); fewer questions than the window: no
            // floor, so nothing is common on a small forum, and every word is rare.
            await using var command = connection.CreateCommand();
            command.CommandText = $"""
                WITH recent(floor) AS (
                    SELECT q.Id FROM {LiveQuestions} WHERE {SearchSchema.LiveQuestion} ORDER BY q.Id DESC LIMIT 1 OFFSET $window - 1)
                {string.Join(" UNION ALL ", unknown.Select((_, n) =>
                    $"SELECT {n}, (SELECT count(*) FROM (SELECT rowid FROM {SearchSchema.Table} WHERE {SearchSchema.Table} MATCH $w{n} AND rowid >= (SELECT floor FROM recent) "
                    + $"UNION SELECT {SearchSchema.QuestionOfAnswerRow("rowid")} FROM {SearchSchema.Answers} WHERE {SearchSchema.Answers} MATCH $w{n} AND rowid >= (SELECT floor FROM recent) << 32))"))};
                """;
            for (var n = 0; n < unknown.Count; n++)
                command.Parameters.Add(new SqliteParameter($"$w{n}", $"\"{unknown[n]}\""));
            command.Parameters.Add(new SqliteParameter("$window", limits.CommonWindow));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                bodyCommon[unknown[reader.GetInt32(0)]] = reader.GetInt32(1);
        }
        // Rare: in fewer than 3 in 20 of the newest threads (every word, below the window). Their lists are short, so each
        // one's threads are read whole and intersected: a thread holds every rare word, whichever of its posts holds each.
        var rare = terms.Where(t => t.IsPhrase || bodyCommon.GetValueOrDefault(t.Text) < Math.Max(1, limits.CommonWindow * 3 / 20))
            .Select(t => $"\"{t.Text}\"").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (rare.Count > 0)
            return (null, rare);
        var rarer = terms.Where(t => t.IsPhrase || bodyCommon.GetValueOrDefault(t.Text) < Math.Max(1, limits.CommonWindow / 2)).ToList();
        // Every word common: their lists are dense, so the newest matches come at once; nothing to leave out.
        if (rarer.Count == 0 || rarer.Count == terms.Count)
            return (null, []);
        return (string.Join(" AND ", rarer.Select(t => $"\"{t.Text}\"")), []);
    }

    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(title);
        var match = query.ToMatch(all: false, prefixLast: true, dropStopWords: true);
        if (match is null)
            return [];
        // Only what can answer the asker: articles and questions with an answer.
        var results = await RunAsync(query with { Tags = [], Answered = true, Accepted = false, KnowledgeBaseOnly = false }, match, 1, count, exclude: null, cancellationToken,
            snippets: false);
        return results.Hits;
    }

    public async Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default)
    {
        var query = SearchQuery.Parse(string.Join(' ', SearchQuery.Parse(title).Terms.Select(t => t.Text)));
        // Each title word, and each tag through the tags column (a tag like "mobile-app" is quoted, so a phrase there).
        var terms = query.TermsToMatch(dropStopWords: true).Select(t => $"\"{t.Text}\"").Distinct(StringComparer.OrdinalIgnoreCase)
            .Concat(tags.Select(t => $"tags : \"{t.Replace("\"", "")}\""))
            .ToList();
        if (terms.Count == 0)
            return [];
        var bound = limits.ForRelated;
        // From the title index alone, by the title's rarer words and tags when it has some: a word in thousands of titles
        // ("best", "setup") says little about what a question is about, yet it filled the newest candidates with the
        // latest questions that merely shared it (so a question sharing a rare word was found only while recent), and its
        // bm25 statistics walked its whole list on each first view of a question page (bench/README.md).
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var rare = await RareTermsAsync(connection, terms, bound.CommonTitleMatches, cancellationToken);
        var related = query with { Tags = [], Answered = false, Accepted = false, KnowledgeBaseOnly = false };
        Task<SearchResults> RankAsync(List<string> by) => RunAsync(related, string.Join(" OR ", by), 1, count, exclude: questionId, cancellationToken,
            questionsOnly: true, bound: bound, titlesOnly: true, snippets: false, on: connection);
        var hits = (await RankAsync(rare.Count > 0 ? rare : terms)).Hits;
        if (hits.Count >= count || rare.Count == 0 || rare.Count == terms.Count)
            return hits;
        // Too few share a rarer word: the common ones fill the list, after them.
        var more = (await RankAsync(terms)).Hits.Where(h => hits.All(r => r.Id != h.Id));
        return [.. hits, .. more.Take(count - hits.Count)];
    }

    /// <summary>
    /// How many titles hold each term, up to the bound, as last counted: a term's class (rare or common) changes only when
    /// it crosses the bound, and the common ones, whose bounded count is the costly part, recur in title after title
    /// (measured on the dataset: 0.7 → 0.16 ms a first view over 1,000 questions). Forgotten hourly, and when large.
    /// </summary>
    private readonly ConcurrentDictionary<string, int> titleMatches = new(StringComparer.OrdinalIgnoreCase);

    private long titleMatchesSince = long.MinValue;

    /// <summary>
    /// The terms (FTS5 phrases) found in fewer than <paramref name="common"/> titles: those not counted lately in one
    /// statement, where each count stops at that bound, so a common word costs a bounded walk of its list.
    /// </summary>
    private async Task<List<string>> RareTermsAsync(DbConnection connection, List<string> terms, int common, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref titleMatchesSince) > TimeSpan.TicksPerHour || titleMatches.Count > 100_000)
        {
            titleMatches.Clear();
            Interlocked.Exchange(ref titleMatchesSince, now);
        }
        var unknown = terms.Where(t => !titleMatches.ContainsKey(t)).ToList();
        if (unknown.Count > 0)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join(" UNION ALL ", unknown.Select((_, n) =>
                $"SELECT {n}, (SELECT count(*) FROM (SELECT 1 FROM {SearchSchema.Titles} WHERE {SearchSchema.Titles} MATCH $t{n} LIMIT $common))"));
            for (var n = 0; n < unknown.Count; n++)
                command.Parameters.Add(new SqliteParameter($"$t{n}", unknown[n]));
            command.Parameters.Add(new SqliteParameter("$common", common));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // None yet (a title not indexed so far) is not remembered: the next question may hold it.
                if (reader.GetInt32(1) is var matches and > 0)
                    titleMatches[unknown[reader.GetInt32(0)]] = matches;
            }
        }
        return terms.Where(t => titleMatches.TryGetValue(t, out var matches) && matches < common).ToList();
    }

    /// <param name="rankTitles">False: no title candidates and no relevance, the boost alone orders the newest matches.</param>
    /// <param name="titlesOnly">Candidates from the title-and-tags index only (related questions), not the full documents.</param>
    /// <param name="snippets">
    /// False where no snippet is shown (related questions, suggestions while typing a title): each is a full-text lookup
    /// of a whole document, as much SQL as the ranking itself for related questions.
    /// </param>
    /// <param name="on">An open connection to run on (one per related-questions call), else a context of its own.</param>
    /// <param name="bodyMatch">The full documents' match when it leaves common words out (<see cref="BodyMatchAsync"/>); the title index matches them all.</param>
    private async Task<SearchResults> RunAsync(SearchQuery query, string? match, int page, int pageSize, int? exclude, CancellationToken cancellationToken, bool questionsOnly = false,
        SearchBounds? bound = null, bool rankTitles = true, bool titlesOnly = false, bool snippets = true, DbConnection? on = null, string? bodyMatch = null,
        IReadOnlyList<string>? rareTerms = null)
    {
        if (match is null && query.Tags.Count == 0)
            return SearchResults.None;
        bound ??= limits;
        // Conditions on the candidates beyond the match. Those that read the question or the article join them; without
        // any, the index alone is read (the triggers keep only public pages in it; the ranking query checks again).
        var filters = new StringBuilder();
        var joined = false;
        // Today as a Julian day number, once, rather than julianday() of a date string for each of ~1,000 candidates.
        var parameters = new List<SqliteParameter> { new("$today", time.GetUtcNow().UtcDateTime.ToOADate() + 2415018.5) };
        for (var n = 0; n < query.Tags.Count; n++)
        {
            filters.Append($"""
                 AND (d.rowid > 0 AND EXISTS (SELECT 1 FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = d.rowid AND t.Name = $tag{n})
                      OR d.rowid < 0 AND (' ' || k.Tags || ' ') LIKE '% ' || $tag{n} || ' %')
                """);
            parameters.Add(new SqliteParameter($"$tag{n}", query.Tags[n]));
            joined = true;
        }
        if (query.KnowledgeBaseOnly)
            filters.Append(" AND d.rowid < 0");
        if (questionsOnly)
            filters.Append(" AND d.rowid > 0");
        // Articles are solved by definition, so "answered" and "accepted" keep them.
        if (query.Answered)
            filters.Append(" AND (d.rowid < 0 OR q.AnswerCount > 0 OR q.AcceptedAnswerId IS NOT NULL)");
        if (query.Accepted)
            filters.Append(" AND (d.rowid < 0 OR q.AcceptedAnswerId IS NOT NULL OR q.OfficialAnswerId IS NOT NULL)");
        joined |= query.Answered || query.Accepted;
        if (exclude is { } excluded)
        {
            filters.Append(" AND d.rowid <> $exclude");
            parameters.Add(new SqliteParameter("$exclude", excluded));
        }
        if (joined)
            filters.Append(" AND (d.rowid > 0 AND q.Id IS NOT NULL OR d.rowid < 0 AND k.Status = 'Published')");
        if (match is not null)
            parameters.Add(new SqliteParameter("$match", match));
        var fullMatch = "$match";
        if (match is not null && bodyMatch is not null && !titlesOnly)
        {
            parameters.Add(new SqliteParameter("$body", bodyMatch));
            fullMatch = "$body";
        }
        parameters.Add(new SqliteParameter("$candidates", bound.Candidates));
        parameters.Add(new SqliteParameter("$titled", bound.TitleCandidates));

        // One arm of the candidate set: matches read from an index newest first (FTS5 walks its lists by rowid and stops
        // at the limit, ranking nothing); the index is the outer loop (a LEFT JOIN keeps it there). A document's id is its
        // rowid; an answer's row names its question by <paramref name="id"/>.
        string Arm(string table, string select, string side, string order, string limit, string matched = "$match", string id = "d.rowid", string distinct = "") => $"""
            SELECT {distinct}{select} FROM {table} d{(joined ? $" LEFT JOIN {LiveQuestions} ON q.Id = {id} AND {SearchSchema.LiveQuestion} LEFT JOIN KbArticles k ON k.Id = -{id}" : "")}
            WHERE {(match is null ? "1" : $"{table} MATCH {matched}")} AND {side}{(id == "d.rowid" ? filters.ToString() : filters.ToString().Replace("d.rowid", id, StringComparison.Ordinal))}
            ORDER BY d.rowid {order} LIMIT {limit}
            """;
        // Without words (tags alone), the small title index is the one scanned, and only the boost ranks.
        var scanned = match is null || titlesOnly ? SearchSchema.Titles : SearchSchema.Table;
        var titled = match is null || !rankTitles
            ? "SELECT 0 AS id, 0.0 AS rel WHERE 0"
            : Arm(SearchSchema.Titles, $"d.rowid AS id, {TitleRelevance} AS rel", "1", "DESC", "$titled");
        var questions = Arm(scanned, "d.rowid AS id", "d.rowid > 0", "DESC", "$candidates", fullMatch);
        // The questions whose document holds the words, and those with an answer that does (its row holds the question's
        // title and tags too): the newest of each, then the newest of both. An answer's rows come question by question
        // (SearchSchema.AnswerRowid), so DISTINCT keeps FTS5's order and the walk stops at the limit.
        var answerQuestion = SearchSchema.QuestionOfAnswerRow("d.rowid");
        string ThreadsOf(string matched) => $"""
            SELECT id FROM (SELECT rowid AS id FROM {SearchSchema.Table} WHERE {SearchSchema.Table} MATCH {matched} AND rowid > 0
                            UNION SELECT {SearchSchema.QuestionOfAnswerRow("rowid")} FROM {SearchSchema.Answers} WHERE {SearchSchema.Answers} MATCH {matched})
            """;
        string body;
        if (match is null || titlesOnly || query.KnowledgeBaseOnly)
            body = questions;
        else if (rareTerms is { Count: > 0 })
        {
            // Rare words: the threads of each, whole (short lists), intersected; the newest that pass the filters.
            for (var n = 0; n < rareTerms.Count; n++)
                parameters.Add(new SqliteParameter($"$rare{n}", rareTerms[n]));
            var threads = string.Join(" INTERSECT ", rareTerms.Select((_, n) => ThreadsOf($"$rare{n}")));
            body = $"""
                SELECT d.id FROM ({threads}) d{(joined ? $" LEFT JOIN {LiveQuestions} ON q.Id = d.id AND {SearchSchema.LiveQuestion} LEFT JOIN KbArticles k ON k.Id = -d.id" : "")}
                WHERE 1{filters.ToString().Replace("d.rowid", "d.id", StringComparison.Ordinal)}
                ORDER BY d.id DESC LIMIT $candidates
                """;
        }
        else
            body = $"""
                SELECT id FROM ({questions})
                UNION SELECT id FROM ({Arm(SearchSchema.Answers, $"{answerQuestion} AS id", "1", "DESC", "$candidates", fullMatch, answerQuestion, "DISTINCT ")})
                ORDER BY id DESC LIMIT $candidates
                """;
        var sql = $"""
            WITH body AS MATERIALIZED ({body}),
                 articles AS MATERIALIZED ({Arm(scanned, "d.rowid AS id", "d.rowid < 0", "ASC", "$candidates", fullMatch)}),
                 titled AS MATERIALIZED ({titled}),
                 -- Each id once: the title matches with their relevance, then the other matches (no GROUP BY: sorting ~1,200 ids cost ~0.35 ms).
                 candidates AS MATERIALIZED (
                     SELECT id, rel FROM titled
                     UNION ALL SELECT id, 0.0 FROM body WHERE id NOT IN (SELECT id FROM titled)
                     UNION ALL SELECT id, 0.0 FROM articles WHERE id NOT IN (SELECT id FROM titled)),
                 -- The order needs only what the boost reads; the page's rows alone are then read whole.
                 ranked AS MATERIALIZED (
                     SELECT c.id, (1.0 + c.rel) * {Boost} AS score
                     FROM candidates c LEFT JOIN {LiveQuestions} ON q.Id = c.id AND {SearchSchema.LiveQuestion} LEFT JOIN KbArticles k ON k.Id = -c.id
                     WHERE (c.id > 0 AND q.Id IS NOT NULL OR c.id < 0 AND k.Status = 'Published')
                     ORDER BY score DESC, c.id DESC
                     LIMIT $limit OFFSET $offset)
            SELECT c.id, t.title, NULL, t.tags, coalesce(q.Score, 0), coalesce(q.AnswerCount, 0),
                   q.AcceptedAnswerId IS NOT NULL, q.OfficialAnswerId IS NOT NULL, coalesce(q.CreatedAt, k.PublishedAt, k.CreatedAt),
                   q.AuthorId, (SELECT u.DisplayName FROM AspNetUsers u WHERE u.Id = q.AuthorId), q.Staff_Name, q.Staff_Title, q.Staff_Team, q.Staff_Company,
                   (SELECT count(*) FROM candidates), (SELECT count(*) FROM body), (SELECT count(*) FROM articles),
                   {(snippets ? "coalesce(q.Body, (SELECT r.ProblemMarkdown FROM KbArticleRevisions r WHERE r.ArticleId = k.Id AND r.Number = k.CurrentRevision), '')" : "NULL")}
            FROM ranked c JOIN {SearchSchema.Titles} t ON t.rowid = c.id LEFT JOIN Posts q ON q.Id = c.id LEFT JOIN KbArticles k ON k.Id = -c.id
            ORDER BY c.score DESC, c.id DESC;
            """;
        await using var db = on is null ? await contexts.CreateDbContextAsync(cancellationToken) : null;
        if (db is not null)
            await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = on ?? db!.Database.GetDbConnection();
        var hits = new List<SearchHit>();
        int total = 0;
        var more = false;
        var bodies = new Dictionary<long, string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            AddParameters(command, parameters);
            command.Parameters.Add(new SqliteParameter("$limit", pageSize));
            command.Parameters.Add(new SqliteParameter("$offset", (page - 1) * pageSize));
            PageQueryExecuting?.Invoke(command);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(SearchHits.Read(reader));
                total = reader.GetInt32(15);
                more = reader.GetInt32(16) >= bound.Candidates || reader.GetInt32(17) >= bound.Candidates;
                if (!reader.IsDBNull(18))
                    bodies[reader.GetInt64(0)] = reader.GetString(18);
            }
        }
        if (hits.Count == 0)
        {
            // Past the last page: the count, for the page to say how many there are.
            if (page == 1)
                return new SearchResults([], 0, page, pageSize, false);
            var first = await RunAsync(query, match, 1, 1, exclude, cancellationToken, questionsOnly, bound, rankTitles, titlesOnly, snippets: false, on: connection, bodyMatch: bodyMatch);
            return first with { Hits = [], Page = page, PageSize = pageSize };
        }
        if (snippets)
        {
            var found = await SnippetsAsync(connection, match, bodies, cancellationToken);
            hits = hits.Select(h => found.TryGetValue(h.Kind == SearchHitKind.Article ? -h.Id : h.Id, out var snippet) ? h with { SnippetHtml = SearchHits.SnippetHtml(snippet) } : h).ToList();
        }
        return new SearchResults(hits, total, page, pageSize, false, more);
    }

    /// <summary>The table <see cref="SnippetsAsync"/> writes a page's bodies into, one per connection, never committed.</summary>
    private const string Snippets = "temp.SearchSnippets";

    /// <summary>
    /// The snippets of one page: from the question's body (or the article's problem), the words marked, as FTS5's own
    /// <c>snippet()</c> makes them. It needs a cursor on a match, and seeking each page row in the full index's lists cost
    /// ~0.25 ms a row for a common word, the largest part of a search's SQL (bench/README.md). So the page's bodies, read
    /// with its rows, are put in a small FTS5 table of the connection's own (same tokenizer, same function, so the same
    /// snippets), matched there, and rolled back: a cost bounded by the 20 bodies, whatever the words.
    /// </summary>
    private static async Task<Dictionary<long, string>> SnippetsAsync(DbConnection connection, string? match, Dictionary<long, string> bodies,
        CancellationToken cancellationToken)
    {
        var snippets = new Dictionary<long, string>();
        if (match is null)
        {
            foreach (var (id, body) in bodies)
                snippets[id] = body.Length <= 200 ? body : body[..200];
            return snippets;
        }
        await using (var create = connection.CreateCommand())
        {
            // A second column that every row holds, so that every row matches and the body's snippet is what FTS5 makes of
            // a body without the words (its start), as the full index gave when the words were in the title or answers.
            create.CommandText = $"CREATE VIRTUAL TABLE IF NOT EXISTS {Snippets} USING fts5(body, every, {SearchSchema.Tokenizer});";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        // Deferred: it writes the connection's temporary database only, and must never wait for the file's writer.
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: true);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {Snippets}(rowid, body, every) VALUES ($id, $body, 'every');";
            var id = insert.CreateParameter();
            id.ParameterName = "$id";
            var body = insert.CreateParameter();
            body.ParameterName = "$body";
            insert.Parameters.Add(id);
            insert.Parameters.Add(body);
            foreach (var (rowid, text) in bodies)
            {
                id.Value = rowid;
                body.Value = text;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            // Any of the words: the page's rows matched the full documents, maybe by words that are not in the body.
            command.CommandText = $"SELECT rowid, snippet(SearchSnippets, 0, $open, $close, ' … ', 16) FROM {Snippets} WHERE SearchSnippets MATCH $match;";
            command.Parameters.Add(new SqliteParameter("$open", SearchHits.Open));
            command.Parameters.Add(new SqliteParameter("$close", SearchHits.Close));
            command.Parameters.Add(new SqliteParameter("$match", $"every : every OR ({AnyOf(match)})"));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                snippets[reader.GetInt64(0)] = reader.IsDBNull(1) ? "" : reader.GetString(1);
        }
        await transaction.RollbackAsync(cancellationToken);
        return snippets;
    }

    /// <summary>
    /// A match of every term as one of any of them: <see cref="SearchQuery.ToMatch"/> quotes each term and a term holds no
    /// quote, so <c>" AND "</c> with its quotes is only ever between two terms.
    /// </summary>
    internal static string AnyOf(string match) => match.Replace("\" AND \"", "\" OR \"", StringComparison.Ordinal);

    private static void AddParameters(DbCommand command, List<SqliteParameter> parameters)
    {
        foreach (var parameter in parameters)
            command.Parameters.Add(new SqliteParameter(parameter.ParameterName, parameter.Value));
    }
}
