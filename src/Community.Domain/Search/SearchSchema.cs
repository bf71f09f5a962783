namespace Community.Domain.Search;

/// <summary>
/// The SQLite full-text index, written by hand because EF has no model for FTS5: one document per live question (title,
/// body, tags; rowid = the question's id) and one per published article (rowid = minus the article's id), and beside them
/// <see cref="Answers"/>, one row per live answer of a live question.
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

    /// <summary>
    /// The live answers of live questions, one row each (issue 11): the answer's body with its question's title and tags,
    /// rowid = <see cref="AnswerRowid"/> (the question's id in the high 32 bits, the answer's in the low), so a question's
    /// answers are one rowid range and a match read newest first comes question by question, as the documents do; the
    /// question's id is <c>rowid &gt;&gt; 32</c>, read from the index itself. Until then the answers were a column of their
    /// question's document, and every answer inserted, edited or deleted re-tokenized the whole thread (11.5 ms an answer
    /// in the write turn on the 1M-post dataset, 39–57 ms on its largest threads); now an answer is its own row, a few
    /// hundred tokens. Contentless (only the index is kept, <c>contentless_delete</c> lets rows be deleted by rowid): the
    /// text is in Posts, and snippets are made from the question's body. The migration <c>SearchAnswers</c> runs
    /// <see cref="SeparateAnswers"/>. A question's title and tags are copied into its answers' rows so that a search for
    /// a title word and an answer word still finds the thread; a word of the question's body and one of an answer do not
    /// (bench/README.md says how often that changes a first page).
    /// </summary>
    public const string Answers = "SearchAnswers";

    /// <summary>The rowid of an answer's row in <see cref="Answers"/> (SQL over the given question and answer ids).</summary>
    internal static string AnswerRowid(string questionId, string answerId) => $"((({questionId}) << 32) | ({answerId}))";

    /// <summary>The question id of a row of <see cref="Answers"/> (SQL over its rowid).</summary>
    internal static string QuestionOfAnswerRow(string rowid) => $"(({rowid}) >> 32)";

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

    private static string QuestionTags(string questionId) =>
        $"coalesce((SELECT group_concat(t.Name, ' ') FROM QuestionTags qt JOIN Tags t ON t.Id = qt.TagsId WHERE qt.QuestionsId = {questionId}), '')";

    /// <summary>A question's own document: its answers are rows of <see cref="Answers"/>, so the answers column is empty (articles use it).</summary>
    private static string QuestionDocuments(string where) => $"""
        INSERT INTO {Table}(rowid, title, body, answers, tags)
        SELECT q.Id, q.Title, q.Body, '', {QuestionTags("q.Id")}
        FROM Posts q WHERE {where}{LiveQuestion};
        """;

    private static string RefreshQuestion(string id) => $"""
        DELETE FROM {Table} WHERE rowid = {id};
        {QuestionDocuments($"q.Id = {id} AND ")}
        {CopyTitle(id)}
        """;

    /// <summary>The rows of the live answers matching <paramref name="where"/> (over <c>a</c>, the answer), when their question is live.</summary>
    private static string AnswerRows(string where) => $"""
        INSERT INTO {Answers}(rowid, title, body, tags)
        SELECT {AnswerRowid("q.Id", "a.Id")}, q.Title, a.Body, {QuestionTags("q.Id")}
        FROM Posts a JOIN Posts q ON q.Id = a.QuestionId
        WHERE {where} AND a.Kind = 'Answer' AND a.DeletedAt IS NULL AND a.HiddenAt IS NULL AND {LiveQuestion};
        """;

    /// <summary>
    /// A question's answers written again: when its title or tags change (copied into each row), or it is deleted, hidden or
    /// restored. Rare writes, each the thread's answers once, as every answer's write cost before.
    /// </summary>
    private static string RefreshAnswers(string id) => $"""
        DELETE FROM {Answers} WHERE rowid BETWEEN ({id}) << 32 AND (({id}) << 32) + 4294967295;
        {AnswerRows($"a.QuestionId = {id}")}
        """;

    private static string RemoveAnswer(string questionId, string answerId) =>
        $"DELETE FROM {Answers} WHERE rowid = {AnswerRowid(questionId, answerId)};";

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
        // Its answers' rows hold its title, and are there only while it is live; a body edit leaves them alone.
        ("Search_ThreadChanged", "AFTER UPDATE OF Title, DeletedAt, HiddenAt ON Posts WHEN NEW.Kind = 'Question' AND "
            + $"(OLD.Title IS NOT NEW.Title OR OLD.DeletedAt IS NOT NEW.DeletedAt OR OLD.HiddenAt IS NOT NEW.HiddenAt) BEGIN {RefreshAnswers("NEW.Id")} END"),
        ("Search_QuestionRemoved", $"AFTER DELETE ON Posts WHEN OLD.Kind = 'Question' BEGIN DELETE FROM {Table} WHERE rowid = OLD.Id; DELETE FROM {Titles} WHERE rowid = OLD.Id; "
            + $"DELETE FROM {Answers} WHERE rowid BETWEEN OLD.Id << 32 AND (OLD.Id << 32) + 4294967295; END"),
        // An answer's own row, and nothing else.
        ("Search_AnswerInserted", $"AFTER INSERT ON Posts WHEN NEW.Kind = 'Answer' BEGIN {AnswerRows("a.Id = NEW.Id")} END"),
        ("Search_AnswerChanged", "AFTER UPDATE OF Body, DeletedAt, HiddenAt, QuestionId ON Posts WHEN NEW.Kind = 'Answer' BEGIN "
            + $"{RemoveAnswer("OLD.QuestionId", "OLD.Id")} {AnswerRows("a.Id = NEW.Id")} END"),
        ("Search_AnswerRemoved", $"AFTER DELETE ON Posts WHEN OLD.Kind = 'Answer' BEGIN {RemoveAnswer("OLD.QuestionId", "OLD.Id")} END"),
        ("Search_TagAdded", $"AFTER INSERT ON QuestionTags BEGIN {RefreshQuestion("NEW.QuestionsId")} {RefreshAnswers("NEW.QuestionsId")} END"),
        ("Search_TagRemoved", $"AFTER DELETE ON QuestionTags BEGIN {RefreshQuestion("OLD.QuestionsId")} {RefreshAnswers("OLD.QuestionsId")} END"),
        ("Search_ArticleInserted", $"AFTER INSERT ON KbArticles BEGIN {RefreshArticle("NEW.Id")} END"),
        ("Search_ArticleChanged", $"AFTER UPDATE OF Status, Title, Tags, CurrentRevision ON KbArticles BEGIN {RefreshArticle("NEW.Id")} END"),
        ("Search_ArticleRemoved", $"AFTER DELETE ON KbArticles BEGIN DELETE FROM {Table} WHERE rowid = -OLD.Id; DELETE FROM {Titles} WHERE rowid = -OLD.Id; END"),
        ("Search_ArticleRevisionInserted", $"AFTER INSERT ON KbArticleRevisions BEGIN {RefreshArticle("NEW.ArticleId")} END"),
        ("Search_ArticleRevisionChanged", $"AFTER UPDATE ON KbArticleRevisions BEGIN {RefreshArticle("NEW.ArticleId")} END"),
    ];

    // Porter stemming over unicode61: "drops" finds "dropping"; accents are folded. Both indexes tokenize alike.
    internal const string Tokenizer = "tokenize = 'porter unicode61 remove_diacritics 2'";

    private const string ArticleDocuments = $"""
        INSERT INTO {Table}(rowid, title, body, answers, tags)
        SELECT -a.Id, a.Title, coalesce(r.ProblemMarkdown, ''), coalesce(r.SolutionMarkdown, ''), a.Tags
        FROM KbArticles a LEFT JOIN KbArticleRevisions r ON r.ArticleId = a.Id AND r.Number = a.CurrentRevision
        WHERE a.Status = 'Published';
        """;

    private const string CreateAnswers = $"CREATE VIRTUAL TABLE {Answers} USING fts5(title, body, tags, content = '', contentless_delete = 1, {Tokenizer});";

    /// <summary>The statements that create the indexes and their triggers, then fill them from what already exists.</summary>
    public static IEnumerable<string> Create()
    {
        yield return $"CREATE VIRTUAL TABLE {Table} USING fts5(title, body, answers, tags, {Tokenizer});";
        yield return $"CREATE VIRTUAL TABLE {Titles} USING fts5(title, tags, {Tokenizer});";
        yield return CreateAnswers;
        foreach (var (name, definition) in Triggers)
            yield return $"CREATE TRIGGER {name} {definition};";
        yield return QuestionDocuments("");
        yield return ArticleDocuments;
        yield return $"INSERT INTO {Titles}(rowid, title, tags) SELECT rowid, title, tags FROM {Table};";
        yield return AnswerRows("1");
    }

    /// <summary>
    /// For a database whose answers are still a column of their question's document: the question documents made again
    /// without them (dropped and refilled: deleting 100,000 documents from FTS5 would re-tokenize each), <see cref="Answers"/>
    /// filled, and the triggers replaced. The title index is left as it is (the same title and tags). On a database that
    /// <see cref="Create"/> made whole it makes the same tables again.
    /// </summary>
    public static IEnumerable<string> SeparateAnswers()
    {
        foreach (var (name, _) in Triggers)
            yield return $"DROP TRIGGER IF EXISTS {name};";
        yield return $"DROP TABLE IF EXISTS {Answers};";
        yield return $"DROP TABLE IF EXISTS {Table};";
        yield return $"CREATE VIRTUAL TABLE {Table} USING fts5(title, body, answers, tags, {Tokenizer});";
        yield return CreateAnswers;
        yield return QuestionDocuments("");
        yield return ArticleDocuments;
        yield return AnswerRows("1");
        foreach (var (name, definition) in Triggers)
            yield return $"CREATE TRIGGER {name} {definition};";
        // One bulk insert leaves several segments; merged at once, as the nightly SearchIndexMerge would.
        yield return $"INSERT INTO {Table}({Table}) VALUES('optimize');";
        yield return $"INSERT INTO {Answers}({Answers}) VALUES('optimize');";
    }

    /// <summary>
    /// For a database whose index predates <see cref="Titles"/>: the title index, filled from the full one, and the
    /// triggers that keep both. Does nothing to a database that <see cref="Create"/> made whole.
    /// </summary>
    public static IEnumerable<string> AddTitles()
    {
        yield return $"CREATE VIRTUAL TABLE IF NOT EXISTS {Titles} USING fts5(title, tags, {Tokenizer});";
        // The triggers of today write the answers' table too; the migration SearchAnswers (SeparateAnswers, later) fills it.
        yield return CreateAnswers.Replace("CREATE VIRTUAL TABLE", "CREATE VIRTUAL TABLE IF NOT EXISTS", StringComparison.Ordinal);
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
        yield return $"DROP TABLE IF EXISTS {Answers};";
        yield return $"DROP TABLE IF EXISTS {Titles};";
        yield return $"DROP TABLE IF EXISTS {Table};";
    }
}
