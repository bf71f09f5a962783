using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Tests.Search;

/// <summary>
/// A search's snippets (SQLite) are made from the page's own bodies in a small table of the connection's, not by seeking
/// each row in the full index (issue 11): they must stay exactly what FTS5's snippet() over the full index gives, and
/// the search must never wait for the file's writer.
/// </summary>
public sealed class SearchSnippetsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static async Task<TestForum> ForumAsync()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's FTS5 snippets; PostgreSQL makes its own with ts_headline.");
        var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        await forum.AskAsync(asker, "Gizmoflux will not pair", "It never shows up in the list of devices, whatever I try with the app or the hub.", "setup");
        await forum.AskAsync(asker, "Pairing stops halfway",
            "The app finds the hub, then the gizmoflux pairing stops halfway every single time. I tried resetting the router, "
            + "moving closer, and turning Bluetooth off and on. After the third try the gizmoflux showed up but kept dropping.", "setup");
        await forum.AskAsync(asker, "Night mode never switches",
            "Since the update the camera never shows night mode; the gizmoflux sensor reads dark, yet the image stays in colour. "
            + "Is there a setting I missed? It never shows the option either.", "router");
        var answered = await forum.AskAsync(asker, "Which hub firmware do I need", "Mine is on 4.1 and the store says 4.2.", "setup");
        await forum.AnswerAsync(await forum.MemberAsync(), answered, "Any gizmoflux after 2024 needs 4.2: update from the app.");
        return forum;
    }

    [Theory]
    [InlineData("gizmoflux", true)]
    [InlineData("gizmoflux pairing", true)]
    [InlineData("never shows", true)]
    [InlineData("\"never shows\"", true)]
    [InlineData("firmware", false)]
    public async Task Snippets_are_what_FTS5_makes_of_the_body_over_the_full_index(string text, bool marked)
    {
        await using var forum = await ForumAsync();
        var query = SearchQuery.Parse(text);

        var results = await forum.SearchIndex().SearchAsync(new SearchRequest(query), Ct);

        Assert.NotEmpty(results.Hits);
        await using var connection = new SqliteConnection(forum.Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, snippet({SearchSchema.Table}, 1, $open, $close, ' … ', 16) FROM {SearchSchema.Table} WHERE {SearchSchema.Table} MATCH $match;";
        command.Parameters.AddWithValue("$open", "\u0001");
        command.Parameters.AddWithValue("$close", "\u0002");
        command.Parameters.AddWithValue("$match", query.ToMatch(all: true, dropStopWords: true) ?? query.ToMatch(all: true));
        var expected = new Dictionary<long, string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
        {
            while (await reader.ReadAsync(Ct))
                expected[reader.GetInt64(0)] = SearchHits.SnippetHtml(reader.GetString(1));
        }
        // The documents are the questions alone: a thread found by an answer's words alone shows its body's start, unmarked.
        Assert.All(expected.Keys, id => Assert.Contains(id, results.Hits.Select(h => (long)h.Id)));
        Assert.All(results.Hits, hit =>
        {
            if (expected.TryGetValue(hit.Id, out var snippet))
                Assert.Equal(snippet, hit.SnippetHtml);
            else
                Assert.DoesNotContain("<mark>", hit.SnippetHtml);
        });
        // "firmware" is in a title and an answer only: the body's start, unmarked.
        Assert.Equal(marked, results.Hits.Any(h => h.SnippetHtml.Contains("<mark>", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_title_match_shows_the_start_of_its_body()
    {
        await using var forum = await ForumAsync();

        var results = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);

        var titled = Assert.Single(results.Hits, h => h.Title == "Gizmoflux will not pair");
        Assert.StartsWith("It never shows up in the list of devices", titled.SnippetHtml);
        Assert.DoesNotContain("<mark>", titled.SnippetHtml);
    }

    [Fact]
    public async Task A_search_with_snippets_does_not_wait_for_a_writer()
    {
        await using var forum = await ForumAsync();
        await using var writer = new SqliteConnection(forum.Database.ConnectionString);
        await writer.OpenAsync(Ct);
        await using var writing = writer.BeginTransaction(deferred: false);

        var results = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse("gizmoflux")), Ct);

        Assert.Contains(results.Hits, h => h.SnippetHtml.Contains("<mark>", StringComparison.Ordinal));
    }
}
