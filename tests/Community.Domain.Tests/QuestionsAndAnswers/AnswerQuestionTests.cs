using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

public sealed class AnswerQuestionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnsweringSavesTheAnswerWithItsRevision()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();

        var result = await forum.Answer.ExecuteAsync(answerer, new AnswerQuestionCommand(question, "Move the **update window** to the afternoon."), Ct);

        Assert.True(result.Succeeded, result.Message);
        await using var db = forum.Db();
        var answer = await db.Answers.SingleAsync(a => a.Id == result.Value, Ct);
        Assert.Equal(question, answer.QuestionId);
        Assert.Equal(answerer.UserId, answer.AuthorId);
        Assert.Contains("<strong>update window</strong>", answer.BodyHtml);
        var revision = await db.PostRevisions.SingleAsync(r => r.PostId == answer.Id, Ct);
        Assert.Equal(1, revision.Number);
        Assert.Null(revision.Title);
        Assert.Null(revision.Tags);
    }

    [Fact]
    public async Task AnsweringCountsTheAnswerOnTheQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        await forum.AnswerAsync(await forum.MemberAsync(), question);
        await forum.AnswerAsync(await forum.MemberAsync(), question);

        Assert.Equal(2, (await forum.QuestionAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task AnsweringMovesTheQuestionsLastActivity()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        forum.Time.Advance(TimeSpan.FromHours(3));

        await forum.AnswerAsync(await forum.MemberAsync(), question);

        Assert.Equal(TestForum.Start.UtcDateTime.AddHours(3), (await forum.QuestionAsync(question)).LastActivityAt);
    }

    [Fact]
    public async Task AClosedQuestionTakesNoAnswers()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        Assert.True((await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(question, CloseReason.OffTopic), Ct)).Succeeded);

        var result = await forum.Answer.ExecuteAsync(await forum.MemberAsync(), new AnswerQuestionCommand(question, TestForum.AnswerBody), Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("This question is closed, so it takes no new answers.", result.Message);
        var closed = await forum.QuestionAsync(question);
        Assert.Equal(0, closed.AnswerCount);
        await using var db = forum.Db();
        Assert.Equal(0, await db.Answers.CountAsync(Ct));
    }

    [Fact]
    public async Task ADeletedQuestionIsNotFoundForOthers()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(asker, question, Ct);

        var result = await forum.Answer.ExecuteAsync(await forum.MemberAsync(), new AnswerQuestionCommand(question, TestForum.AnswerBody), Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task ATooShortAnswerIsAFieldErrorAndSavesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Answer.ExecuteAsync(await forum.MemberAsync(), new AnswerQuestionCommand(question, "Reboot it."), Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(["Body"], result.FieldErrors.Keys);
        Assert.Equal(0, (await forum.QuestionAsync(question)).AnswerCount);
    }

    [Fact]
    public async Task TheSameAnswerPostedTwiceMakesOneAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var command = new AnswerQuestionCommand(question, TestForum.AnswerBody, "answer-form-1");

        var first = await forum.Answer.ExecuteAsync(answerer, command, Ct);
        var second = await forum.Answer.ExecuteAsync(answerer, command, Ct);

        Assert.Equal(first.Value, second.Value);
        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Answers.CountAsync(Ct));
    }

    [Fact]
    public async Task TheSameAnswerPostedTwiceAtOnceMakesOneAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerer = await forum.MemberAsync();
        var command = new AnswerQuestionCommand(question, TestForum.AnswerBody, "answer-form-1");

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => forum.Answer.ExecuteAsync(answerer, command, Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(results[0].Value, results[1].Value);
        Assert.Equal(1, (await forum.QuestionAsync(question)).AnswerCount);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Answers.CountAsync(Ct));
    }

    [Fact]
    public async Task TenMembersAnsweringAtOnceAreAllCounted()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answerers = await forum.MembersAsync(10);

        var results = await Task.WhenAll(answerers.Select(a => Task.Run(() => forum.Answer.ExecuteAsync(a, new AnswerQuestionCommand(question, TestForum.AnswerBody), Ct), Ct)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(10, (await forum.QuestionAsync(question)).AnswerCount);
    }
}
