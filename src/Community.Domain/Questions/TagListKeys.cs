namespace Community.Domain.Questions;

/// <summary>
/// Each tag link (a QuestionTags row) carries its question's sort keys, so a tag's page of any tab is a range of one index
/// that starts with the tag: <c>(TagsId, key, QuestionsId)</c>, ~50 entries read whatever the tag's size. Reading a tag's
/// questions and sorting them cost up to ~50 ms for tags of 300–3,000 questions on the 1M-post dataset (bench/README.md),
/// and walking a tab's whole list for the tagged ones only pays for the most used tags.
/// <para>
/// The keys are NULL while the question is deleted or held, so the same index leaves removed questions out. Triggers keep
/// them in step with every write, whoever makes it (services, ExecuteUpdate, the bench's loader): a new link copies its
/// question's keys, and a change to a question's activity, creation time, score or visibility rewrites its links. The
/// migration <c>TagListKeys</c> adds the columns (in the EF model, on the join entity), the triggers and the backfill
/// (1.7 s for 180,000 links on the 1M-post dataset).
/// </para>
/// </summary>
public static class TagListKeys
{
    public const string LastActivityAt = nameof(Question.LastActivityAt);
    public const string CreatedAt = nameof(Post.CreatedAt);
    public const string Score = nameof(Post.Score);

    /// <summary>What makes a question listed (neither deleted nor held), for the row called <paramref name="row"/>.</summary>
    private static string Live(string row) => $"{row}.\"DeletedAt\" IS NULL AND {row}.\"HiddenAt\" IS NULL";

    /// <summary>SQLite: the triggers and the backfill of links made before them.</summary>
    public static IEnumerable<string> CreateSqlite()
    {
        // SQLite cannot change NEW in a BEFORE trigger: the new row is completed after its insert.
        yield return $"""
            CREATE TRIGGER TagListKeys_LinkAdded AFTER INSERT ON QuestionTags BEGIN
                UPDATE QuestionTags SET (LastActivityAt, CreatedAt, Score) =
                    (SELECT q.LastActivityAt, q.CreatedAt, q.Score FROM Posts q WHERE q.Id = NEW.QuestionsId AND {Live("q")})
                WHERE QuestionsId = NEW.QuestionsId AND TagsId = NEW.TagsId;
            END;
            """;
        yield return QuestionChangedSqlite;
        yield return Backfill;
    }

    public static IEnumerable<string> DropSqlite()
    {
        yield return "DROP TRIGGER IF EXISTS TagListKeys_QuestionChanged;";
        yield return "DROP TRIGGER IF EXISTS TagListKeys_LinkAdded;";
    }

    /// <summary>
    /// The first trigger on questions (migration <c>TagListKeys</c>): any change to a key or to the visibility sets all three
    /// keys of every link of the question, so SQLite rewrites each link's entries in all three indexes (it rewrites an
    /// index's entries whenever an UPDATE sets one of its columns, even to the same value).
    /// </summary>
    private static string QuestionChangedSqlite => $"""
        CREATE TRIGGER TagListKeys_QuestionChanged AFTER UPDATE OF LastActivityAt, CreatedAt, Score, DeletedAt, HiddenAt ON Posts
        WHEN NEW.Kind = 'Question' BEGIN
        {SetAllKeys}
        END;
        """;

    /// <summary>Every link of the question NEW gets its three keys, or NULLs while it is removed.</summary>
    private static string SetAllKeys => $"""
            UPDATE QuestionTags SET
                LastActivityAt = CASE WHEN {Live("NEW")} THEN NEW.LastActivityAt END,
                CreatedAt = CASE WHEN {Live("NEW")} THEN NEW.CreatedAt END,
                Score = CASE WHEN {Live("NEW")} THEN NEW.Score END
            WHERE QuestionsId = NEW.Id;
        """;

