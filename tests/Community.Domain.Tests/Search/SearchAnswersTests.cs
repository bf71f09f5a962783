using Community.Domain.Posting;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Tests.Search;

/// <summary>
/// Answers are found through their own rows of the index (SQLite: <see cref="SearchSchema.Answers"/>, issue 11), kept by
/// triggers: an answer's insert writes that answer's row and nothing of its thread, yet a search still finds the thread by
/// an answer's words, by a title word beside an answer's, and never through an answer that is gone or a question that is.
/// </summary>
public sealed class SearchAnswersTests
{
    private static CancellationToken Ct => TestForum.Ct;

    /// <summary>The threads holding every word (not the any-word fallback's).</summary>
    private static async Task<IReadOnlyList<int>> FindAsync(TestForum forum, string text)
    {
        var results = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse(text)), Ct);
        return results.MatchedSomeWords ? [] : results.Hits.Select(h => h.Id).ToList();
    }

    private static async Task<(TestForum Forum, Actor Asker, int Question, Actor Answerer, int Answer)> ThreadAsync()
    {
        var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker, "Quillport drops off the mesh", "The hallway unit loses its link every night around two.", "wifi");
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question, "Move the vantorel satellite away from the microwave oven.");
        await forum.AskAsync(asker, "Unrelated doorbell chime", "The chime is silent since Tuesday.", "setup");
        return (forum, asker, question, answerer, answer);
    }

    [Fact]
    public async Task An_answer_finds_its_question_by_its_own_words_and_beside_the_title()
    {
        var (forum, _, question, _, _) = await ThreadAsync();
        await using var _ = forum;

        Assert.Equal([question], await FindAsync(forum, "vantorel"));
        Assert.Equal([question], await FindAsync(forum, "vantorel microwave"));
        // A word of the title and one of the answer: the thread holds both.
        Assert.Equal([question], await FindAsync(forum, "quillport vantorel"));
        Assert.Equal([question], await FindAsync(forum, "vantorel [wifi]"));
    }

    [Fact]
    public async Task An_edited_deleted_or_hidden_answer_no_longer_finds_its_question()
    {
        var (forum, _, question, answerer, answer) = await ThreadAsync();
        await using var _ = forum;

        var edited = await forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 1, "Put the satellite on a higher shelf instead."), Ct);
        Assert.True(edited.Succeeded, edited.Message);
        Assert.Empty(await FindAsync(forum, "vantorel"));
        Assert.Equal([question], await FindAsync(forum, "shelf"));

        await SetAsync(forum, answer, hidden: forum.Time.GetUtcNow().UtcDateTime);
        Assert.Empty(await FindAsync(forum, "shelf"));
        await SetAsync(forum, answer, hidden: null);
        Assert.Equal([question], await FindAsync(forum, "shelf"));

        Assert.True((await forum.Delete.DeleteAsync(answerer, answer, Ct)).Succeeded);
        Assert.Empty(await FindAsync(forum, "shelf"));
        Assert.Equal([question], await FindAsync(forum, "quillport"));
    }

    [Fact]
    public async Task A_deleted_or_hidden_question_is_not_found_by_its_answers_until_it_is_back()
    {
        var (forum, asker, question, _, _) = await ThreadAsync();
        await using var _ = forum;

        await SetAsync(forum, question, hidden: forum.Time.GetUtcNow().UtcDateTime);
        Assert.Empty(await FindAsync(forum, "vantorel"));
        await SetAsync(forum, question, hidden: null);
        Assert.Equal([question], await FindAsync(forum, "vantorel"));

        Assert.True((await forum.Delete.DeleteAsync(asker, question, Ct)).Succeeded);
        Assert.Empty(await FindAsync(forum, "vantorel"));
        Assert.Empty(await FindAsync(forum, "quillport vantorel"));
        Assert.True((await forum.Delete.UndeleteAsync(await forum.ModeratorAsync(), question, Ct)).Succeeded);
        Assert.Equal([question], await FindAsync(forum, "quillport vantorel"));
    }

    [Fact]
    public async Task A_new_title_and_tags_reach_the_answers_rows()
    {
        var (forum, asker, question, _, _) = await ThreadAsync();
        await using var _ = forum;

        var edited = await forum.Edit.ExecuteAsync(asker, new EditPostCommand(question, 1, "The hallway unit loses its link every night around two.",
            "Brelmox drops off the mesh", ["router"]), Ct);
        Assert.True(edited.Succeeded, edited.Message);

        Assert.Empty(await FindAsync(forum, "quillport vantorel"));
        Assert.Equal([question], await FindAsync(forum, "brelmox vantorel"));
        Assert.Equal([question], await FindAsync(forum, "router vantorel"));
        Assert.Equal([question], await FindAsync(forum, "vantorel [router]"));
    }

    [Fact]
    public async Task Inserting_an_answer_writes_only_that_answers_row()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's FTS5 rows; PostgreSQL keeps a document a thread (bench/README.md).");
        var (forum, _, question, _, first) = await ThreadAsync();
        await using var _ = forum;
        // Rows that the triggers would never write so: any trigger that rewrites the question's document, its title row
        // or another answer's row takes its marker away.
        await using (var connection = new SqliteConnection(forum.Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await ExecuteAsync(connection, $"""
                DELETE FROM {SearchSchema.Table} WHERE rowid = {question};
                INSERT INTO {SearchSchema.Table}(rowid, title, body, answers, tags) VALUES ({question}, 'Quillport drops off the mesh', 'documentmarker', '', 'wifi');
                DELETE FROM {SearchSchema.Titles} WHERE rowid = {question};
                INSERT INTO {SearchSchema.Titles}(rowid, title, tags) VALUES ({question}, 'Quillport titlemarker', 'wifi');
                DELETE FROM {SearchSchema.Answers} WHERE rowid = ({question} << 32) | {first};
                INSERT INTO {SearchSchema.Answers}(rowid, title, body, tags) VALUES (({question} << 32) | {first}, '', 'answermarker', '');
                """);
        }

        await forum.AnswerAsync(await forum.MemberAsync(), question, "Try the wexbridge channel override.");

        await using (var connection = new SqliteConnection(forum.Database.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            Assert.Equal(1L, await CountAsync(connection, SearchSchema.Table, "documentmarker"));
            Assert.Equal(1L, await CountAsync(connection, SearchSchema.Titles, "titlemarker"));
            Assert.Equal(1L, await CountAsync(connection, SearchSchema.Answers, "answermarker"));
            Assert.Equal(1L, await CountAsync(connection, SearchSchema.Answers, "wexbridge"));
            Assert.Equal(0L, await CountAsync(connection, SearchSchema.Table, "wexbridge"));
        }
        Assert.Equal([question], await FindAsync(forum, "wexbridge"));
    }

    private static async Task<long> CountAsync(SqliteConnection connection, string table, string word)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table} WHERE {table} MATCH $word;";
        command.Parameters.AddWithValue("$word", word);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task SetAsync(TestForum forum, int postId, DateTime? hidden)
    {
        await using var db = forum.Db();
        var post = await db.Posts.FindAsync([postId], Ct);
        post!.HiddenAt = hidden;
        await db.SaveChangesAsync(Ct);
    }
}
