using Community.Domain.Questions;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Search;

/// <summary>
/// Related lists kept in the database (<see cref="StoredRelatedLists"/>), on both engines: which questions a list holds
/// is kept; what the page shows of them is read live.
/// </summary>
public sealed class StoredRelatedListsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task AListReadsBackInRankOrderWithTodaysTitlesAndOnlyLiveQuestions()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(2);
        var question = await forum.AskAsync(members[0], "Hub drops offline at night");
        var related = new List<int>();
        for (var i = 0; i < 4; i++)
            related.Add(await forum.AskAsync(members[0], $"Related question number {i}"));
        var lists = new StoredRelatedLists(forum.Database, forum.Time);
        var key = StoredRelatedLists.KeyOf("Hub drops offline at night", ["router"]);
        await lists.StoreAsync([new RankedList(question, key, [related[2], related[0], related[3], related[1]])], Ct);

        // After it was ranked: one retitled, one deleted, one held by moderation, one answered and accepted.
        var answer = await forum.AnswerAsync(members[1], related[3]);
        await using (var db = forum.Db())
        {
            await db.Questions.Where(q => q.Id == related[2]).ExecuteUpdateAsync(s => s.SetProperty(q => q.Title, "Retitled since"), Ct);
            await db.Questions.Where(q => q.Id == related[0]).ExecuteUpdateAsync(s => s.SetProperty(q => q.DeletedAt, DateTime.UtcNow), Ct);
            await db.Questions.Where(q => q.Id == related[1]).ExecuteUpdateAsync(s => s.SetProperty(q => q.HiddenAt, DateTime.UtcNow), Ct);
            await db.Questions.Where(q => q.Id == related[3]).ExecuteUpdateAsync(s => s.SetProperty(q => q.AcceptedAnswerId, answer), Ct);
        }

        var hits = await lists.ReadAsync(question, key, Ct);

        Assert.NotNull(hits);
        Assert.Equal([(related[2], "Retitled since", false), (related[3], "Related question number 3", true)],
            hits.Select(h => (h.Id, h.Title, h.HasAcceptedAnswer)));
        Assert.All(hits, h => Assert.Equal(SearchHitKind.Question, h.Kind));
    }

    [Fact]
    public async Task AListIsRankedAgainForANewTitleOrTagsOrOnceItIsADayOld()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = (await forum.MembersAsync(1))[0];
        var question = await forum.AskAsync(asker, "Hub drops offline at night");
        var other = await forum.AskAsync(asker, "Router restarts");
        var lists = new StoredRelatedLists(forum.Database, forum.Time);
        var key = StoredRelatedLists.KeyOf("Hub drops offline at night", ["router"]);
        await lists.StoreAsync([new RankedList(question, key, [other])], Ct);

        Assert.Null(await lists.ReadAsync(question, StoredRelatedLists.KeyOf("Hub drops offline at night", ["router", "mesh"]), Ct));
        Assert.Null(await lists.ReadAsync(question, StoredRelatedLists.KeyOf("Hub drops offline", ["router"]), Ct));
        Assert.Null(await lists.ReadAsync(other, key, Ct));
        forum.Time.Advance(StoredRelatedLists.MaxAge - TimeSpan.FromMinutes(1));
        Assert.Equal([other], (await lists.ReadAsync(question, key, Ct))!.Select(h => h.Id));
        forum.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await lists.ReadAsync(question, key, Ct));

        // Ranked again: the new list replaces the old, and an empty one is kept as empty, not as missing.
        await lists.StoreAsync([new RankedList(question, key, [])], Ct);
        Assert.Empty((await lists.ReadAsync(question, key, Ct))!);
    }

    [Fact]
    public async Task AListOfAQuestionRemovedMeanwhileIsNotStoredAndRemovalTakesItsList()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = (await forum.MembersAsync(1))[0];
        var kept = await forum.AskAsync(asker, "Hub drops offline at night");
        var removed = await forum.AskAsync(asker, "Router restarts");
        var gone = removed + 1_000;
        var lists = new StoredRelatedLists(forum.Database, forum.Time);

        await lists.StoreAsync([new RankedList(gone, "x", [kept]), new RankedList(removed, "y", [kept])], Ct);
        await using (var db = forum.Db())
            await db.Questions.Where(q => q.Id == removed).ExecuteDeleteAsync(Ct);

        Assert.Null(await lists.ReadAsync(gone, "x", Ct));
        Assert.Null(await lists.ReadAsync(removed, "y", Ct));
        await using (var db = forum.Db())
            Assert.Equal(0, (await db.Database.SqlQueryRaw<int>($"SELECT count(*) AS \"Value\" FROM \"{StoredRelatedLists.Table}\"").ToListAsync(Ct)).Single());
    }
}
