using System.Data.Common;
using Community.Domain.KnowledgeBase;
using Community.Domain.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>
/// A feed job reads only its own thread: with Include(q => q.Tags) SQLite materialized every tag of every question on
/// each job (bench/run all --only kb: 15 ms a job on 10,000 questions, the job's largest cost, growing with the forum).
/// </summary>
public sealed class KnowledgeBaseFeedQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Recorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }

    private sealed class RecordingContexts(string connectionString, Recorder recorder) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(recorder);
            return new CommunityDbContext(options.Options);
        }
    }

    [Fact]
    public async Task TheJobReadsItsThreadsTagsByTheQuestionNeverEveryTag()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var recorder = new Recorder();
        var forum = kb.Forum;
        var feed = new KnowledgeBaseFeed(new RecordingContexts(forum.Database.ConnectionString, recorder), forum.Ledger, forum.Markdown, kb.Options, forum.Time);

        var outcome = await feed.SyncArticleAsync(question, Ct);

        Assert.Equal(FeedAction.CreateDraft, outcome.Action);
        Assert.Equal("wifi", (await kb.ArticleAsync(question)).Tags);
        var tagReads = recorder.Commands.Where(c => c.Sql.Contains("\"Tags\" AS", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tagReads);
        foreach (var (sql, parameters) in tagReads)
        {
            var plan = await PlanAsync(forum.Database.ConnectionString, sql, parameters);
            Assert.DoesNotContain(plan, line => line.StartsWith("MATERIALIZE", StringComparison.Ordinal) || line.StartsWith("SCAN", StringComparison.Ordinal));
            Assert.Contains(plan, line => line.StartsWith("SEARCH ", StringComparison.Ordinal) && line.Contains("(QuestionsId=?)", StringComparison.Ordinal));
        }
    }

    private static async Task<List<string>> PlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            lines.Add(reader.GetString(3));
        return lines;
    }
}
