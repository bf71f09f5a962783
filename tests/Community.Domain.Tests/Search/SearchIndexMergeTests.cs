using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Community.Testing;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Search;

/// <summary>The nightly merge of the full-text indexes (<see cref="SearchIndexMerge"/>), on a real migrated SQLite file.</summary>
public sealed class SearchIndexMergeTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task EachWritesSegmentsAreMergedIntoOneAndEveryDocumentIsStillFound()
    {
        await using var forum = await TestForum.CreateAsync();
        var merge = new SearchIndexMerge(forum.Database, forum.Time);
        if (TestProvider.IsPostgres)
        {
            // GIN indexes need no merging: the run finds nothing to do.
            var nothing = await merge.MergeAsync(TimeSpan.FromMinutes(1), Ct);
            Assert.Empty(nothing.Tables);
            Assert.Equal(0, nothing.Steps);
            return;
        }
        var members = await forum.MembersAsync(2);
        var words = Enumerable.Range(0, 6).Select(i => $"zebrafinch{(char)('a' + i)}").ToList();
        foreach (var word in words)
        {
            var question = await forum.AskAsync(members[0], $"How do I configure the {word} exporter?", $"The {word} exporter stops after an hour.");
            // Answers have their own index (SearchSchema.Answers): segments there too.
            await forum.AnswerAsync(members[1], question, "Restart the exporter service after changing its settings.");
        }
        var tables = await TablesAsync(forum);
        Assert.Contains(SearchSchema.Table, tables);
        Assert.True(await SegmentsAsync(forum, SearchSchema.Table) > 1, "each question's transaction adds a segment");

        var outcome = await merge.MergeAsync(TimeSpan.FromMinutes(1), Ct);

        Assert.True(outcome.Complete);
        Assert.Equal(tables, outcome.Tables);
        foreach (var table in tables)
            Assert.Equal(1, await SegmentsAsync(forum, table));
        foreach (var word in words)
            Assert.Equal(1, await MatchesAsync(forum, word));
        // A second run finds the work done: one step per table, each reporting nothing merged.
        Assert.Equal(tables.Count, (await merge.MergeAsync(TimeSpan.FromMinutes(1), Ct)).Steps);
    }

    [Fact]
    public async Task ARunStopsAtItsBudgetAndLeavesTheRestForTheNext()
    {
        await using var forum = await TestForum.CreateAsync();
        if (TestProvider.IsPostgres)
            return;
        var asker = (await forum.MembersAsync(1))[0];
        for (var i = 0; i < 5; i++)
            await forum.AskAsync(asker, $"Question number {i} about the exporter", "The exporter stops after an hour.");
        var segments = await SegmentsAsync(forum, SearchSchema.Table);
        var merge = new SearchIndexMerge(forum.Database, forum.Time);

        var outcome = await merge.MergeAsync(TimeSpan.Zero, Ct);

        Assert.False(outcome.Complete);
        Assert.Equal(0, outcome.Steps);
        Assert.Equal(segments, await SegmentsAsync(forum, SearchSchema.Table));
    }

    private static async Task<List<string>> TablesAsync(TestForum forum)
    {
        await using var db = forum.Db();
        return await db.Database.SqlQueryRaw<string>(
            "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' ORDER BY name").ToListAsync(Ct);
    }

    /// <summary>An FTS5 index's segments: each has its rows in the table's <c>_idx</c> shadow table.</summary>
    private static async Task<int> SegmentsAsync(TestForum forum, string table)
    {
        await using var db = forum.Db();
        var sql = $"SELECT count(DISTINCT segid) AS \"Value\" FROM \"{table}_idx\"";
        return (await db.Database.SqlQueryRaw<int>(sql).ToListAsync(Ct)).Single();
    }

    private static async Task<int> MatchesAsync(TestForum forum, string word)
    {
        await using var db = forum.Db();
        var sql = $"SELECT count(*) AS \"Value\" FROM {SearchSchema.Table} WHERE {SearchSchema.Table} MATCH @word";
        return (await db.Database.SqlQueryRaw<int>(sql, new Microsoft.Data.Sqlite.SqliteParameter("word", word)).ToListAsync(Ct)).Single();
    }
}
