namespace Community.Domain.Badges;

/// <summary>
/// The triggers that keep <see cref="MemberTagScore"/> equal to its recount (an answer counts while it and its question are
/// not deleted; a held answer counts, as it always has for the tag badges), and the backfill. Every write that can move a
/// member's total in a tag has one: an answer added, scored, deleted or restored (or moved, or removed for good); a
/// question deleted or restored (or removed for good, with its answers); a tag added to or removed from a question.
/// A vote on an answer is one upsert per tag of its question, inside the vote's write.
/// </summary>
public static class MemberTagScores
{
    private const string Upsert = """ON CONFLICT ("UserId", "TagId") DO UPDATE SET "Score" = "MemberTagScores"."Score" + excluded."Score", "Answers" = "MemberTagScores"."Answers" + excluded."Answers";""";

    /// <summary>One answer's contribution to each tag of its question (if the answer and the question are live), times <paramref name="sign"/>.</summary>
    private static string AnswerSqlite(string row, string score, string answers) => $"""
        INSERT INTO "MemberTagScores" ("UserId", "TagId", "Score", "Answers")
        SELECT {row}."AuthorId", qt."TagsId", {score}, {answers}
        FROM "QuestionTags" qt JOIN "Posts" q ON q."Id" = qt."QuestionsId"
        WHERE qt."QuestionsId" = {row}."QuestionId" AND q."DeletedAt" IS NULL AND {row}."DeletedAt" IS NULL
        {Upsert}
        """;

    /// <summary>Every live answer of question <paramref name="questionId"/>, in each of its tags, times <paramref name="sign"/>.</summary>
    private static string QuestionAnswers(string questionId, string sign) => $"""
        INSERT INTO "MemberTagScores" ("UserId", "TagId", "Score", "Answers")
        SELECT a."AuthorId", qt."TagsId", {sign} * sum(a."Score"), {sign} * count(*)
        FROM "Posts" a JOIN "QuestionTags" qt ON qt."QuestionsId" = a."QuestionId"
        WHERE a."QuestionId" = {questionId} AND a."Kind" = 'Answer' AND a."DeletedAt" IS NULL
        GROUP BY a."AuthorId", qt."TagsId"
        {Upsert}
        """;

    /// <summary>Every live answer of a live question, in one tag (a link added or removed), times <paramref name="sign"/>.</summary>
    private static string LinkAnswers(string questionId, string tagId, string sign) => $"""
        INSERT INTO "MemberTagScores" ("UserId", "TagId", "Score", "Answers")
        SELECT a."AuthorId", {tagId}, {sign} * sum(a."Score"), {sign} * count(*)
        FROM "Posts" a JOIN "Posts" q ON q."Id" = a."QuestionId"
        WHERE a."QuestionId" = {questionId} AND a."Kind" = 'Answer' AND a."DeletedAt" IS NULL AND q."DeletedAt" IS NULL
        GROUP BY a."AuthorId"
        {Upsert}
        """;

    /// <summary>The totals of every member in every tag, from the posts (the migration's backfill; the tests' recount).</summary>
    public const string Recount = """
        SELECT a."AuthorId" AS "UserId", qt."TagsId" AS "TagId", sum(a."Score") AS "Score", count(*) AS "Answers"
        FROM "Posts" a JOIN "Posts" q ON q."Id" = a."QuestionId" JOIN "QuestionTags" qt ON qt."QuestionsId" = a."QuestionId"
        WHERE a."Kind" = 'Answer' AND a."DeletedAt" IS NULL AND q."DeletedAt" IS NULL
        GROUP BY a."AuthorId", qt."TagsId"
        """;

