using Community.Domain.Posting;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class AcceptAnswerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Discussion(TestForum Forum, Actor Asker, int Question, int First, int Second) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Forum.DisposeAsync();
    }

    private static async Task<Discussion> ThreadAsync()
    {
        var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var first = await forum.AnswerAsync(await forum.MemberAsync(), question);
        var second = await forum.AnswerAsync(await forum.MemberAsync(), question);
        return new Discussion(forum, asker, question, first, second);
    }

    [Fact]
    public async Task TheAskerAcceptsAnAnswer()
    {
        await using var t = await ThreadAsync();
        t.Forum.Time.Advance(TimeSpan.FromHours(1));

        var result = await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(t.First, result.Value);
        var question = await t.Forum.QuestionAsync(t.Question);
        Assert.Equal(t.First, question.AcceptedAnswerId);
        Assert.True(question.IsResolved);
        Assert.Equal(TestForum.Start.UtcDateTime.AddHours(1), question.LastActivityAt);
    }

    [Fact]
    public async Task AcceptingTheSameAnswerTwiceIsHarmless()
    {
        await using var t = await ThreadAsync();
        await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        var again = await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        Assert.True(again.Succeeded);
        Assert.Equal(t.First, (await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task TheAskerChangesTheAcceptedAnswer()
    {
        await using var t = await ThreadAsync();
        await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        var result = await t.Forum.Accept.AcceptAsync(t.Asker, t.Second, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(t.Second, (await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task TheAskerWithdrawsTheAcceptance()
    {
        await using var t = await ThreadAsync();
        await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        var result = await t.Forum.Accept.WithdrawAsync(t.Asker, t.Question, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null((await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task SomeoneWhoDidNotAskCannotAccept()
    {
        await using var t = await ThreadAsync();

        var result = await t.Forum.Accept.AcceptAsync(await t.Forum.MemberAsync(), t.First, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("Only the person who asked can accept an answer.", result.Message);
        Assert.Null((await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task AModeratorWhoDidNotAskCannotAccept()
    {
        await using var t = await ThreadAsync();

        var result = await t.Forum.Accept.AcceptAsync(await t.Forum.ModeratorAsync(), t.First, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Null((await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task SomeoneWhoDidNotAskCannotWithdrawTheAcceptance()
    {
        await using var t = await ThreadAsync();
        await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        var result = await t.Forum.Accept.WithdrawAsync(await t.Forum.MemberAsync(), t.Question, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal(t.First, (await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task ADeletedAnswerCannotBeAccepted()
    {
        await using var t = await ThreadAsync();
        await t.Forum.Delete.DeleteAsync(await t.Forum.ModeratorAsync(), t.First, Ct);

        var result = await t.Forum.Accept.AcceptAsync(t.Asker, t.First, Ct);

        Assert.False(result.Succeeded);
        Assert.Null((await t.Forum.QuestionAsync(t.Question)).AcceptedAnswerId);
    }

    [Fact]
    public async Task AQuestionCannotBeAcceptedAsAnAnswer()
    {
        await using var t = await ThreadAsync();

        var result = await t.Forum.Accept.AcceptAsync(t.Asker, t.Question, Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
    }
}
