using Community.Domain.Questions;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// A tag's page: its count and its list. A tag on many questions is listed by walking the tab's index, a rare one from
/// the tag's side; both must list the same questions in the same order, page after page.
/// </summary>
public sealed class TagListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// 14 questions over a few days: "wifi" on 10 of them (one deleted, one held), "router" on 4, with scores and
    /// activity times that tie, so the cursors' tie-breaks are exercised too.
    /// </summary>
    private static async Task<TestForum> ForumAsync()
    {
        var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        await using var db = forum.Db();
        var tags = await db.Tags.ToDictionaryAsync(t => t.Name, Ct);
        var start = TestForum.Start.UtcDateTime;
        for (var i = 0; i < 14; i++)
        {
            var question = new Question
            {
                AuthorId = asker.UserId, Title = $"Question number {i} about the network", Body = "Body", BodyHtml = "<p>Body</p>",
                Score = i % 3, CreatedAt = start.AddHours(i), LastActivityAt = start.AddHours(i % 4 == 0 ? 1 : i),
                DeletedAt = i == 3 ? start : null, HiddenAt = i == 5 ? start : null, HiddenReason = i == 5 ? "Held" : null,
                Tags = [tags[i < 10 ? "wifi" : "router"]],
            };
            if (i % 2 == 0)
                question.Answers.Add(new Answer { AuthorId = answerer.UserId, Body = "An answer", BodyHtml = "<p>An answer</p>", Score = 1, CreatedAt = start.AddHours(i + 1) });
            db.Questions.Add(question);
        }
        await db.SaveChangesAsync(Ct);
        return forum;
    }

    [Fact]
    public async Task A_tag_walked_in_its_tabs_order_lists_what_the_tag_side_lists()
    {
        await using var forum = await ForumAsync();
        var queries = new QuestionQueries(forum.Database);
        foreach (var tab in Enum.GetValues<QuestionTab>())
        {
            var fromTheTag = await AllPagesAsync(queries, tab, tagSize: 8);
            var walked = await AllPagesAsync(queries, tab, tagSize: QuestionQueries.WalkTagsFrom);

            Assert.Equal(fromTheTag, walked);
        }
        // The live "wifi" questions: not 3 (deleted), not 5 (held), not 10-13 ("router").
        var newest = (await AllPagesAsync(queries, QuestionTab.Newest, tagSize: QuestionQueries.WalkTagsFrom)).SelectMany(page => page.Split('|'));
        Assert.Equal([9, 8, 7, 6, 4, 2, 1, 0], newest.Select(title => int.Parse(title.Split(' ')[2])));
    }

    private static async Task<List<string>> AllPagesAsync(QuestionQueries queries, QuestionTab tab, int tagSize)
    {
        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var page = await queries.ListAsync(tab, "wifi", cursor, pageSize: 3, Ct, tagSize);
            pages.Add(string.Join('|', page.Items.Select(q => q.Title + " ")));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return pages;
    }

    [Fact]
    public async Task Tag_counts_leave_out_deleted_and_held_questions()
    {
        await using var forum = await ForumAsync();
        var tags = new TagQueries(forum.Database, forum.Time);

        Assert.Equal(8, (await tags.FindAsync("wifi", Ct))!.QuestionCount);
        Assert.Equal(4, (await tags.FindAsync("router", Ct))!.QuestionCount);
        Assert.Equal(0, (await tags.FindAsync("billing", Ct))!.QuestionCount);
        var all = await tags.AllAsync(Ct);
        Assert.Equal(["wifi", "router"], all.Take(2).Select(t => t.Name));
        Assert.Equal([8, 4, 0], all.Take(3).Select(t => t.QuestionCount));
        Assert.Equal(TestForum.TagNames.Count, all.Count);
    }

    [Fact]
    public async Task A_popular_tags_page_walks_the_list_index_and_counts_from_the_links_index()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await ForumAsync();
        var recorder = new QueryPlans.Recorder();
        var contexts = new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder);

        await new QuestionQueries(contexts).ListAsync(QuestionTab.Active, "wifi", null, cancellationToken: Ct, tagSize: QuestionQueries.WalkTagsFrom);
        var walk = await QueryPlans.PlanAsync(forum.Database.ConnectionString, recorder.Commands[0].Sql, recorder.Commands[0].Parameters);
        Assert.Contains(walk, line => line.Contains("USING INDEX IX_Posts_LiveQuestions_LastActivityAt"));
        Assert.DoesNotContain(walk, line => line.Contains("TEMP B-TREE FOR ORDER BY"));

        recorder.Commands.Clear();
        await new TagQueries(contexts, forum.Time).FindAsync("wifi", Ct);
        await new TagQueries(contexts, forum.Time).AllAsync(Ct);
        var plans = new List<string>();
        foreach (var (sql, parameters) in recorder.Commands)
            plans.AddRange(await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters));
        // Questions are read only through the small index of removed ones, never row by row for each link.
        Assert.DoesNotContain(plans, line => line.Contains(" p ") && !line.Contains("USING COVERING INDEX IX_Posts_RemovedQuestions"));
        Assert.Contains(plans, line => line.Contains("IX_Posts_RemovedQuestions"));
    }
}