    /// <summary>
    /// SQLite: the answers' score, kind and question sit after their bodies (overflow pages), so the backfill reads the table
    /// once in its own order (NOT INDEXED) and finds removed questions in their small index: ~10 s on the 1M-post dataset,
    /// where the planner's walk of the author index read the rows at random (132 s).
    /// </summary>
    public const string BackfillSqlite = """
        INSERT INTO "MemberTagScores" ("UserId", "TagId", "Score", "Answers")
        SELECT a."AuthorId", qt."TagsId", sum(a."Score"), count(*)
        FROM "Posts" AS a NOT INDEXED JOIN "QuestionTags" qt ON qt."QuestionsId" = a."QuestionId"
        WHERE a."Kind" = 'Answer' AND a."DeletedAt" IS NULL
            AND a."QuestionId" NOT IN (SELECT "Id" FROM "Posts" WHERE "Kind" = 'Question' AND "DeletedAt" IS NOT NULL)
        GROUP BY a."AuthorId", qt."TagsId";
        """;

    public const string BackfillPostgres = $"""INSERT INTO "MemberTagScores" ("UserId", "TagId", "Score", "Answers") {Recount};""";

    public static IEnumerable<string> CreateSqlite()
    {
        yield return BackfillSqlite;
        yield return $"""
            CREATE TRIGGER MemberTagScores_AnswerAdded AFTER INSERT ON Posts WHEN NEW.Kind = 'Answer' BEGIN
                {AnswerSqlite("NEW", "NEW.\"Score\"", "1")}
            END;
            """;
        // A vote: the same answer, question and author, only the score moves (one upsert per tag).
        yield return $"""
            CREATE TRIGGER MemberTagScores_AnswerScored AFTER UPDATE OF Score ON Posts
            WHEN NEW.Kind = 'Answer' AND NEW.Score <> OLD.Score AND OLD.DeletedAt IS NULL AND NEW.DeletedAt IS NULL
                AND NEW.QuestionId = OLD.QuestionId AND NEW.AuthorId = OLD.AuthorId BEGIN
                {AnswerSqlite("NEW", "NEW.\"Score\" - OLD.\"Score\"", "0")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_AnswerChanged AFTER UPDATE OF Score, DeletedAt, QuestionId, AuthorId ON Posts
            WHEN NEW.Kind = 'Answer' AND NOT (OLD.DeletedAt IS NULL AND NEW.DeletedAt IS NULL AND NEW.QuestionId = OLD.QuestionId AND NEW.AuthorId = OLD.AuthorId) BEGIN
                {AnswerSqlite("OLD", "-OLD.\"Score\"", "-1")}
                {AnswerSqlite("NEW", "NEW.\"Score\"", "1")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_AnswerRemoved AFTER DELETE ON Posts WHEN OLD.Kind = 'Answer' BEGIN
                {AnswerSqlite("OLD", "-OLD.\"Score\"", "-1")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_QuestionChanged AFTER UPDATE OF DeletedAt ON Posts
            WHEN NEW.Kind = 'Question' AND (OLD.DeletedAt IS NULL) <> (NEW.DeletedAt IS NULL) BEGIN
                {QuestionAnswers("NEW.\"Id\"", "(CASE WHEN NEW.\"DeletedAt\" IS NULL THEN 1 ELSE -1 END)")}
            END;
            """;
        // Before: its answers and links go in the cascade after the question, when their triggers no longer find it live.
        yield return $"""
            CREATE TRIGGER MemberTagScores_QuestionRemoved BEFORE DELETE ON Posts WHEN OLD.Kind = 'Question' AND OLD.DeletedAt IS NULL BEGIN
                {QuestionAnswers("OLD.\"Id\"", "-1")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_LinkAdded AFTER INSERT ON QuestionTags BEGIN
                {LinkAnswers("NEW.\"QuestionsId\"", "NEW.\"TagsId\"", "1")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_LinkRemoved AFTER DELETE ON QuestionTags BEGIN
                {LinkAnswers("OLD.\"QuestionsId\"", "OLD.\"TagsId\"", "-1")}
            END;
            """;
        yield return $"""
            CREATE TRIGGER MemberTagScores_LinkChanged AFTER UPDATE OF QuestionsId, TagsId ON QuestionTags BEGIN
                {LinkAnswers("OLD.\"QuestionsId\"", "OLD.\"TagsId\"", "-1")}
                {LinkAnswers("NEW.\"QuestionsId\"", "NEW.\"TagsId\"", "1")}
            END;
            """;
    }

