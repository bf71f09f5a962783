using Community.Domain.Audit;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Review;

/// <summary>Members with 3,000 reputation close and reopen questions together; a moderator alone.</summary>
public sealed class CloseVoteTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task ThreeVotesCloseTheQuestionForTheReasonMostGaveAndSpendTheVotes()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voters = new List<Actor>();
        for (var i = 0; i < 3; i++)
            voters.Add(await review.HoldingAsync(Privilege.VoteToClose, $"Closer {i}"));

        var first = await review.CloseVotes.CastAsync(voters[0], new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.NeedsDetails), Ct);
        Assert.Equal(new CloseVoteTally(CloseVoteKind.Close, 1, 3, false), first.Value);
        await review.CloseVotes.CastAsync(voters[1], new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.OffTopic), Ct);
        Assert.Null((await forum.QuestionAsync(question)).ClosedAt);
        Assert.Equal(2, (await review.Queues.ForQuestionAsync(question, voters[0].UserId, Ct)).CloseVotes);
        var third = await review.CloseVotes.CastAsync(voters[2], new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.NeedsDetails), Ct);

        Assert.True(third.Value!.Decided);
        var closed = await forum.QuestionAsync(question);
        Assert.NotNull(closed.ClosedAt);
        Assert.Equal(CloseReason.NeedsDetails, closed.CloseReason);
        Assert.Null(closed.ClosedById);
        Assert.Equal(0, (await review.Queues.ForQuestionAsync(question, null, Ct)).CloseVotes);
        await using var db = forum.Db();
        var audit = await db.AuditEntries.SingleAsync(e => e.Action == AuditActions.QuestionClosedByVotes, Ct);
        Assert.Contains("Closer 0, Closer 1, Closer 2", audit.Details);
    }

    [Fact]
    public async Task AVoteCountsOnceAndCanBeTakenBack()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await review.HoldingAsync(Privilege.VoteToClose);
        var command = new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.OffTopic);

        var results = await Task.WhenAll(review.CloseVotes.CastAsync(voter, command, Ct), review.CloseVotes.CastAsync(voter, command, Ct));
        Assert.All(results, r => Assert.True(r.Succeeded, r.Message));
        Assert.Equal(1, (await review.Queues.ForQuestionAsync(question, voter.UserId, Ct)).CloseVotes);
        Assert.True((await review.Queues.ForQuestionAsync(question, voter.UserId, Ct)).VotedClose);

        var retracted = await review.CloseVotes.RetractAsync(voter, question, CloseVoteKind.Close, Ct);
        Assert.Equal(0, retracted.Value!.Votes);
    }

    [Fact]
    public async Task MembersBelowTheThresholdCannotVoteAndAModeratorsVoteIsBinding()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var original = await forum.AskAsync(await forum.MemberAsync(), "How do I move the update window?");

        var refused = await review.CloseVotes.CastAsync(await review.BelowAsync(Privilege.VoteToClose), new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.OffTopic), Ct);
        Assert.Equal(WriteFailure.Forbidden, refused.Failure);
        Assert.Contains("3,000", refused.Message);
        var noOriginal = await review.CloseVotes.CastAsync(await forum.ModeratorAsync(), new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.Duplicate), Ct);
        Assert.Contains("DuplicateOf", noOriginal.FieldErrors.Keys);

        var moderator = await forum.ModeratorAsync();
        var binding = await review.CloseVotes.CastAsync(moderator, new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.Duplicate, original), Ct);

        Assert.True(binding.Value!.Decided);
        var closed = await forum.QuestionAsync(question);
        Assert.Equal(original, closed.DuplicateOfId);
        Assert.Equal(moderator.UserId, closed.ClosedById);
    }

    [Fact]
    public async Task ReopenVotesReopenAClosedQuestionAndVotesAgeAwayAfterTheirLifetime()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        await forum.Close.CloseAsync(await forum.ModeratorAsync(), new CloseQuestionCommand(question, CloseReason.OffTopic), Ct);
        var voters = new List<Actor>();
        for (var i = 0; i < 3; i++)
            voters.Add(await review.HoldingAsync(Privilege.VoteToClose));

        Assert.Equal(WriteFailure.Forbidden, (await review.CloseVotes.CastAsync(voters[0], new CloseVoteCommand(question, CloseVoteKind.Close, CloseReason.OffTopic), Ct)).Failure);
        await review.CloseVotes.CastAsync(voters[0], new CloseVoteCommand(question, CloseVoteKind.Reopen), Ct);
        await review.CloseVotes.CastAsync(voters[1], new CloseVoteCommand(question, CloseVoteKind.Reopen), Ct);
        forum.Time.Advance(TimeSpan.FromDays(forum.Privileges.CloseVoteLifetimeDays));
        var late = await review.CloseVotes.CastAsync(voters[2], new CloseVoteCommand(question, CloseVoteKind.Reopen), Ct);
        Assert.Equal(new CloseVoteTally(CloseVoteKind.Reopen, 1, 3, false), late.Value);
        Assert.NotNull((await forum.QuestionAsync(question)).ClosedAt);

        // The first voters vote again after their votes aged away: now three live votes reopen it.
        await review.CloseVotes.CastAsync(voters[0], new CloseVoteCommand(question, CloseVoteKind.Reopen), Ct);
        var decisive = await review.CloseVotes.CastAsync(voters[1], new CloseVoteCommand(question, CloseVoteKind.Reopen), Ct);
        Assert.True(decisive.Value!.Decided);
        Assert.Null((await forum.QuestionAsync(question)).ClosedAt);
        Assert.DoesNotContain(await review.Queues.CloseVotesAsync(cancellationToken: Ct), q => q.QuestionId == question);
    }
}
