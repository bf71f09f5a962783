using Community.Domain.Badges;
using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Moderation;

/// <summary>The review queue and its actions on real SQLite, including two moderators acting on the same flags at once.</summary>
public sealed class ReviewQueueTests
{
    private static CancellationToken Ct => ModerationForum.Ct;

    [Fact]
    public async Task PendingFlagsAreGroupedByPostHeldAndHeaviestFirstThenOldest()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        var other = await m.Forum.AskAsync(await m.Forum.MemberAsync(), "Another question about the mesh network");
        var flaggers = await m.Forum.MembersAsync(4);
        var moderator = await m.Forum.ModeratorAsync();
        await m.FlagAsync(flaggers[0], questionId, FlagReason.OffTopic);
        m.Forum.Time.Advance(TimeSpan.FromMinutes(5));
        await m.FlagAsync(flaggers[1], other, FlagReason.OffTopic);
        await m.FlagAsync(flaggers[2], other, FlagReason.Other, "Looks like a copy of question 1");
        m.Forum.Time.Advance(TimeSpan.FromMinutes(5));
        await m.FlagAsync(moderator, answerId, FlagReason.Spam);

        var queue = await m.Queue.PendingAsync(moderator, Ct);

        Assert.Equal([answerId, other, questionId], queue.Select(i => i.Target.PostId!.Value));
        Assert.True(queue[0].IsHeld);
        Assert.Equal(2, queue[1].Flags.Count);
        Assert.Equal("answer", queue[0].Kind);
        Assert.Equal("Spammy Answerer", queue[0].Author.DisplayName);
        Assert.Equal(1, queue[0].Author.Posts);
    }

    [Fact]
    public async Task DismissingDeclinesTheFlagsReleasesTheHoldAndTellsTheFlaggers()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        var flaggers = await m.Forum.MembersAsync(3);
        foreach (var f in flaggers) await m.FlagAsync(f, answerId);
        var moderator = await m.Forum.ModeratorAsync();
        var item = await m.ItemAsync(moderator, answerId);

        var result = await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(item, FlagDecision.Dismiss), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Single((await m.Queries.ThreadAsync(questionId, null, Ct))!.Answers);
        Assert.Equal(1, (await m.Forum.QuestionAsync(questionId)).AnswerCount);
        Assert.All(await m.FlagsOnAsync(answerId), f => Assert.Equal((FlagStatus.Declined, moderator.UserId), (f.Status, f.HandledById)));
        Assert.Empty(await m.Queue.PendingAsync(moderator, Ct));
        var mine = await m.MyFlags.ForAsync(flaggers[0].UserId, cancellationToken: Ct);
        Assert.Equal(FlagRules.DeclinedOutcome, mine.Flags.Single().Outcome);
        Assert.Contains(FlagRules.DeclinedOutcome, (await m.Notices.RecentAsync(flaggers[0].UserId, cancellationToken: Ct)).Single().Text);
        Assert.Equal([ModerationAuditActions.Held, ModerationAuditActions.FlagsDismissed, ModerationAuditActions.Released], (await m.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task AcceptingAndDeletingMarksFlagsHelpfulDeletesThePostAndAwardsCitizenPatrol()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, answerer, questionId, answerId) = await m.ThreadAsync();
        var flagger = await m.Forum.MemberAsync();
        await m.FlagAsync(flagger, answerId);
        var moderator = await m.Forum.ModeratorAsync();

        var result = await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(await m.ItemAsync(moderator, answerId), FlagDecision.Accept, PostAction.Delete), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.True((await m.Forum.PostAsync(answerId)).IsDeleted);
        Assert.Equal(0, (await m.Forum.QuestionAsync(questionId)).AnswerCount);
        var flag = Assert.Single(await m.FlagsOnAsync(answerId));
        Assert.Equal(FlagStatus.Helpful, flag.Status);
        Assert.Equal("Helpful: a moderator agreed and deleted the answer.", flag.Outcome);
        await using var db = m.Forum.Db();
        Assert.True(await db.BadgeAwards.AnyAsync(a => a.UserId == flagger.UserId && a.BadgeId == BadgeCatalogue.CitizenPatrol.Id, Ct));
        Assert.Equal([ModerationAuditActions.FlagsAccepted, ModerationAuditActions.Deleted], (await m.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task TheSecondModeratorOnTheSameFlagsIsToldWhoHandledThemAndNothingHappensTwice()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), answerId);
        var first = await m.Forum.ModeratorAsync("First Moderator");
        var second = await m.Forum.ModeratorAsync("Second Moderator");
        var seenByFirst = await m.ItemAsync(first, answerId);
        var seenBySecond = await m.ItemAsync(second, answerId);

        Assert.True((await m.Handle.ExecuteAsync(first, ModerationForum.Command(seenByFirst, FlagDecision.Dismiss), Ct)).Succeeded);
        var late = await m.Handle.ExecuteAsync(second, ModerationForum.Command(seenBySecond, FlagDecision.Accept, PostAction.Delete), Ct);

        Assert.Equal(WriteFailure.Conflict, late.Failure);
        Assert.StartsWith("First Moderator already declined these flags", late.Message);
        Assert.False((await m.Forum.PostAsync(answerId)).IsDeleted);
        Assert.Single(await m.AuditAsync(), e => e.Action == ModerationAuditActions.FlagsDismissed);
    }

    [Fact]
    public async Task TwoModeratorsActingAtTheSameMomentOneWinsAndTheOtherIsTold()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, _, answerId) = await m.ThreadAsync();
        foreach (var f in await m.Forum.MembersAsync(3)) await m.FlagAsync(f, answerId);
        var moderators = new[] { await m.Forum.ModeratorAsync(), await m.Forum.ModeratorAsync() };
        var items = await Task.WhenAll(moderators.Select(mod => m.ItemAsync(mod, answerId)));

        var results = await Task.WhenAll(
            m.Handle.ExecuteAsync(moderators[0], ModerationForum.Command(items[0], FlagDecision.Accept, PostAction.Delete), Ct),
            m.Handle.ExecuteAsync(moderators[1], ModerationForum.Command(items[1], FlagDecision.Dismiss), Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(WriteFailure.Conflict, Assert.Single(results, r => !r.Succeeded).Failure);
        var flags = await m.FlagsOnAsync(answerId);
        Assert.Single(flags.Select(f => (f.Status, f.HandledById)).Distinct());
        var audit = await m.AuditAsync();
        Assert.Equal(1, audit.Count(e => e.Action is ModerationAuditActions.FlagsAccepted or ModerationAuditActions.FlagsDismissed));
    }

    [Fact]
    public async Task ReviewersSeeAndSettleLowSeverityFlagsButNotSpam()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), questionId, FlagReason.OffTopic);
        await m.FlagAsync(await m.Forum.MemberAsync(), answerId, FlagReason.Spam);
        var reviewer = await m.Forum.MemberWithReputationAsync(10_000);
        var member = await m.Forum.MemberAsync();

        var queue = await m.Queue.PendingAsync(reviewer, Ct);
        Assert.Equal(questionId, Assert.Single(queue).Target.PostId);
        Assert.Empty(await m.Queue.PendingAsync(member, Ct));

        var deleting = await m.Handle.ExecuteAsync(reviewer, ModerationForum.Command(queue[0], FlagDecision.Accept, PostAction.Delete), Ct);
        Assert.Equal(WriteFailure.Forbidden, deleting.Failure);
        var spam = (await m.Queue.PendingAsync(await m.Forum.ModeratorAsync(), Ct)).Single(i => i.Target.PostId == answerId);
        Assert.Equal(WriteFailure.Forbidden, (await m.Handle.ExecuteAsync(reviewer, ModerationForum.Command(spam, FlagDecision.Dismiss), Ct)).Failure);
        Assert.Equal(WriteFailure.Forbidden, (await m.Handle.ExecuteAsync(member, ModerationForum.Command(queue[0], FlagDecision.Dismiss), Ct)).Failure);

        Assert.True((await m.Handle.ExecuteAsync(reviewer, ModerationForum.Command(queue[0], FlagDecision.Accept), Ct)).Succeeded);
        Assert.Equal(FlagStatus.Helpful, (await m.FlagsOnAsync(questionId)).Single().Status);
    }

    [Fact]
    public async Task AcceptingANeedsStaffAttentionFlagHandsItToStaff()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, answerId) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), answerId, FlagReason.NeedsStaffAttention, "The firmware link in this answer is a 404");
        var moderator = await m.Forum.ModeratorAsync();

        await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(await m.ItemAsync(moderator, answerId), FlagDecision.Accept), Ct);

        var request = Assert.Single(m.Handoff.Requests);
        Assert.Equal((questionId, (int?)answerId, (int?)null, moderator.UserId), (request.QuestionId, request.PostId, request.CommentId, request.ActorId));
        Assert.Equal(["The firmware link in this answer is a 404"], request.FlagNotes);
    }

    [Fact]
    public async Task LockingAThreadStopsMembersAnsweringCommentingVotingAndEditing()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (asker, answerer, questionId, answerId) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), questionId, FlagReason.RudeOrAbusive);
        var moderator = await m.Forum.ModeratorAsync();
        await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(await m.ItemAsync(moderator, questionId), FlagDecision.Accept, PostAction.Lock), Ct);
        var member = await m.Forum.MemberAsync();

        Assert.True((await m.Queries.ThreadAsync(questionId, null, Ct))!.IsLocked);
        Assert.Equal(ThreadLocks.Message, (await m.Answer.ExecuteAsync(member, new AnswerQuestionCommand(questionId, TestForum.AnswerBody), Ct)).Message);
        Assert.Equal(ThreadLocks.Message, (await m.Comment.ExecuteAsync(member, new Comments.AddCommentCommand(answerId, "A comment that is long enough."), Ct)).Message);
        Assert.Equal(ThreadLocks.Message, (await m.Vote.ExecuteAsync(member, answerId, 1, Ct)).Message);
        Assert.Equal(ThreadLocks.Message, (await m.Edit.ExecuteAsync(answerer, new EditPostCommand(answerId, 1, TestForum.AnswerBody + " Edited."), Ct)).Message);
        Assert.True((await m.Comment.ExecuteAsync(moderator, new Comments.AddCommentCommand(answerId, "Locked after repeated abuse."), Ct)).Succeeded);
    }

    [Fact]
    public async Task ClosingFromTheQueueClosesTheQuestionAsOffTopic()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, questionId, _) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), questionId, FlagReason.OffTopic);
        var moderator = await m.Forum.ModeratorAsync();

        var result = await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(await m.ItemAsync(moderator, questionId), FlagDecision.Accept, PostAction.Close), Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(CloseReason.OffTopic, (await m.Forum.QuestionAsync(questionId)).CloseReason);
    }

    [Fact]
    public async Task AcceptAndEditSendsTheModeratorToTheEditPage()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (_, _, _, answerId) = await m.ThreadAsync();
        await m.FlagAsync(await m.Forum.MemberAsync(), answerId, FlagReason.Other, "Has the customer's serial number in it");
        var moderator = await m.Forum.ModeratorAsync();

        var result = await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(await m.ItemAsync(moderator, answerId), FlagDecision.Accept, PostAction.Edit), Ct);

        Assert.Equal($"posts/{answerId}/edit", result.Value!.EditUrl);
    }
}
