namespace Community.Domain.Search;

/// <summary>
/// PostgreSQL's full-text index, the counterpart of <see cref="SearchSchema"/>: one row per live question (title, body,
/// the live answers, tags; <c>Id</c> = the question's id) and one per published article (<c>Id</c> = minus the article's
/// id), with a weighted <c>tsvector</c> (title A, tags B, body C, answers D) generated from the row and a GIN index on it.
/// Triggers keep the rows in step with every write, as SQLite's do. PostgreSQL's migration <c>Baseline</c> runs
/// <see cref="Create"/>.
/// </summary>
public static class PostgresSearchSchema
{
    public const string Table = "SearchDocuments";

    /// <summary>The text-search configuration: English stemming ("drops" finds "dropping") and stop words.</summary>
    public const string Configuration = "english";

    /// <summary>What makes a question public (the same rule as <see cref="SearchSchema.LiveQuestion"/>).</summary>
    internal const string LiveQuestion = """q."Kind" = 'Question' AND q."DeletedAt" IS NULL AND q."HiddenAt" IS NULL""";

    private const string QuestionDocuments = $"""
        SELECT q."Id", q."Title", q."Body",
               coalesce((SELECT string_agg(a."Body", ' … ' ORDER BY a."Id") FROM "Posts" a
                         WHERE a."Kind" = 'Answer' AND a."QuestionId" = q."Id" AND a."DeletedAt" IS NULL AND a."HiddenAt" IS NULL), ''),
               coalesce((SELECT string_agg(t."Name", ' ' ORDER BY t."Name") FROM "QuestionTags" qt JOIN "Tags" t ON t."Id" = qt."TagsId"
                         WHERE qt."QuestionsId" = q."Id"), '')
        FROM "Posts" q WHERE {LiveQuestion}
        """;

    private const string ArticleDocuments = """
        SELECT -a."Id", a."Title", coalesce(r."ProblemMarkdown", ''), coalesce(r."SolutionMarkdown", ''), a."Tags"
        FROM "KbArticles" a LEFT JOIN "KbArticleRevisions" r ON r."ArticleId" = a."Id" AND r."Number" = a."CurrentRevision"
        WHERE a."Status" = 'Published'
        """;

