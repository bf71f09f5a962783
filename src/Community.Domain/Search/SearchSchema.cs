namespace Community.Domain.Search;

/// <summary>
/// The SQLite full-text index, written by hand because EF has no model for FTS5: one document per live question (title,
/// body, the live answers, tags; rowid = the question's id) and one per published article (rowid = minus the article's id).
/// Triggers keep it in step with every write, whoever makes it, so no service can forget to. The migration named
/// <c>Search</c> runs <see cref="Create"/>; kept here so re-adding that migration after a rebase is one line.
/// <para>
/// Beside it, <see cref="Titles"/>: the titles and tags alone (issue 11). Ranking needs term statistics, and bm25 over the
/// full documents (~10 KB each, a question with its answers) reads the whole posting list of every word to get them:
/// ~17 ms for "the" on a million posts, however few rows are ranked. Over titles and tags the same lists are a few KB.
/// The migration <c>SearchTitles</c> runs <see cref="AddTitles"/> on databases made before it.
/// </para>
/// </summary>
public static class SearchSchema
{
    public const string Table = "SearchDocuments";

    /// <summary>The title and tags of every document of <see cref="Table"/>, same rowid: what relevance is computed on.</summary>
    public const string Titles = "SearchTitles";

    /// <summary>What makes a question public; the one place a visibility rule (deleted, held by moderation) is added to the index.</summary>
    internal const string LiveQuestion = "q.Kind = 'Question' AND q.DeletedAt IS NULL AND q.HiddenAt IS NULL";

    /// <summary>
    /// What ranking reads of a live question, in an index of its own (issue 11): id, what the boost weighs, and the
    /// visibility columns so <see cref="LiveQuestion"/> is checked there too. Without it each of the ~1,000 candidates of
    /// a search read its Posts row, whose small columns sit after Body and BodyHtml in overflow pages: 3–5 ms of a
    /// search's ~6 ms of SQL on the 1M-post dataset, ~0.3 ms with it. Live questions only (a partial index), so answers
    /// never enter it. The migration <c>SearchRankIndex</c> runs <see cref="AddRankIndex"/>; hand-written like the FTS5
    /// tables because PostgreSQL ranks from its own search table and needs no counterpart.
    /// </summary>
    public const string RankIndex = "IX_Posts_SearchRank";

    public static IEnumerable<string> AddRankIndex()
    {
        yield return $"""
            CREATE INDEX IF NOT EXISTS {RankIndex} ON Posts (Id, Score, AnswerCount, AcceptedAnswerId, OfficialAnswerId, CreatedAt, Kind, DeletedAt, HiddenAt)
            WHERE {LiveQuestion.Replace("q.", "", StringComparison.Ordinal)};
            """;
    }

    public static IEnumerable<string> DropRankIndex()
    {
        yield return $"DROP INDEX IF EXISTS {RankIndex};";
    }

    private static string RefreshQuestion(string id) => $"""
        DELETE FROM {Table} WHERE rowid = {id};
        INSERT INTO {Table}(rowid, title, body, answers, tags)
        SELECT q.Id, q.Title, q.Body,
               coalesce((SELECT group_concat(a.Body, ' … ') FROM Posts a WHERE a.Kind = 'Answer' AND a.QuestionId = q.Id AND a.DeletedAt IS NULL AND a.HiddenAt IS NULL), ''),
               coalesce((SELECT group_concat(t.Name, ' ') FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = q.Id), '')
        FROM Posts q WHERE q.Id = {id} AND {LiveQuestion};
        {CopyTitle(id)}
        """;

    /// <summary>The title index follows the full one: removed with it, and copied from it once it is written.</summary>
    private static string CopyTitle(string rowid) => $"""
        DELETE FROM {Titles} WHERE rowid = {rowid};
        INSERT INTO {Titles}(rowid, title, tags) SELECT rowid, title, tags FROM {Table} WHERE rowid = {rowid};
        """;

    private static string RefreshArticle(string id) => $"""
        DELETE FROM {Table} WHERE rowid = -({id});
        INSERT INTO {Table}(rowid, title, body, answers, tags)
        SELECT -a.Id, a.Title, coalesce(r.ProblemMarkdown, ''), coalesce(r.SolutionMarkdown, ''), a.Tags
        FROM KbArticles a LEFT JOIN KbArticleRevisions r ON r.ArticleId = a.Id AND r.Number = a.CurrentRevision
        WHERE a.Id = {id} AND a.Status = 'Published';
        {CopyTitle($"-({id})")}
        """;

