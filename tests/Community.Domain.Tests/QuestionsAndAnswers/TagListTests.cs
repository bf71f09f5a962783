using Community.Domain.Questions;
using Community.Domain.Posting;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// A tag's page: its count and its list. Every tab of any tag is a range of the links' index for that tab (the links
/// carry their question's sort keys, kept by triggers: Questions/TagListKeys.cs), in the tab's order, page after page,
/// with deleted and held questions left out.
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
    public async Task Every_tab_of_a_tag_lists_its_live_questions_in_the_tabs_order_page_after_page()
    {
        await using var forum = await ForumAsync();
        var queries = new QuestionQueries(forum.Database);
        foreach (var tab in Enum.GetValues<QuestionTab>())
            Assert.Equal(await ExpectedAsync(forum, tab, "wifi"), await AllPagesAsync(queries, tab, "wifi"));
        // The live "wifi" questions: not 3 (deleted), not 5 (held), not 10-13 ("router").
        var newest = await AllPagesAsync(queries, QuestionTab.Newest, "wifi");
        Assert.Equal([9, 8, 7, 6, 4, 2, 1, 0], newest.Select(title => int.Parse(title.Split(' ')[2])));
        // Unanswered: the odd ones (the even ones have an answer scored 1).
        Assert.Equal([9, 7, 1], (await AllPagesAsync(queries, QuestionTab.Unanswered, "wifi")).Select(title => int.Parse(title.Split(' ')[2])));
    }

    /// <summary>
    /// The links carry their question's sort keys, kept by triggers whoever writes: answering (activity), voting (score),
    /// retagging, deleting and undeleting, holding and releasing must each show in the tag's lists at once.
    /// </summary>
    [Fact]
    public async Task Every_write_that_moves_a_question_moves_it_in_its_tags_lists()
    {
        await using var forum = await ForumAsync();
        var queries = new QuestionQueries(forum.Database);
        var tags = new TagQueries(forum.Database, forum.Time);
        var asker = await forum.MemberAsync();
        var voter = await forum.MemberWithReputationAsync(5_000);
        var moderator = await forum.ModeratorAsync();
        async Task AssertListsAsync(string because)
        {
            foreach (var tag in new[] { "wifi", "router", "billing" })
            {
                foreach (var tab in Enum.GetValues<QuestionTab>())
                    Assert.True((await ExpectedAsync(forum, tab, tag)).SequenceEqual(await AllPagesAsync(queries, tab, tag)), $"{tag}, {tab}: {because}");
                var count = (await ExpectedAsync(forum, QuestionTab.Newest, tag)).Count;
                Assert.True(count == (await tags.FindAsync(tag, Ct))!.QuestionCount, $"{tag}'s count: {because}");
                Assert.True(count == (await tags.AllAsync(Ct)).Single(t => t.Name == tag).QuestionCount, $"{tag}'s count on /tags: {because}");
            }
            var stale = await StaleLinksAsync(forum);
            Assert.True(stale == 0, $"{stale} links with keys other than their question's: {because}");
        }

        await AssertListsAsync("as seeded");
        forum.Time.Advance(TimeSpan.FromDays(2));
        var asked = await forum.AskAsync(asker, "A new question about the router lights", TestForum.QuestionBody, "router", "wifi");
        await AssertListsAsync("asked with two tags");
        var oldest = await OldestWifiAsync(forum);
        forum.Time.Advance(TimeSpan.FromHours(1));
        await forum.AnswerAsync(voter, oldest);
        await AssertListsAsync("the oldest question answered (active again)");
        Assert.True((await forum.Vote.ExecuteAsync(voter, oldest, 1, Ct)).Succeeded);
        Assert.True((await forum.Vote.ExecuteAsync(voter, asked, -1, Ct)).Succeeded);
        await AssertListsAsync("voted up and down");
        var retagged = await forum.Edit.ExecuteAsync(asker, new EditPostCommand(asked, 1, TestForum.QuestionBody + " Edited with other tags.", "A new question about the router lights", ["billing"]), Ct);
        Assert.True(retagged.Succeeded, retagged.Message);
        await AssertListsAsync("retagged from router and wifi to billing");
        Assert.True((await forum.Delete.DeleteAsync(moderator, oldest, Ct)).Succeeded);
        await AssertListsAsync("deleted");
        Assert.True((await forum.Delete.UndeleteAsync(moderator, oldest, Ct)).Succeeded);
        await AssertListsAsync("undeleted");
        await using (var db = forum.Db())
        {
            var question = await db.Questions.SingleAsync(q => q.Id == asked, Ct);
            await Community.Domain.Moderation.Holds.HideAsync(db, question, "Held for review", forum.Time.GetUtcNow().UtcDateTime, Ct);
            await db.SaveChangesAsync(Ct);
        }
        await AssertListsAsync("held");
        await using (var db = forum.Db())
        {
            var question = await db.Questions.SingleAsync(q => q.Id == asked, Ct);
            await Community.Domain.Moderation.Holds.ReleaseAsync(db, question, Ct);
            await db.SaveChangesAsync(Ct);
        }
        await AssertListsAsync("released");
        Assert.Contains("A new question about the router lights ", await AllPagesAsync(queries, QuestionTab.Active, "billing"));
    }

    /// <summary>
    /// Every kind of change to a question, written straight to the table as any writer could: each key alone, a removal,
    /// keys changing while the question is removed (they stay NULL), a return together with a key's change, a hold together
    /// with another key's change, a release, and a key set to the value it has.
    /// </summary>
    [Fact]
    public async Task Each_kind_of_change_to_a_question_leaves_its_links_keys_right()
    {
        await using var forum = await ForumAsync();
        var queries = new QuestionQueries(forum.Database);
        var question = await OldestWifiAsync(forum);
        var now = forum.Time.GetUtcNow().UtcDateTime;
        var changes = new (string Because, Func<IQueryable<Question>, Task<int>> Write)[]
        {
            ("activity", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now.AddDays(3)), Ct)),
            ("creation time", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, x => x.CreatedAt.AddDays(2)), Ct)),
            ("score", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Score, 7), Ct)),
            ("deleted", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now), Ct)),
            ("activity and score while deleted", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, now.AddDays(4)).SetProperty(x => x.Score, -2), Ct)),
            ("undeleted with new activity", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, (DateTime?)null).SetProperty(x => x.LastActivityAt, now.AddDays(5)), Ct)),
            ("held with a new score", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.HiddenAt, now).SetProperty(x => x.HiddenReason, "Held").SetProperty(x => x.Score, 9), Ct)),
            ("creation time while held", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, now.AddDays(-30)), Ct)),
            ("released", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.HiddenAt, (DateTime?)null).SetProperty(x => x.HiddenReason, (string?)null), Ct)),
            ("every key set to its own value", q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastActivityAt, x => x.LastActivityAt)
                .SetProperty(x => x.CreatedAt, x => x.CreatedAt).SetProperty(x => x.Score, x => x.Score).SetProperty(x => x.DeletedAt, x => x.DeletedAt), Ct)),
        };
        foreach (var (because, write) in changes)
        {
            await using (var db = forum.Db())
                Assert.Equal(1, await write(db.Questions.Where(q => q.Id == question)));
            Assert.True(await StaleLinksAsync(forum) == 0, $"links with keys other than their question's: {because}");
            foreach (var tab in Enum.GetValues<QuestionTab>())
                Assert.True((await ExpectedAsync(forum, tab, "wifi")).SequenceEqual(await AllPagesAsync(queries, tab, "wifi")), $"{tab}: {because}");
        }
    }

    /// <summary>
    /// SQLite rewrites a link's entry in an index whenever an UPDATE sets the index's column, even to the value it has: an
    /// answer must set only the links' activity key, a vote on the question only their score key, each once a link.
    /// </summary>
    [Fact]
    public async Task An_answer_sets_only_the_links_activity_key_and_a_vote_only_their_score()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "PostgreSQL writes a new entry in every index of an updated row whichever column changed: it keeps one trigger.");
        await using var forum = await ForumAsync();
        var voter = await forum.MemberWithReputationAsync(5_000);
        var question = await OldestWifiAsync(forum);
        await using (var db = forum.Db())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE KeysSet (Key TEXT NOT NULL)", Ct);
            foreach (var key in new[] { TagListKeys.LastActivityAt, TagListKeys.CreatedAt, TagListKeys.Score })
            {
                var sql = $"CREATE TRIGGER KeysSet_{key} AFTER UPDATE OF {key} ON QuestionTags BEGIN INSERT INTO KeysSet VALUES ('{key}'); END";
                await db.Database.ExecuteSqlRawAsync(sql, Ct);
            }
        }
        async Task<List<string>> KeysSetAsync()
        {
            await using var db = forum.Db();
            var keys = await db.Database.SqlQueryRaw<string>("SELECT Key AS Value FROM KeysSet ORDER BY Key").ToListAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM KeysSet", Ct);
            return keys;
        }

        forum.Time.Advance(TimeSpan.FromDays(1));
        await forum.AnswerAsync(voter, question);
        Assert.Equal([TagListKeys.LastActivityAt], await KeysSetAsync()); // the question has one tag, "wifi"
        Assert.True((await forum.Vote.ExecuteAsync(voter, question, 1, Ct)).Succeeded);
        Assert.Equal([TagListKeys.Score], await KeysSetAsync());
        Assert.Equal(0, await StaleLinksAsync(forum));
    }

    /// <summary>Links whose keys are not their question's (its keys while it is listed, NULL while it is removed).</summary>
    private static async Task<int> StaleLinksAsync(TestForum forum)
    {
        await using var db = forum.Db();
        return await db.Set<Dictionary<string, object>>("QuestionTags")
            .Join(db.Questions, qt => EF.Property<int>(qt, "QuestionsId"), q => q.Id, (qt, q) => new { qt, q })
            .CountAsync(x => (x.q.DeletedAt == null && x.q.HiddenAt == null)
                ? EF.Property<DateTime?>(x.qt, TagListKeys.LastActivityAt) != x.q.LastActivityAt || EF.Property<DateTime?>(x.qt, TagListKeys.CreatedAt) != x.q.CreatedAt
                    || EF.Property<int?>(x.qt, TagListKeys.Score) != x.q.Score
                : EF.Property<DateTime?>(x.qt, TagListKeys.LastActivityAt) != null || EF.Property<DateTime?>(x.qt, TagListKeys.CreatedAt) != null
                    || EF.Property<int?>(x.qt, TagListKeys.Score) != null, Ct);
    }

    private static async Task<int> OldestWifiAsync(TestForum forum)
    {
        await using var db = forum.Db();
        return await db.Questions.Where(q => q.Tags.Any(t => t.Name == "wifi") && q.DeletedAt == null && q.HiddenAt == null)
            .OrderBy(q => q.CreatedAt).Select(q => q.Id).FirstAsync(Ct);
    }

    /// <summary>What a tab lists, worked out in memory from every question: the spec of the tag's pages.</summary>
    private static async Task<List<string>> ExpectedAsync(TestForum forum, QuestionTab tab, string tag)
    {
        await using var db = forum.Db();
        var questions = await db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null && q.Tags.Any(t => t.Name == tag))
            .Select(q => new
            {
                q.Id, q.Title, q.Score, q.CreatedAt, q.LastActivityAt,
                Unanswered = q.AcceptedAnswerId == null && !q.Answers.Any(a => a.DeletedAt == null && a.HiddenAt == null && a.Score > 0),
            })
            .ToListAsync(Ct);
        var ordered = tab switch
        {
            QuestionTab.Top => questions.OrderByDescending(q => q.Score).ThenByDescending(q => q.Id),
            QuestionTab.Active => questions.OrderByDescending(q => q.LastActivityAt).ThenByDescending(q => q.Id),
            QuestionTab.Unanswered => questions.Where(q => q.Unanswered).OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id),
            _ => questions.OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id),
        };
        return ordered.Select(q => q.Title + " ").ToList();
    }

    /// <summary>Every page of a tab, 3 rows a page, following the cursors.</summary>
    private static async Task<List<string>> AllPagesAsync(QuestionQueries queries, QuestionTab tab, string tag)
    {
        var titles = new List<string>();
        string? cursor = null;
        do
        {
            var page = await queries.ListAsync(tab, tag, cursor, pageSize: 3, Ct);
            Assert.True(page.Items.Count == 3 || page.NextCursor is null, "Only the last page may be short.");
            titles.AddRange(page.Items.Select(q => q.Title + " "));
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return titles;
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
    public async Task Any_tags_page_of_any_tab_is_a_range_of_its_links_index_and_its_count_the_live_links()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Reads SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its own statistics.");
        await using var forum = await ForumAsync();
        var recorder = new QueryPlans.Recorder();
        var contexts = new QueryPlans.RecordingContexts(forum.Database.ConnectionString, recorder);
        var queries = new QuestionQueries(contexts);

        foreach (var tab in Enum.GetValues<QuestionTab>())
        {
            var first = await queries.ListAsync(tab, "wifi", null, pageSize: 2, Ct);
            await queries.ListAsync(tab, "wifi", first.NextCursor, pageSize: 2, Ct);
            Assert.NotNull(first.NextCursor);
            // Each page is one command: its rows, each row's tags by a seek of the links' key.
            Assert.Equal(2, recorder.Commands.Count);
            var key = tab switch { QuestionTab.Top => TagListKeys.Score, QuestionTab.Active => TagListKeys.LastActivityAt, _ => TagListKeys.CreatedAt };
            foreach (var (sql, parameters) in recorder.Commands)
            {
                var plan = await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters);
                var detail = $"{tab}:\n{string.Join('\n', plan)}\nof\n{sql}";
                // A seek on the tag (and, after the first page, on the key): never every link of the tag, never a sort.
                Assert.True(plan.Any(line => line.Contains($"USING COVERING INDEX IX_QuestionTags_TagsId_{key} (TagsId=?")), detail);
                Assert.True(plan.Any(line => line.StartsWith("SEARCH q0 USING COVERING INDEX", StringComparison.Ordinal) && line.EndsWith("(QuestionsId=?)", StringComparison.Ordinal)), detail);
                // The only temporary tree groups one row's few tags (the aggregate's GROUP BY on the outer row's id).
                Assert.False(plan.Any(line => line.Contains("TEMP B-TREE") && line != "USE TEMP B-TREE FOR GROUP BY"), detail);
                Assert.True(plan.Count(line => line.Contains("TEMP B-TREE")) <= 1, detail);
                Assert.False(plan.Any(line => line.StartsWith("SCAN", StringComparison.Ordinal) && line is not "SCAN s"), detail); // "SCAN s": the page itself, after the limit
            }
            recorder.Commands.Clear();
        }

        await new TagQueries(contexts, forum.Time).FindAsync("wifi", Ct);
        await new TagQueries(contexts, forum.Time).AllAsync(Ct);
        var plans = new List<string>();
        foreach (var (sql, parameters) in recorder.Commands)
            plans.AddRange(await QueryPlans.PlanAsync(forum.Database.ConnectionString, sql, parameters));
        // Counted from the links' index alone (a live question's link carries its keys): no question is read.
        Assert.DoesNotContain(plans, line => line.Contains(" p ") || line.Contains("Posts"));
        Assert.Contains(plans, line => line.Contains("USING COVERING INDEX IX_QuestionTags_TagsId_LastActivityAt (TagsId=? AND LastActivityAt>?)"));
    }

    [Fact]
    public async Task A_page_holds_up_to_the_chosen_size()
    {
        await using var forum = await ForumAsync();
        var asker = await forum.MemberAsync();
        await using (var db = forum.Db())
        {
            var wifi = await db.Tags.SingleAsync(t => t.Name == "wifi", Ct);
            for (var i = 0; i < 52; i++)
                db.Questions.Add(new Question
                {
                    AuthorId = asker.UserId, Title = $"Another question number {i} about the wifi", Body = "Body", BodyHtml = "<p>Body</p>",
                    CreatedAt = TestForum.Start.UtcDateTime.AddDays(1).AddMinutes(i), LastActivityAt = TestForum.Start.UtcDateTime.AddDays(1).AddMinutes(i), Tags = [wifi],
                });
            await db.SaveChangesAsync(Ct);
        }
        var queries = new QuestionQueries(forum.Database);

        foreach (var size in QuestionQueries.PageSizes)
        {
            var page = await queries.ListAsync(QuestionTab.Active, "wifi", null, size, Ct);
            Assert.Equal(size, page.Items.Count);
            Assert.NotNull(page.NextCursor);
        }
        var second = await queries.ListAsync(QuestionTab.Active, "wifi", (await queries.ListAsync(QuestionTab.Active, "wifi", null, 50, Ct)).NextCursor, 50, Ct);
        Assert.Equal(8 + 52 - 50, second.Items.Count);
        Assert.Null(second.NextCursor);
    }
}