    /// <summary>The statements that create the index, its functions and triggers, then fill it from what already exists.</summary>
    public static IEnumerable<string> Create()
    {
        yield return $"""
            CREATE TABLE "{Table}" (
                "Id" integer PRIMARY KEY,
                "Title" text NOT NULL,
                "Body" text NOT NULL,
                "Answers" text NOT NULL,
                "Tags" text NOT NULL,
                "Document" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('{Configuration}'::regconfig, "Title"), 'A') ||
                    setweight(to_tsvector('{Configuration}'::regconfig, "Tags"), 'B') ||
                    setweight(to_tsvector('{Configuration}'::regconfig, "Body"), 'C') ||
                    setweight(to_tsvector('{Configuration}'::regconfig, "Answers"), 'D')) STORED
            );
            """;
        yield return $"""CREATE INDEX "IX_{Table}_Document" ON "{Table}" USING GIN ("Document");""";
        yield return $"""
            CREATE FUNCTION search_refresh_question(question_id integer) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM "{Table}" WHERE "Id" = question_id;
                INSERT INTO "{Table}" ("Id", "Title", "Body", "Answers", "Tags")
                {QuestionDocuments} AND q."Id" = question_id;
            END $$;
            """;
        yield return $"""
            CREATE FUNCTION search_refresh_article(article_id integer) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
                DELETE FROM "{Table}" WHERE "Id" = -article_id;
                INSERT INTO "{Table}" ("Id", "Title", "Body", "Answers", "Tags")
                {ArticleDocuments} AND a."Id" = article_id;
            END $$;
            """;
        // Posts: a question's own row, or the row of the question an answer belongs to.
        yield return $"""
            CREATE FUNCTION search_posts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN
                    IF OLD."Kind" = 'Question' THEN DELETE FROM "{Table}" WHERE "Id" = OLD."Id";
                    ELSE PERFORM search_refresh_question(OLD."QuestionId"); END IF;
                    RETURN OLD;
                END IF;
                IF NEW."Kind" = 'Question' THEN PERFORM search_refresh_question(NEW."Id");
                ELSE PERFORM search_refresh_question(NEW."QuestionId"); END IF;
                RETURN NEW;
            END $$;
            """;
        yield return """
            CREATE FUNCTION search_question_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN PERFORM search_refresh_question(OLD."QuestionsId"); RETURN OLD; END IF;
                PERFORM search_refresh_question(NEW."QuestionsId");
                RETURN NEW;
            END $$;
            """;
        yield return $"""
            CREATE FUNCTION search_articles_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP = 'DELETE' THEN DELETE FROM "{Table}" WHERE "Id" = -OLD."Id"; RETURN OLD; END IF;
                PERFORM search_refresh_article(NEW."Id");
                RETURN NEW;
            END $$;
            """;
        yield return """
            CREATE FUNCTION search_article_revisions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM search_refresh_article(NEW."ArticleId");
                RETURN NEW;
            END $$;
            """;
        // Only the columns the index holds: a view count or a vote must not rewrite the document.
        yield return """CREATE TRIGGER search_posts_inserted AFTER INSERT OR DELETE ON "Posts" FOR EACH ROW EXECUTE FUNCTION search_posts_changed();""";
        yield return """CREATE TRIGGER search_posts_updated AFTER UPDATE OF "Title", "Body", "DeletedAt", "HiddenAt" ON "Posts" FOR EACH ROW EXECUTE FUNCTION search_posts_changed();""";
        yield return """CREATE TRIGGER search_question_tags_changed AFTER INSERT OR DELETE ON "QuestionTags" FOR EACH ROW EXECUTE FUNCTION search_question_tags_changed();""";
        yield return """CREATE TRIGGER search_articles_inserted AFTER INSERT OR DELETE ON "KbArticles" FOR EACH ROW EXECUTE FUNCTION search_articles_changed();""";
        yield return """CREATE TRIGGER search_articles_updated AFTER UPDATE OF "Status", "Title", "Tags", "CurrentRevision" ON "KbArticles" FOR EACH ROW EXECUTE FUNCTION search_articles_changed();""";
        yield return """CREATE TRIGGER search_article_revisions_changed AFTER INSERT OR UPDATE ON "KbArticleRevisions" FOR EACH ROW EXECUTE FUNCTION search_article_revisions_changed();""";
        yield return $"""INSERT INTO "{Table}" ("Id", "Title", "Body", "Answers", "Tags") {QuestionDocuments};""";
        yield return $"""INSERT INTO "{Table}" ("Id", "Title", "Body", "Answers", "Tags") {ArticleDocuments};""";
    }

    public static IEnumerable<string> Drop()
    {
        yield return $"""DROP TABLE IF EXISTS "{Table}";""";
        yield return """DROP TRIGGER IF EXISTS search_posts_inserted ON "Posts";""";
        yield return """DROP TRIGGER IF EXISTS search_posts_updated ON "Posts";""";
        yield return """DROP TRIGGER IF EXISTS search_question_tags_changed ON "QuestionTags";""";
        yield return """DROP TRIGGER IF EXISTS search_articles_inserted ON "KbArticles";""";
        yield return """DROP TRIGGER IF EXISTS search_articles_updated ON "KbArticles";""";
        yield return """DROP TRIGGER IF EXISTS search_article_revisions_changed ON "KbArticleRevisions";""";
        foreach (var function in new[] { "search_posts_changed()", "search_question_tags_changed()", "search_articles_changed()",
                     "search_article_revisions_changed()", "search_refresh_question(integer)", "search_refresh_article(integer)" })
            yield return $"DROP FUNCTION IF EXISTS {function};";
    }
}