    public static IEnumerable<string> DropSqlite() =>
        new[] { "AnswerAdded", "AnswerScored", "AnswerChanged", "AnswerRemoved", "QuestionChanged", "QuestionRemoved", "LinkAdded", "LinkRemoved", "LinkChanged" }
            .Select(name => $"DROP TRIGGER IF EXISTS MemberTagScores_{name};");

    /// <summary>PostgreSQL: the same rules, one trigger function per table.</summary>
    public static IEnumerable<string> CreatePostgres()
    {
        yield return BackfillPostgres;
        yield return $"""
            CREATE FUNCTION member_tag_scores_answer_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' AND OLD."Kind" = 'Answer' THEN
                    {AnswerSqlite("OLD", "-OLD.\"Score\"", "-1")}
                END IF;
                IF TG_OP <> 'DELETE' AND NEW."Kind" = 'Answer' THEN
                    {AnswerSqlite("NEW", "NEW.\"Score\"", "1")}
                END IF;
                RETURN NULL;
            END $$;
            """;
        yield return """
            CREATE TRIGGER member_tag_scores_answer_changed AFTER INSERT OR DELETE OR UPDATE OF "Score", "DeletedAt", "QuestionId", "AuthorId" ON "Posts"
            FOR EACH ROW EXECUTE FUNCTION member_tag_scores_answer_changed();
            """;
        yield return $"""
            CREATE FUNCTION member_tag_scores_question_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    {QuestionAnswers("OLD.\"Id\"", "-1")}
                    RETURN OLD;
                END IF;
                {QuestionAnswers("NEW.\"Id\"", "(CASE WHEN NEW.\"DeletedAt\" IS NULL THEN 1 ELSE -1 END)")}
                RETURN NULL;
            END $$;
            """;
        yield return """
            CREATE TRIGGER member_tag_scores_question_changed AFTER UPDATE OF "DeletedAt" ON "Posts"
            FOR EACH ROW WHEN (NEW."Kind" = 'Question' AND (OLD."DeletedAt" IS NULL) <> (NEW."DeletedAt" IS NULL))
            EXECUTE FUNCTION member_tag_scores_question_changed();
            """;
        yield return """
            CREATE TRIGGER member_tag_scores_question_removed BEFORE DELETE ON "Posts"
            FOR EACH ROW WHEN (OLD."Kind" = 'Question' AND OLD."DeletedAt" IS NULL)
            EXECUTE FUNCTION member_tag_scores_question_changed();
            """;
        yield return $"""
            CREATE FUNCTION member_tag_scores_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP <> 'INSERT' THEN
                    {LinkAnswers("OLD.\"QuestionsId\"", "OLD.\"TagsId\"", "-1")}
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    {LinkAnswers("NEW.\"QuestionsId\"", "NEW.\"TagsId\"", "1")}
                END IF;
                RETURN NULL;
            END $$;
            """;
        yield return """
            CREATE TRIGGER member_tag_scores_link_changed AFTER INSERT OR DELETE OR UPDATE OF "QuestionsId", "TagsId" ON "QuestionTags"
            FOR EACH ROW EXECUTE FUNCTION member_tag_scores_link_changed();
            """;
    }

    public static IEnumerable<string> DropPostgres()
    {
        yield return """DROP TRIGGER IF EXISTS member_tag_scores_link_changed ON "QuestionTags";""";
        yield return "DROP FUNCTION IF EXISTS member_tag_scores_link_changed();";
        yield return """DROP TRIGGER IF EXISTS member_tag_scores_question_removed ON "Posts";""";
        yield return """DROP TRIGGER IF EXISTS member_tag_scores_question_changed ON "Posts";""";
        yield return "DROP FUNCTION IF EXISTS member_tag_scores_question_changed();";
        yield return """DROP TRIGGER IF EXISTS member_tag_scores_answer_changed ON "Posts";""";
        yield return "DROP FUNCTION IF EXISTS member_tag_scores_answer_changed();";
    }
}
