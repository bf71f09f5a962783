using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Posting;

public sealed class DeletePostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeletingKeepsTheRowAndMarksWhenAndByWhom()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        forum.Time.Advance(TimeSpan.FromHours(2));

        var result = await forum.Delete.DeleteAsync(asker, id, Ct);

        Assert.True(result.Succeeded, result.Message);
        var post = await forum.PostAsync(id);
        Assert.Equal(TestForum.Start.UtcDateTime.AddHours(2), post.DeletedAt);
        Assert.Equal(asker.UserId, post.DeletedById);
        Assert.Equal(TestForum.QuestionBody, post.Body);
        Assert.NotEqual("", post.BodyHtml);
    }

    [Fact]
    public async Task DeletingAnAnswerTakesItOffTheAnswerCount()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.AnswerAsync(await forum.MemberAsync(), question);

        await forum.Delete.DeleteAsync(answerer, answer, Ct);

        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
        await using var db = forum.Db();
        Assert.Equal(2, await db.Answers.CountAsync(Ct));
    }

    [Fact]
    public async Task UndeletingAnAnswerPutsItBackOnTheAnswerCount()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.Delete.DeleteAsync(answerer, answer, Ct);

        var result = await forum.Delete.UndeleteAsync(answerer, answer, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
        var post = await forum.PostAsync(answer);
        Assert.Null(post.DeletedAt);
        Assert.Null(post.DeletedById);
    }

    [Fact]
    public async Task DeletingTwiceCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.Delete.DeleteAsync(answerer, answer, Ct);

        var again = await forum.Delete.DeleteAsync(answerer, answer, Ct);

        Assert.Equal(WriteFailure.Forbidden, again.Failure);
        Assert.Equal(0, (await forum.QuestionAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task AnotherMemberCannotDeleteAPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Delete.DeleteAsync(await forum.MemberAsync(), id, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Null((await forum.PostAsync(id)).DeletedAt);
    }

    [Fact]
    public async Task TheAuthorCannotUndeleteWhatAModeratorDeleted()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(await forum.ModeratorAsync(), id, Ct);

        var result = await forum.Delete.UndeleteAsync(asker, id, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("A moderator deleted this post; only a moderator can undelete it.", result.Message);
        Assert.NotNull((await forum.PostAsync(id)).DeletedAt);
    }

    [Fact]
    public async Task AModeratorUndeletesWhatAModeratorDeleted()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        await forum.Delete.DeleteAsync(await forum.ModeratorAsync(), id, Ct);

        var result = await forum.Delete.UndeleteAsync(await forum.ModeratorAsync(), id, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null((await forum.PostAsync(id)).DeletedAt);
    }

    [Fact]
    public async Task AnotherMemberCannotEvenFindADeletedPostToUndelete()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(asker, id, Ct);

        var result = await forum.Delete.UndeleteAsync(await forum.MemberAsync(), id, Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task TheAuthorCannotDeleteTheirAcceptedAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.Accept.AcceptAsync(asker, answer, Ct);

        var result = await forum.Delete.DeleteAsync(answerer, answer, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Null((await forum.PostAsync(answer)).DeletedAt);
        Assert.Equal(answer, (await forum.QuestionAsync(question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task AModeratorDeletingTheAcceptedAnswerClearsTheAcceptance()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), question);
        await forum.Accept.AcceptAsync(asker, answer, Ct);

        var result = await forum.Delete.DeleteAsync(await forum.ModeratorAsync(), answer, Ct);

        Assert.True(result.Succeeded, result.Message);
        var after = await forum.QuestionAsync(question);
        Assert.Null(after.AcceptedAnswerId);
        Assert.Equal(0, after.AnswerCount);
        Assert.NotNull((await forum.PostAsync(answer)).DeletedAt);
    }

    [Fact]
    public async Task DeletingAPostThatDoesNotExistIsNotFound()
    {
        await using var forum = await TestForum.CreateAsync();

        var result = await forum.Delete.DeleteAsync(await forum.ModeratorAsync(), 4711, Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task TheSameDeleteSentTenTimesAtOnceCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.AnswerAsync(await forum.MemberAsync(), question);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => forum.Delete.DeleteAsync(answerer, answer, Ct), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task TheSameUndeleteSentTenTimesAtOnceCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.Delete.DeleteAsync(answerer, answer, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => forum.Delete.UndeleteAsync(answerer, answer, Ct), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
    }
}
