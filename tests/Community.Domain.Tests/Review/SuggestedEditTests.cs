using Community.Domain.Audit;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Reputation;
using Community.Domain.Revisions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Review;

/// <summary>Below 2,000 reputation an edit of someone else's post is a suggestion that a reviewer approves or rejects.</summary>
public sealed class SuggestedEditTests
{
    private static CancellationToken Ct => TestForum.Ct;
    private const string Better = "Look at the scheduled firmware update window in the admin page (Settings → Updates); move it to daytime.";

    [Fact]
    public async Task AMemberBelowTheEditPrivilegeCannotEditButSuggestsAndTheApprovedSuggestionBecomesTheirRevision()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var author = await forum.MemberAsync("Answer Author");
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(author, question);
        var helper = await review.BelowAsync(Privilege.EditOthersPosts, "Helpful Newcomer");
        var reviewer = await review.HoldingAsync(Privilege.EditOthersPosts, "Seasoned Reviewer");
        var before = (await forum.ReputationOfAsync(helper)).Reputation;

        var direct = await forum.Edit.ExecuteAsync(helper, new EditPostCommand(answer, 1, Better), Ct);
        Assert.Equal(WriteFailure.Forbidden, direct.Failure);

        var suggested = await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(answer, 1, Better, null, null, "Named the settings page"), Ct);
        Assert.True(suggested.Succeeded, suggested.Message);
        Assert.Equal(TestForum.AnswerBody, (await forum.PostAsync(answer)).Body);
        var queued = Assert.Single(await review.Queues.PendingSuggestionsAsync(cancellationToken: Ct));
        Assert.Equal("Helpful Newcomer", queued.SuggesterName);
        Assert.Contains(queued.BodyDiff, l => l.Kind == DiffLineKind.Added && l.Text == Better);

        var approved = await review.Review.ApproveAsync(reviewer, suggested.Value, Ct);
        Assert.True(approved.Succeeded, approved.Message);

        var post = await forum.PostAsync(answer);
        Assert.Equal(Better, post.Body);
        Assert.Equal(2, post.Version);
        await using var db = forum.Db();
        var revision = await db.PostRevisions.Where(r => r.PostId == answer).OrderByDescending(r => r.Number).FirstAsync(Ct);
        Assert.Equal(helper.UserId, revision.EditorId);
        Assert.Equal("Named the settings page", revision.Summary);
        Assert.Equal(before + forum.Points.SuggestedEditApproved, (await forum.ReputationOfAsync(helper)).Reputation);
        Assert.Contains(await db.ReputationEntries.Where(e => e.UserId == helper.UserId).ToListAsync(Ct), e => e.Reason == ReputationReason.SuggestedEditApproved);
        Assert.Contains(await db.Notices.Where(n => n.UserId == helper.UserId).ToListAsync(Ct), n => n.Text.Contains("approved"));
        Assert.Contains(await db.AuditEntries.ToListAsync(Ct), e => e.Action == AuditActions.SuggestedEditApproved && e.ActorId == reviewer.UserId);
        Assert.Empty(await review.Queues.PendingSuggestionsAsync(cancellationToken: Ct));
    }

    [Fact]
    public async Task MembersWhoCanEditDirectlyAreToldToAndNobodyReviewsTheirOwnSuggestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var editor = await review.HoldingAsync(Privilege.EditOthersPosts);
        var helper = await review.BelowAsync(Privilege.EditOthersPosts);
        var bystander = await review.BelowAsync(Privilege.EditOthersPosts);

        Assert.Equal(WriteFailure.Forbidden, (await review.Suggest.ExecuteAsync(editor, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "x"), Ct)).Failure);
        Assert.Equal(WriteFailure.Forbidden, (await review.Suggest.ExecuteAsync(author, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "x"), Ct)).Failure);

        var suggestion = (await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct)).Value;
        Assert.Equal(WriteFailure.Forbidden, (await review.Review.ApproveAsync(helper, suggestion, Ct)).Failure);
        Assert.Equal(WriteFailure.Forbidden, (await review.Review.ApproveAsync(bystander, suggestion, Ct)).Failure);
        // The post's author may accept a suggestion to their own post whatever their reputation.
        Assert.True((await review.Review.ApproveAsync(author, suggestion, Ct)).Succeeded);
    }

    [Fact]
    public async Task ASuggestionNeedsASummaryAChangeAndWaitsAloneOnItsPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var helper = await review.BelowAsync(Privilege.EditOthersPosts);
        var other = await review.BelowAsync(Privilege.EditOthersPosts);

        var noSummary = await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, " "), Ct);
        Assert.Equal(WriteFailure.Invalid, noSummary.Failure);
        Assert.Contains("Summary", noSummary.FieldErrors.Keys);
        var noChange = await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, TestForum.QuestionBody, TestForum.QuestionTitle, null, "Nothing"), Ct);
        Assert.Equal(WriteFailure.Invalid, noChange.Failure);
        Assert.Contains("same as the post", noChange.FieldErrors["Body"]);

        var first = await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct);
        var doubleClick = await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct);
        Assert.Equal(first.Value, doubleClick.Value);
        var second = await review.Suggest.ExecuteAsync(other, new SuggestEditCommand(question, 1, Better + " Also reboot.", TestForum.QuestionTitle, null, "More"), Ct);
        Assert.Equal(WriteFailure.Conflict, second.Failure);
        Assert.Equal(SuggestEdit.AlreadyPendingMessage, second.Message);
        await using var db = forum.Db();
        Assert.Equal(1, await db.SuggestedEdits.CountAsync(Ct));
    }

    [Fact]
    public async Task ARejectionNeedsAReasonTheSuggesterSeesAndChangesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var helper = await review.BelowAsync(Privilege.EditOthersPosts);
        var reviewer = await review.HoldingAsync(Privilege.EditOthersPosts);
        var suggestion = (await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct)).Value;

        Assert.Equal(WriteFailure.Invalid, (await review.Review.RejectAsync(reviewer, suggestion, "", Ct)).Failure);
        Assert.True((await review.Review.RejectAsync(reviewer, suggestion, "This changes the meaning of the question.", Ct)).Succeeded);

        Assert.Equal(TestForum.QuestionBody, (await forum.PostAsync(question)).Body);
        await using var db = forum.Db();
        Assert.Contains(await db.Notices.Where(n => n.UserId == helper.UserId).ToListAsync(Ct), n => n.Text.Contains("This changes the meaning"));
        Assert.Equal(SuggestedEditState.Rejected, (await db.SuggestedEdits.SingleAsync(Ct)).State);
    }

    [Fact]
    public async Task TwoReviewersAtOnceDecideOnceAndTheOtherIsTold()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var helper = await review.BelowAsync(Privilege.EditOthersPosts);
        var first = await review.HoldingAsync(Privilege.EditOthersPosts);
        var second = await forum.ModeratorAsync();
        var suggestion = (await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct)).Value;

        var results = await Task.WhenAll(
            review.Review.ApproveAsync(first, suggestion, Ct),
            review.Review.RejectAsync(second, suggestion, "Not needed", Ct));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Failure == WriteFailure.Conflict);
        await using var db = forum.Db();
        var decided = await db.SuggestedEdits.SingleAsync(Ct);
        Assert.Equal(decided.State == SuggestedEditState.Approved ? 2 : 1, (await forum.PostAsync(question)).Version);
        Assert.Equal(decided.State == SuggestedEditState.Approved ? 1 : 0, await db.ReputationEntries.CountAsync(e => e.Reason == ReputationReason.SuggestedEditApproved, Ct));
    }

    [Fact]
    public async Task ASuggestionOvertakenByAnotherEditIsClosedAsOutdatedNotAppliedOverIt()
    {
        await using var forum = await TestForum.CreateAsync();
        var review = new CommunityReviewForum(forum);
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var helper = await review.BelowAsync(Privilege.EditOthersPosts);
        var reviewer = await review.HoldingAsync(Privilege.EditOthersPosts);
        var suggestion = (await review.Suggest.ExecuteAsync(helper, new SuggestEditCommand(question, 1, Better, TestForum.QuestionTitle, null, "Clearer"), Ct)).Value;
        Assert.True((await forum.Edit.ExecuteAsync(author, new EditPostCommand(question, 1, "The author's own rewrite of the question body.", TestForum.QuestionTitle), Ct)).Succeeded);

        var approved = await review.Review.ApproveAsync(reviewer, suggestion, Ct);

        Assert.Equal(WriteFailure.Conflict, approved.Failure);
        Assert.Equal(ReviewSuggestedEdit.SupersededMessage, approved.Message);
        Assert.Equal("The author's own rewrite of the question body.", (await forum.PostAsync(question)).Body);
        await using var db = forum.Db();
        Assert.Equal(SuggestedEditState.Superseded, (await db.SuggestedEdits.SingleAsync(Ct)).State);
    }
}
