using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Comments;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Moderation;

/// <summary>Raising flags on real SQLite: one per member, the daily limit, the privilege, and the automatic hold.</summary>
public sealed class FlagTests
{
    private static CancellationToken Ct => ModerationForum.Ct;

    [Fact]
    public async Task ThreeSpamFlagsHideAnAnswerFromEveryoneButItsAuthorAndModerators()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (asker, answerer, questionId, answerId) = await m.ThreadAsync();
        var flaggers = await m.Forum.MembersAsync(3);

        Assert.False((await m.Flags.ExecuteAsync(flaggers[0], new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.Spam), Ct)).Value!.Held);
        Assert.False((await m.Flags.ExecuteAsync(flaggers[1], new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.RudeOrAbusive), Ct)).Value!.Held);
        Assert.Single((await m.Queries.ThreadAsync(questionId, null, Ct))!.Answers);
        var third = await m.Flags.ExecuteAsync(flaggers[2], new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.Spam), Ct);

        Assert.True(third.Value!.Held);
        Assert.Empty((await m.Queries.ThreadAsync(questionId, null, Ct))!.Answers);
        Assert.Empty((await m.Queries.ThreadAsync(questionId, asker, Ct))!.Answers);
        var seenByAuthor = Assert.Single((await m.Queries.ThreadAsync(questionId, answerer, Ct))!.Answers);
        Assert.Equal(Holds.FlaggedReason, seenByAuthor.HiddenReason);
        Assert.Single((await m.Queries.ThreadAsync(questionId, await m.Forum.ModeratorAsync(), Ct))!.Answers);
        Assert.Equal(0, (await m.Forum.QuestionAsync(questionId)).AnswerCount);
        var held = Assert.Single(await m.AuditAsync());
        Assert.Equal((ModerationAuditActions.Held, null, answerId.ToString()), (held.Action, held.ActorId, held.TargetId));
    }

    [Fact]
    public async Task AHeldQuestionLeavesEveryListAndCountAndCannotBeVotedOrAnsweredByOthers()
    {
        await using var m = await ModerationForum.CreateAsync();
        var author = await m.Forum.MemberAsync();
        var questionId = await m.Forum.AskAsync(author, "Cheap watches for sale here today");
        var other = await m.Forum.MemberAsync();

        await m.FlagAsync(await m.Forum.ModeratorAsync(), questionId);

        Assert.DoesNotContain(await m.Queries.RecentAsync(cancellationToken: Ct), q => q.Id == questionId);
        Assert.Empty(await m.Queries.ByAuthorAsync(author.UserId, 10, Ct));
        Assert.Equal(0, await m.Queries.CountAsync(cancellationToken: Ct));
        Assert.Equal(0, (await new TagQueries(m.Forum.Database, m.Forum.Time).FindAsync("wifi", Ct))!.QuestionCount);
        Assert.Null(await m.Queries.ThreadAsync(questionId, other, Ct));
        Assert.Equal(WriteFailure.NotFound, (await m.Vote.ExecuteAsync(other, questionId, 1, Ct)).Failure);
        Assert.Equal(WriteFailure.NotFound, (await m.Answer.ExecuteAsync(other, new AnswerQuestionCommand(questionId, TestForum.AnswerBody), Ct)).Failure);
        Assert.Equal(Holds.ModeratorFlagReason, (await m.Queries.ThreadAsync(questionId, author, Ct))!.HiddenReason);
    }

    [Fact]
    public async Task AMemberFlagsAPostOnceAndIsToldTheSecondTime()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, _, answerId) = await m.ThreadAsync();
        var flagger = await m.Forum.MemberAsync();
        await m.FlagAsync(flagger, answerId, FlagReason.OffTopic);

        var again = await m.Flags.ExecuteAsync(flagger, new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.Spam), Ct);

        Assert.Equal((WriteFailure.Conflict, RaiseFlag.AlreadyFlagged), (again.Failure, again.Message));
        Assert.Single(await m.FlagsOnAsync(answerId));
    }

    [Fact]
    public async Task TheSameFlagSentTwiceAtOnceIsSavedOnce()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, _, answerId) = await m.ThreadAsync();
        var flagger = await m.Forum.MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            m.Flags.ExecuteAsync(flagger, new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.Spam), Ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(await m.FlagsOnAsync(answerId));
    }

    [Fact]
    public async Task TheDailyLimitCountsTheUtcDayAndResetsAtMidnight()
    {
        await using var m = await ModerationForum.CreateAsync(new ModerationOptions { DailyFlagLimit = 2 });
        var author = await m.Forum.MemberAsync();
        var questions = new List<int>();
        for (var i = 0; i < 4; i++)
            questions.Add(await m.Forum.AskAsync(author, $"Question number {i} about the router"));
        var flagger = await m.Forum.MemberAsync();
        await m.FlagAsync(flagger, questions[0], FlagReason.OffTopic);
        await m.FlagAsync(flagger, questions[1], FlagReason.OffTopic);

        var third = await m.Flags.ExecuteAsync(flagger, new RaiseFlagCommand(FlagTarget.Post(questions[2]), FlagReason.OffTopic), Ct);
        Assert.False(third.Succeeded);
        Assert.Contains("2 flags today", third.Message);

        m.Forum.Time.SetUtcNow(TestForum.Start.UtcDateTime.Date.AddDays(1));
        await m.FlagAsync(flagger, questions[2], FlagReason.OffTopic);
    }

    [Fact]
    public async Task FlaggingNeedsTheFlagPrivilege()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, _, answerId) = await m.ThreadAsync();
        var newcomer = await m.Forum.MemberWithReputationAsync(1);

        var refused = await m.Flags.ExecuteAsync(newcomer, new RaiseFlagCommand(FlagTarget.Post(answerId), FlagReason.Spam), Ct);

        Assert.Equal(WriteFailure.Forbidden, refused.Failure);
        Assert.Contains("Flagging posts needs 15 reputation", refused.Message);
    }

    [Fact]
    public async Task ACommentReachingTheWeightIsHiddenButItsAuthorStillSeesIt()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (asker, answerer, questionId, answerId) = await m.ThreadAsync();
        var comment = await m.Comment.ExecuteAsync(answerer, new AddCommentCommand(answerId, "Visit my shop for better routers now."), Ct);
        var flaggers = await m.Forum.MembersAsync(3);

        foreach (var flagger in flaggers)
            Assert.True((await m.Flags.ExecuteAsync(flagger, new RaiseFlagCommand(FlagTarget.Comment(comment.Value), FlagReason.Spam), Ct)).Succeeded);

        Assert.Empty((await m.Queries.ThreadAsync(questionId, asker, Ct))!.Answers.Single().Comments);
        Assert.Equal(Holds.FlaggedReason, (await m.Queries.ThreadAsync(questionId, answerer, Ct))!.Answers.Single().Comments.Single().HiddenReason);
    }

    [Fact]
    public async Task TheFlaggerSeesTheirFlagsAndTheirDailyAllowance()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        var flagger = await m.Forum.MemberAsync();
        await m.FlagAsync(flagger, answerId, FlagReason.Other, "Copied from the vendor's site");

        var mine = await m.MyFlags.ForAsync(flagger.UserId, cancellationToken: Ct);

        Assert.Equal((0, 0, 1, 1, 10), (mine.Helpful, mine.Declined, mine.Pending, mine.RaisedToday, mine.DailyLimit));
        var flag = Assert.Single(mine.Flags);
        Assert.Equal(FlagStatus.Pending, flag.Status);
        Assert.Equal($"Answer to {TestForum.QuestionTitle}", flag.Title);
        Assert.EndsWith($"#answer-{answerId}", flag.Url);
        Assert.StartsWith($"questions/{questionId}/", flag.Url);
    }
}