    /// <summary>
    /// SQLite, migration <c>TagListKeysPerKey</c>: a trigger per key, so a change to one key sets only that key of the links
    /// (an answer moves only the activity entries, a vote only the score entries: 5–10 fewer log pages an answer on the
    /// 100,000-question dataset, bench/README.md), and one for a change of visibility that sets all three as before. A key
    /// that did not change, or that changed while the question is removed (its keys are NULL), sets nothing.
    /// </summary>
    public static IEnumerable<string> PerKeySqlite()
    {
        yield return "DROP TRIGGER IF EXISTS TagListKeys_QuestionChanged;";
        yield return $"""
            CREATE TRIGGER TagListKeys_QuestionShownOrRemoved AFTER UPDATE OF DeletedAt, HiddenAt ON Posts
            WHEN NEW.Kind = 'Question' AND (OLD.DeletedAt IS NOT NEW.DeletedAt OR OLD.HiddenAt IS NOT NEW.HiddenAt) BEGIN
            {SetAllKeys}
            END;
            """;
        foreach (var key in Keys)
            yield return $"""
                CREATE TRIGGER TagListKeys_{key}Changed AFTER UPDATE OF {key} ON Posts
                WHEN NEW.Kind = 'Question' AND OLD.{key} IS NOT NEW.{key} AND {Live("NEW")} BEGIN
                    UPDATE QuestionTags SET {key} = NEW.{key} WHERE QuestionsId = NEW.Id;
                END;
                """;
    }

    /// <summary>SQLite: back to the one trigger of migration <c>TagListKeys</c>.</summary>
    public static IEnumerable<string> OneTriggerSqlite()
    {
        yield return "DROP TRIGGER IF EXISTS TagListKeys_QuestionShownOrRemoved;";
        foreach (var key in Keys)
            yield return $"DROP TRIGGER IF EXISTS TagListKeys_{key}Changed;";
        yield return QuestionChangedSqlite;
    }

    private static readonly string[] Keys = [LastActivityAt, CreatedAt, Score];

    /// <summary>PostgreSQL: a new link's keys set before it is written; a question's change rewrites its links.</summary>
    public static IEnumerable<string> CreatePostgres()
    {
        yield return $"""
            CREATE FUNCTION tag_list_keys_link_added() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                SELECT q."LastActivityAt", q."CreatedAt", q."Score" INTO NEW."LastActivityAt", NEW."CreatedAt", NEW."Score"
                FROM "Posts" q WHERE q."Id" = NEW."QuestionsId" AND {Live("q")};
                RETURN NEW;
            END $$;
            """;
        yield return """CREATE TRIGGER tag_list_keys_link_added BEFORE INSERT ON "QuestionTags" FOR EACH ROW EXECUTE FUNCTION tag_list_keys_link_added();""";
        yield return $"""
            CREATE FUNCTION tag_list_keys_question_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE live boolean := {Live("NEW")};
            BEGIN
                UPDATE "QuestionTags" SET
                    "LastActivityAt" = CASE WHEN live THEN NEW."LastActivityAt" END,
                    "CreatedAt" = CASE WHEN live THEN NEW."CreatedAt" END,
                    "Score" = CASE WHEN live THEN NEW."Score" END
                WHERE "QuestionsId" = NEW."Id";
                RETURN NULL;
            END $$;
            """;
        yield return """
            CREATE TRIGGER tag_list_keys_question_changed AFTER UPDATE OF "LastActivityAt", "CreatedAt", "Score", "DeletedAt", "HiddenAt" ON "Posts"
            FOR EACH ROW WHEN (NEW."Kind" = 'Question') EXECUTE FUNCTION tag_list_keys_question_changed();
            """;
        yield return Backfill;
    }

    public static IEnumerable<string> DropPostgres()
    {
        yield return """DROP TRIGGER IF EXISTS tag_list_keys_question_changed ON "Posts";""";
        yield return "DROP FUNCTION IF EXISTS tag_list_keys_question_changed();";
        yield return """DROP TRIGGER IF EXISTS tag_list_keys_link_added ON "QuestionTags";""";
        yield return "DROP FUNCTION IF EXISTS tag_list_keys_link_added();";
    }

    /// <summary>Links made before the triggers (both engines: quoted, a row-value UPDATE with a correlated subquery).</summary>
    private static string Backfill => $"""
        UPDATE "QuestionTags" SET ("LastActivityAt", "CreatedAt", "Score") =
            (SELECT q."LastActivityAt", q."CreatedAt", q."Score" FROM "Posts" q WHERE q."Id" = "QuestionTags"."QuestionsId" AND {Live("q")});
        """;
}
