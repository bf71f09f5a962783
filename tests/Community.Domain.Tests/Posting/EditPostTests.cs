using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Posting;

public sealed class EditPostTests
{
    private const string NewTitle = "Router drops Wi-Fi every night at 2am";
    private const string NewBody = "Every night at 2am the Wi-Fi goes away for **ten minutes**; the lights stay on.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static EditPostCommand QuestionEdit(int id, int expectedVersion = 1, string? summary = "Added the time", IReadOnlyList<string>? tags = null) =>
        new(id, expectedVersion, NewBody, NewTitle, tags, summary);

    [Fact]
    public async Task AnEditSavesTheNewTextAndBumpsTheVersion()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        forum.Time.Advance(TimeSpan.FromMinutes(5));

        var result = await forum.Edit.ExecuteAsync(asker, QuestionEdit(id), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, result.Value);
        var question = await forum.QuestionAsync(id);
        Assert.Equal(2, question.Version);
        Assert.Equal(NewTitle, question.Title);
        Assert.Equal(NewBody, question.Body);
        Assert.Contains("<strong>ten minutes</strong>", question.BodyHtml);
        Assert.Equal(TestForum.Start.UtcDateTime.AddMinutes(5), question.EditedAt);
        Assert.Equal(TestForum.Start.UtcDateTime.AddMinutes(5), question.LastActivityAt);
    }

    [Fact]
    public async Task AnEditRecordsRevisionTwoWithItsSummary()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);

        await forum.Edit.ExecuteAsync(asker, QuestionEdit(id, summary: "  Added the time  "), Ct);

        await using var db = forum.Db();
        var revisions = await db.PostRevisions.Where(r => r.PostId == id).OrderBy(r => r.Number).ToListAsync(Ct);
        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal("Added the time", revisions[1].Summary);
        Assert.Equal(NewTitle, revisions[1].Title);
        Assert.Equal(NewBody, revisions[1].Body);
        Assert.Equal("wifi", revisions[1].Tags);
        Assert.Equal(TestForum.QuestionBody, revisions[0].Body);
    }

    [Fact]
    public async Task AnEditWithoutTagsKeepsTheQuestionsTags()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker, tags: ["wifi", "router"]);

        var result = await forum.Edit.ExecuteAsync(asker, QuestionEdit(id), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["router", "wifi"], (await forum.QuestionAsync(id)).Tags.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task AnEditMayChangeTheTags()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker, tags: ["wifi", "router"]);

        var result = await forum.Edit.ExecuteAsync(asker, QuestionEdit(id, tags: ["Router", "firmware"]), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["firmware", "router"], (await forum.QuestionAsync(id)).Tags.Select(t => t.Name).Order());
    }

    [Fact]
    public async Task EditingAnAnswerMovesTheQuestionsLastActivity()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        forum.Time.Advance(TimeSpan.FromDays(1));

        var result = await forum.Edit.ExecuteAsync(answerer, new EditPostCommand(answer, 1, NewBody), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(NewBody, (await forum.PostAsync(answer)).Body);
        Assert.Equal(TestForum.Start.UtcDateTime.AddDays(1), (await forum.QuestionAsync(question)).LastActivityAt);
    }

    [Fact]
    public async Task AnEditFromAStaleVersionIsAConflictAndSavesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        var moderator = await forum.ModeratorAsync();
        Assert.True((await forum.Edit.ExecuteAsync(moderator, new EditPostCommand(id, 1, TestForum.QuestionBody + " (edited)", TestForum.QuestionTitle), Ct)).Succeeded);

        var result = await forum.Edit.ExecuteAsync(asker, QuestionEdit(id, expectedVersion: 1), Ct);

        Assert.Equal(WriteFailure.Conflict, result.Failure);
        Assert.Equal(EditPost.ConflictMessage, result.Message);
        var question = await forum.QuestionAsync(id);
        Assert.Equal(2, question.Version);
        Assert.Equal(TestForum.QuestionBody + " (edited)", question.Body);
        await using var db = forum.Db();
        Assert.Equal(2, await db.PostRevisions.CountAsync(r => r.PostId == id, Ct));
    }

    [Fact]
    public async Task TwoEditsFromTheSameVersionAtOnceSaveOnlyOne()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        var moderator = await forum.ModeratorAsync();

        var results = await Task.WhenAll(
            Task.Run(() => forum.Edit.ExecuteAsync(asker, QuestionEdit(id), Ct), Ct),
            Task.Run(() => forum.Edit.ExecuteAsync(moderator, QuestionEdit(id, summary: "Moderator edit"), Ct), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Failure == WriteFailure.Conflict);
        Assert.Equal(2, (await forum.QuestionAsync(id)).Version);
        await using var db = forum.Db();
        Assert.Equal(2, await db.PostRevisions.CountAsync(r => r.PostId == id, Ct));
    }

    [Fact]
    public async Task AnotherMemberCannotEditAPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Edit.ExecuteAsync(await forum.MemberAsync(), QuestionEdit(id), Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("Only the author, a moderator or a member with 2,000 reputation can edit this post.", result.Message);
        var question = await forum.QuestionAsync(id);
        Assert.Equal(1, question.Version);
        Assert.Equal(TestForum.QuestionBody, question.Body);
    }

    [Fact]
    public async Task AModeratorMayEditSomeoneElsesPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        var moderator = await forum.ModeratorAsync();

        var result = await forum.Edit.ExecuteAsync(moderator, QuestionEdit(id), Ct);

        Assert.True(result.Succeeded, result.Message);
        await using var db = forum.Db();
        Assert.Equal(moderator.UserId, (await db.PostRevisions.SingleAsync(r => r.PostId == id && r.Number == 2, Ct)).EditorId);
    }

    [Fact]
    public async Task TheAuthorCannotEditTheirDeletedPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(asker, id, Ct);

        var result = await forum.Edit.ExecuteAsync(asker, QuestionEdit(id), Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal(1, (await forum.QuestionAsync(id)).Version);
    }

    [Fact]
    public async Task AnInvalidEditReturnsAnErrorPerFieldAndSavesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);

        var result = await forum.Edit.ExecuteAsync(asker, new EditPostCommand(id, 1, "short", "short", ["nope"], new string('s', 201)), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(["Body", "Summary", "Tags", "Title"], result.FieldErrors.Keys.Order());
        Assert.Equal("Keep the edit summary to 200 characters.", result.FieldErrors["Summary"]);
        var question = await forum.QuestionAsync(id);
        Assert.Equal(1, question.Version);
        Assert.Equal(TestForum.QuestionTitle, question.Title);
        await using var db = forum.Db();
        Assert.Equal(1, await db.PostRevisions.CountAsync(Ct));
    }
}
