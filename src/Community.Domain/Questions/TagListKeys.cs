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
        yield return $"""
            CREATE TRIGGER TagListKeys_QuestionChanged AFTER UPDATE OF LastActivityAt, CreatedAt, Score, DeletedAt, HiddenAt ON Posts
            WHEN NEW.Kind = 'Question' BEGIN
                UPDATE QuestionTags SET
                    LastActivityAt = CASE WHEN {Live("NEW")} THEN NEW.LastActivityAt END,
                    CreatedAt = CASE WHEN {Live("NEW")} THEN NEW.CreatedAt END,
                    Score = CASE WHEN {Live("NEW")} THEN NEW.Score END
                WHERE QuestionsId = NEW.Id;
            END;
            """;
        yield return Backfill;
    }

    public static IEnumerable<string> DropSqlite()
    {
        yield return "DROP TRIGGER IF EXISTS TagListKeys_QuestionChanged;";
        yield return "DROP TRIGGER IF EXISTS TagListKeys_LinkAdded;";
    }

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
