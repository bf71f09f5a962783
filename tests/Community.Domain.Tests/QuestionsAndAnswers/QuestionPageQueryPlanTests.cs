using Community.Domain.Comments;
using Community.Domain.Questions;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// A question page is three round trips whatever the thread's size, each found by an index (bench/run all counts the
/// round trips: 9 before; the comments' OR with a correlated EXISTS scanned all 200,000 comments, 0.7 s).
/// </summary>
public sealed class QuestionPageQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AThreadIsThreeQueriesEachByAnIndex()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answers = new List<int>();
        for (var i = 0; i < 3; i++)
            answers.Add(await forum.AnswerAsync(answerer, question, TestForum.AnswerBody + $" Answer number {i}."));
        foreach (var post in answers.Prepend(question))
            Assert.True((await forum.Comment.ExecuteAsync(asker, new AddCommentCommand(post, $"A comment on post {post} that is long enough."), Ct)).Succeeded);
        var recorder = new QueryPlans.Recorder();
        var queries = new QuestionQueries(new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder));

        var thread = await queries.ThreadAsync(question, answerer, Ct);

        Assert.NotNull(thread);
        Assert.Equal(3, thread.Answers.Count);
        Assert.All(thread.Answers, a => Assert.Single(a.Comments));
        Assert.Single(thread.Comments);
        Assert.Equal(3, recorder.Commands.Count);
        foreach (var (sql, parameters) in recorder.Commands)
        {
            var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters);
            // "SCAN s" reads EF Core's derived table of the one question row; any other scan reads a whole table of the forum.
            Assert.False(plan.Any(line => line.StartsWith("SCAN", StringComparison.Ordinal) && line is not "SCAN s"), $"A scan in\n{string.Join('\n', plan)}\nof\n{sql}");
        }
    }
}
