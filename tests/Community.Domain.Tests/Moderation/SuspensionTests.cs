using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Moderation;

/// <summary>A suspended member can read but not write until the end date, and is told why on every refusal.</summary>
public sealed class SuspensionTests
{
    private static CancellationToken Ct => ModerationForum.Ct;

    [Fact]
    public async Task ASuspendedMemberCannotAskAnswerEditCommentVoteOrFlagUntilTheEndDate()
    {
        await using var m = await ModerationForum.CreateAsync();
        var (asker, author, questionId, answerId) = await m.ThreadAsync();
        await m.FlagAsync(asker, answerId);
        var own = await m.Forum.AskAsync(author, "The suspended member's own question");
        var moderator = await m.Forum.ModeratorAsync();
        var item = await m.ItemAsync(moderator, answerId);
        var handled = await m.Handle.ExecuteAsync(moderator, ModerationForum.Command(item, FlagDecision.Accept, PostAction.Delete) with
        {
            Sanction = SanctionKind.Suspension, SuspensionDays = 7, SanctionReason = "Advertising your own shop in answers.",
        }, Ct);
        Assert.True(handled.Succeeded, handled.Message);
        var other = await m.Forum.AskAsync(asker, "A question the suspended member wants to answer");

        var refusals = new (string What, string? Message)[]
        {
            ("ask", (await m.Ask.ExecuteAsync(author, new AskQuestionCommand("How do I sell routers here?", TestForum.QuestionBody, ["wifi"]), Ct)).Message),
            ("answer", (await m.Answer.ExecuteAsync(author, new AnswerQuestionCommand(other, TestForum.AnswerBody), Ct)).Message),
            ("comment", (await m.Comment.ExecuteAsync(author, new Comments.AddCommentCommand(other, "A comment long enough to count."), Ct)).Message),
            ("vote", (await m.Vote.ExecuteAsync(author, other, 1, Ct)).Message),
            ("flag", (await m.Flags.ExecuteAsync(author, new RaiseFlagCommand(FlagTarget.Post(other), FlagReason.OffTopic), Ct)).Message),
            ("edit", (await m.Edit.ExecuteAsync(author, new EditPostCommand(own, 1, TestForum.QuestionBody + " more", "The suspended member's own question", ["wifi"]), Ct)).Message),
            ("suggest an edit", (await new global::Community.Domain.Revisions.SuggestEdit(m.Forum.Database, m.Forum.Markdown, m.Forum.Limits, m.Forum.Privileges, m.Forum.Time)
                .ExecuteAsync(author, new global::Community.Domain.Revisions.SuggestEditCommand(other, 1, TestForum.QuestionBody + " Clearer.", "A question the suspended member wants to answer", ["wifi"], "Clearer"), Ct)).Message),
            ("vote to close", (await new VoteToClose(m.Forum.Database, m.Forum.Privileges, m.Forum.Limits, m.Forum.Time)
                .CastAsync(author, new CloseVoteCommand(other, CloseVoteKind.Close, CloseReason.OffTopic), Ct)).Message),
        };
        Assert.All(refusals, r => Assert.StartsWith("Your account is suspended until Monday 30 November 2026 at 12:00 UTC: Advertising your own shop in answers.", r.Message));
        Assert.NotNull(await m.Queries.ThreadAsync(other, author, Ct));

        m.Forum.Time.Advance(TimeSpan.FromDays(7));
        Assert.True((await m.Answer.ExecuteAsync(author, new AnswerQuestionCommand(other, TestForum.AnswerBody), Ct)).Succeeded);
    }

    [Fact]
    public async Task TheSuspensionIsAuditedAndTheMemberToldInANotice()
    {
        await using var m = await ModerationForum.CreateAsync();
        var member = await m.Forum.MemberAsync();
        var moderator = await m.Forum.ModeratorAsync();

        var result = await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Suspension, "Repeated insults in comments.", 3), Ct);

        Assert.True(result.Succeeded, result.Message);
        var entry = Assert.Single(await m.AuditAsync());
        Assert.Equal((ModerationAuditActions.Suspended, moderator.UserId, member.UserId, "Repeated insults in comments."), (entry.Action, entry.ActorId, entry.TargetUserId, entry.Reason));
        Assert.Contains("until Thursday 26 November 2026 at 12:00 UTC", (await m.Notices.RecentAsync(member.UserId, cancellationToken: Ct)).Single().Text);
        var signedIn = new Community.Domain.Accounts.SignedInMembers(m.Forum.Database, m.Forum.Time);
        Assert.Equal(m.Forum.Time.GetUtcNow().UtcDateTime.AddDays(3), (await signedIn.ReadAsync(member.UserId, Ct))!.Suspension!.EndsAt);
    }

    [Fact]
    public async Task ALiftedSuspensionEndsAtOnce()
    {
        await using var m = await ModerationForum.CreateAsync();
        var member = await m.Forum.MemberAsync();
        var moderator = await m.Forum.ModeratorAsync();
        var id = (await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Suspension, "Repeated insults in comments.", 30), Ct)).Value;

        Assert.True((await m.Sanctions.LiftAsync(moderator, id, Ct)).Succeeded);

        Assert.True((await m.Ask.ExecuteAsync(member, new AskQuestionCommand(TestForum.QuestionTitle, TestForum.QuestionBody, ["wifi"]), Ct)).Succeeded);
        Assert.Equal([ModerationAuditActions.Suspended, ModerationAuditActions.SuspensionLifted], (await m.AuditAsync()).Select(e => e.Action));
    }

    [Fact]
    public async Task AWarningLeavesTheMemberFreeToWriteAndTellsThemWhy()
    {
        await using var m = await ModerationForum.CreateAsync();
        var member = await m.Forum.MemberAsync();
        var moderator = await m.Forum.ModeratorAsync();

        await m.Sanctions.ExecuteAsync(moderator, new SanctionCommand(member.UserId, SanctionKind.Warning, "Please keep comments civil."), Ct);

        Assert.True((await m.Ask.ExecuteAsync(member, new AskQuestionCommand(TestForum.QuestionTitle, TestForum.QuestionBody, ["wifi"]), Ct)).Succeeded);
        Assert.StartsWith("A moderator warned you: Please keep comments civil.", (await m.Notices.RecentAsync(member.UserId, cancellationToken: Ct)).Single().Text);
    }
}