    private static readonly (string Name, string Definition)[] Triggers =
    [
        ("Search_QuestionInserted", $"AFTER INSERT ON Posts WHEN NEW.Kind = 'Question' BEGIN {RefreshQuestion("NEW.Id")} END"),
        // Only the columns the index holds: a view count or a vote must not rewrite the document.
        ("Search_QuestionChanged", $"AFTER UPDATE OF Title, Body, DeletedAt, HiddenAt ON Posts WHEN NEW.Kind = 'Question' BEGIN {RefreshQuestion("NEW.Id")} END"),
        ("Search_QuestionRemoved", $"AFTER DELETE ON Posts WHEN OLD.Kind = 'Question' BEGIN DELETE FROM {Table} WHERE rowid = OLD.Id; DELETE FROM {Titles} WHERE rowid = OLD.Id; END"),
        ("Search_AnswerInserted", $"AFTER INSERT ON Posts WHEN NEW.Kind = 'Answer' BEGIN {RefreshQuestion("NEW.QuestionId")} END"),
        ("Search_AnswerChanged", $"AFTER UPDATE OF Body, DeletedAt, HiddenAt ON Posts WHEN NEW.Kind = 'Answer' BEGIN {RefreshQuestion("NEW.QuestionId")} END"),
        ("Search_AnswerRemoved", $"AFTER DELETE ON Posts WHEN OLD.Kind = 'Answer' BEGIN {RefreshQuestion("OLD.QuestionId")} END"),
        ("Search_TagAdded", $"AFTER INSERT ON QuestionTags BEGIN {RefreshQuestion("NEW.QuestionsId")} END"),
        ("Search_TagRemoved", $"AFTER DELETE ON QuestionTags BEGIN {RefreshQuestion("OLD.QuestionsId")} END"),
        ("Search_ArticleInserted", $"AFTER INSERT ON KbArticles BEGIN {RefreshArticle("NEW.Id")} END"),
        ("Search_ArticleChanged", $"AFTER UPDATE OF Status, Title, Tags, CurrentRevision ON KbArticles BEGIN {RefreshArticle("NEW.Id")} END"),
        ("Search_ArticleRemoved", $"AFTER DELETE ON KbArticles BEGIN DELETE FROM {Table} WHERE rowid = -OLD.Id; DELETE FROM {Titles} WHERE rowid = -OLD.Id; END"),
        ("Search_ArticleRevisionInserted", $"AFTER INSERT ON KbArticleRevisions BEGIN {RefreshArticle("NEW.ArticleId")} END"),
        ("Search_ArticleRevisionChanged", $"AFTER UPDATE ON KbArticleRevisions BEGIN {RefreshArticle("NEW.ArticleId")} END"),
    ];

    // Porter stemming over unicode61: "drops" finds "dropping"; accents are folded. Both indexes tokenize alike.
    internal const string Tokenizer = "tokenize = 'porter unicode61 remove_diacritics 2'";

    /// <summary>The statements that create the indexes and their triggers, then fill them from what already exists.</summary>
    public static IEnumerable<string> Create()
    {
        yield return $"CREATE VIRTUAL TABLE {Table} USING fts5(title, body, answers, tags, {Tokenizer});";
        yield return $"CREATE VIRTUAL TABLE {Titles} USING fts5(title, tags, {Tokenizer});";
        foreach (var (name, definition) in Triggers)
            yield return $"CREATE TRIGGER {name} {definition};";
        yield return $"""
            INSERT INTO {Table}(rowid, title, body, answers, tags)
            SELECT q.Id, q.Title, q.Body,
                   coalesce((SELECT group_concat(a.Body, ' … ') FROM Posts a WHERE a.Kind = 'Answer' AND a.QuestionId = q.Id AND a.DeletedAt IS NULL AND a.HiddenAt IS NULL), ''),
                   coalesce((SELECT group_concat(t.Name, ' ') FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = q.Id), '')
            FROM Posts q WHERE {LiveQuestion};
            """;
        yield return $"""
            INSERT INTO {Table}(rowid, title, body, answers, tags)
            SELECT -a.Id, a.Title, coalesce(r.ProblemMarkdown, ''), coalesce(r.SolutionMarkdown, ''), a.Tags
            FROM KbArticles a LEFT JOIN KbArticleRevisions r ON r.ArticleId = a.Id AND r.Number = a.CurrentRevision
            WHERE a.Status = 'Published';
            """;
        yield return $"INSERT INTO {Titles}(rowid, title, tags) SELECT rowid, title, tags FROM {Table};";
    }

    /// <summary>
    /// For a database whose index predates <see cref="Titles"/>: the title index, filled from the full one, and the
    /// triggers that keep both. Does nothing to a database that <see cref="Create"/> made whole.
    /// </summary>
    public static IEnumerable<string> AddTitles()
    {
        yield return $"CREATE VIRTUAL TABLE IF NOT EXISTS {Titles} USING fts5(title, tags, {Tokenizer});";
        foreach (var (name, definition) in Triggers)
        {
            yield return $"DROP TRIGGER IF EXISTS {name};";
            yield return $"CREATE TRIGGER {name} {definition};";
        }
        yield return $"DELETE FROM {Titles};";
        yield return $"INSERT INTO {Titles}(rowid, title, tags) SELECT rowid, title, tags FROM {Table};";
    }

    public static IEnumerable<string> Drop()
    {
        foreach (var (name, _) in Triggers)
            yield return $"DROP TRIGGER IF EXISTS {name};";
        yield return $"DROP TABLE IF EXISTS {Titles};";
        yield return $"DROP TABLE IF EXISTS {Table};";
    }
}
