using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class CloseQuestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AModeratorClosesAQuestionAsADuplicateOfAnother()
    {
        await using var forum = await TestForum.CreateAsync();
        var original = await forum.AskAsync(await forum.MemberAsync());
        var duplicate = await forum.AskAsync(await forum.MemberAsync());
        var moderator = await forum.ModeratorAsync();
        forum.Time.Advance(TimeSpan.FromHours(1));

        var result = await forum.Close.CloseAsync(moderator, new CloseQuestionCommand(duplicate, CloseReason.Duplicate, original), Ct);

        Assert.True(result.Succeeded, result.Message);
        var closed = await forum.QuestionAsync(duplicate);
        Assert.True(closed.IsClosed);
        Assert.Equal(TestForum.Start.UtcDateTime.AddHours(1), closed.ClosedAt);
        Assert.Equal(moderator.UserId, closed.ClosedById);
        Assert.Equal(CloseReason.Duplicate, closed.CloseReason);
        Assert.Equal(original, closed.DuplicateOfId);
    }

    [Fact]
    public async Task ClosingForAnotherReasonKeepsNoDuplicateTarget()
    {
        await using var forum = await TestForum.CreateAsync();
        var other = await forum.AskAsync(await forum.MemberAsync());
        var id = await forum.AskAsync(await forum.MemberAsync());

        await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.OffTopic, other), Ct);

        var closed = await forum.QuestionAsync(id);
        Assert.Equal(CloseReason.OffTopic, closed.CloseReason);
        Assert.Null(closed.DuplicateOfId);
    }

    [Fact]
    public async Task ADuplicateWithoutATargetIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.Duplicate), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal("Give the number of the question this one duplicates.", result.FieldErrors["DuplicateOf"]);
        Assert.False((await forum.QuestionAsync(id)).IsClosed);
    }

    [Fact]
    public async Task AQuestionCannotDuplicateItself()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.Duplicate, id), Ct);

        Assert.Equal(["DuplicateOf"], result.FieldErrors.Keys);
        Assert.False((await forum.QuestionAsync(id)).IsClosed);
    }

    [Fact]
    public async Task ADuplicateOfAQuestionThatDoesNotExistIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.Duplicate, 4711), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal("There is no question number 4711 to point to.", result.FieldErrors["DuplicateOf"]);
        Assert.False((await forum.QuestionAsync(id)).IsClosed);
    }

    [Fact]
    public async Task ADuplicateOfAnAnswerIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();
        var other = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), other);
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.Duplicate, answer), Ct);

        Assert.Equal(["DuplicateOf"], result.FieldErrors.Keys);
    }

    [Fact]
    public async Task ADuplicateOfADeletedQuestionIsAFieldError()
    {
        await using var forum = await TestForum.CreateAsync();
        var moderator = await forum.ModeratorAsync();
        var original = await forum.AskAsync(await forum.MemberAsync());
        await forum.Delete.DeleteAsync(moderator, original, Ct);
        var id = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Close.CloseAsync(moderator, new CloseQuestionCommand(id, CloseReason.Duplicate, original), Ct);

        Assert.Equal(["DuplicateOf"], result.FieldErrors.Keys);
    }

    [Fact]
    public async Task AMemberCannotCloseAQuestionEvenTheirOwn()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);

        var result = await forum.Close.CloseAsync(asker, new CloseQuestionCommand(id, CloseReason.NeedsDetails), Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("Only moderators can close or reopen questions.", result.Message);
        Assert.False((await forum.QuestionAsync(id)).IsClosed);
    }

    [Fact]
    public async Task ReopeningClearsTheClosure()
    {
        await using var forum = await TestForum.CreateAsync();
        var original = await forum.AskAsync(await forum.MemberAsync());
        var id = await forum.AskAsync(await forum.MemberAsync());
        var moderator = await forum.ModeratorAsync();
        await forum.Close.CloseAsync(moderator, new CloseQuestionCommand(id, CloseReason.Duplicate, original), Ct);

        var result = await forum.Close.ReopenAsync(moderator, id, Ct);

        Assert.True(result.Succeeded, result.Message);
        var reopened = await forum.QuestionAsync(id);
        Assert.False(reopened.IsClosed);
        Assert.Null(reopened.ClosedById);
        Assert.Null(reopened.CloseReason);
        Assert.Null(reopened.DuplicateOfId);
    }

    [Fact]
    public async Task AReopenedQuestionTakesAnswersAgain()
    {
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        var moderator = await forum.ModeratorAsync();
        await forum.Close.CloseAsync(moderator, new CloseQuestionCommand(id, CloseReason.NeedsDetails), Ct);
        await forum.Close.ReopenAsync(moderator, id, Ct);

        await forum.AnswerAsync(await forum.MemberAsync(), id);

        Assert.Equal(1, (await forum.QuestionAsync(id)).AnswerCount);
    }

    [Fact]
    public async Task AMemberCannotReopenAQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var id = await forum.AskAsync(asker);
        await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(id, CloseReason.OffTopic), Ct);

        var result = await forum.Close.ReopenAsync(asker, id, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.True((await forum.QuestionAsync(id)).IsClosed);
    }
}
