using Community.Domain.KnowledgeBase;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>
/// A feed job reads only its own thread: with Include(q => q.Tags) SQLite materialized every tag of every question on
/// each job (bench/run all --only kb: 15 ms a job on 10,000 questions, the job's largest cost, growing with the forum).
/// </summary>
public sealed class KnowledgeBaseFeedQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheJobReadsItsThreadsTagsByTheQuestionNeverEveryTag()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();
        var recorder = new QueryPlans.Recorder();
        var forum = kb.Forum;
        var feed = new KnowledgeBaseFeed(new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder), forum.Ledger, forum.Markdown, kb.Options, forum.Time);

        var outcome = await feed.SyncArticleAsync(question, Ct);

        Assert.Equal(FeedAction.CreateDraft, outcome.Action);
        Assert.Equal("wifi", (await kb.ArticleAsync(question)).Tags);
        var tagReads = recorder.Commands.Where(c => c.Sql.Contains("\"Tags\" AS", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(tagReads);
        foreach (var (sql, parameters) in tagReads)
        {
            var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters);
            Assert.DoesNotContain(plan, line => line.StartsWith("MATERIALIZE", StringComparison.Ordinal) || line.StartsWith("SCAN", StringComparison.Ordinal));
            Assert.Contains(plan, line => line.StartsWith("SEARCH ", StringComparison.Ordinal) && line.Contains("(QuestionsId=?)", StringComparison.Ordinal));
        }
    }
}
