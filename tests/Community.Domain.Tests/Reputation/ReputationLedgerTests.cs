using Community.Domain.Accounts;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Tests.Posting;
using Community.Domain.Voting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Reputation;

/// <summary>The ledger through the real services on real SQLite: totals move with votes and acceptances and always equal the ledger.</summary>
public sealed class ReputationLedgerTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static async Task<(TestForum Forum, Actor Asker, Actor Answerer, int Question, int Answer)> ThreadAsync()
    {
        var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 100_000, PostsPerHour = 100_000 });
        var asker = await forum.MemberAsync("Asker");
        var answerer = await forum.MemberAsync("Answerer");
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        return (forum, asker, answerer, question, answer);
    }

    [Fact]
    public async Task AnUpvoteAddsTenAndUndoingItTakesThemBack()
    {
        var (forum, asker, answerer, _, answer) = await ThreadAsync();
        await using var _ = forum;
        var before = (await forum.ReputationOfAsync(answerer)).Reputation;

        await forum.Vote.ExecuteAsync(asker, answer, 1, Ct);
        Assert.Equal(before + 10, (await forum.ReputationOfAsync(answerer)).Reputation);

        await forum.Vote.ExecuteAsync(asker, answer, 0, Ct);
        Assert.Equal(before, (await forum.ReputationOfAsync(answerer)).Reputation);
        await using var db = forum.Db();
        Assert.Equal(2, await db.ReputationEntries.CountAsync(e => e.SourceKey == ReputationRules.VoteSource(answer, asker.UserId), Ct));
    }

    [Fact]
    public async Task ChangingAnUpvoteToADownvoteReversesTheTenAndAppliesTheDownvote()
    {
        var (forum, asker, answerer, _, answer) = await ThreadAsync();
        await using var _ = forum;
        var answererBefore = (await forum.ReputationOfAsync(answerer)).Reputation;
        var voterBefore = (await forum.ReputationOfAsync(asker)).Reputation;

        await forum.Vote.ExecuteAsync(asker, answer, 1, Ct);
        await forum.Vote.ExecuteAsync(asker, answer, -1, Ct);

        Assert.Equal(answererBefore - 2, (await forum.ReputationOfAsync(answerer)).Reputation);
        Assert.Equal(voterBefore - 1, (await forum.ReputationOfAsync(asker)).Reputation);
    }

    [Fact]
    public async Task AcceptingThenChangingTheAcceptedAnswerMovesTheFifteen()
    {
        var (forum, asker, first, question, firstAnswer) = await ThreadAsync();
        await using var _ = forum;
        var second = await forum.MemberAsync("Second answerer");
        var secondAnswer = await forum.AnswerAsync(second, question);
        var firstBefore = (await forum.ReputationOfAsync(first)).Reputation;
        var secondBefore = (await forum.ReputationOfAsync(second)).Reputation;
        var askerBefore = (await forum.ReputationOfAsync(asker)).Reputation;

        await forum.Accept.AcceptAsync(asker, firstAnswer, Ct);
        await forum.Accept.AcceptAsync(asker, firstAnswer, Ct); // a repeat changes nothing
        Assert.Equal(firstBefore + 15, (await forum.ReputationOfAsync(first)).Reputation);
        Assert.Equal(askerBefore + 2, (await forum.ReputationOfAsync(asker)).Reputation);

        await forum.Accept.AcceptAsync(asker, secondAnswer, Ct);
        Assert.Equal(firstBefore, (await forum.ReputationOfAsync(first)).Reputation);
        Assert.Equal(secondBefore + 15, (await forum.ReputationOfAsync(second)).Reputation);
        Assert.Equal(askerBefore + 2, (await forum.ReputationOfAsync(asker)).Reputation);

        await forum.Accept.WithdrawAsync(asker, question, Ct);
        Assert.Equal(secondBefore, (await forum.ReputationOfAsync(second)).Reputation);
        Assert.Equal(askerBefore, (await forum.ReputationOfAsync(asker)).Reputation);
    }

    [Fact]
    public async Task GainsFromVotesStopAtTwoHundredADayAndStartAgainTheNextUtcDay()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 100_000, PostsPerHour = 100_000 });
        var author = await forum.MemberAsync("Prolific");
        var voters = await forum.MembersAsync(30);
        var question = await forum.AskAsync(voters[0]);
        var answer = await forum.AnswerAsync(author, question);
        var before = (await forum.ReputationOfAsync(author)).Reputation;
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 23, 0, 0, TimeSpan.Zero));

        foreach (var voter in voters.Take(25))
            Assert.True((await forum.Vote.ExecuteAsync(voter, answer, 1, Ct)).Succeeded);
        Assert.Equal(before + 200, (await forum.ReputationOfAsync(author)).Reputation);

        forum.Time.Advance(TimeSpan.FromHours(1)); // past midnight UTC
        await forum.Vote.ExecuteAsync(voters[25], answer, 1, Ct);
        Assert.Equal(before + 210, (await forum.ReputationOfAsync(author)).Reputation);
    }

    [Fact]
    public async Task ReputationNeverGoesBelowOneAndTheLedgerStillKeepsEveryLoss()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 100_000 });
        var newcomer = await forum.MemberWithReputationAsync(1, "Newcomer");
        var voters = await forum.MembersAsync(3);
        var question = await forum.AskAsync(newcomer);

        foreach (var voter in voters)
            await forum.Vote.ExecuteAsync(voter, question, -1, Ct);

        var (reputation, points, ledger) = await forum.ReputationOfAsync(newcomer);
        Assert.Equal(1, reputation);
        Assert.Equal(-6, points);
        Assert.Equal(points, ledger);
    }

    [Fact]
    public async Task DeletingAPostReversesItsVotesAndUndeletingRestoresThem()
    {
        var (forum, asker, answerer, _, answer) = await ThreadAsync();
        await using var _ = forum;
        var before = (await forum.ReputationOfAsync(answerer)).Reputation;
        await forum.Vote.ExecuteAsync(asker, answer, 1, Ct);

        await forum.Delete.DeleteAsync(answerer, answer, Ct);
        Assert.Equal(before, (await forum.ReputationOfAsync(answerer)).Reputation);

        await forum.Delete.UndeleteAsync(answerer, answer, Ct);
        Assert.Equal(before + 10, (await forum.ReputationOfAsync(answerer)).Reputation);
    }

    [Fact]
    public async Task StaffVotingOnStaffEarnsNothing()
    {
        var (forum, _, _, question, _) = await ThreadAsync();
        await using var _ = forum;
        var staffVoter = await forum.MemberAsync("Staff Voter");
        var staffAuthor = await forum.MemberAsync("Staff Author");
        await MakeStaffAsync(forum, staffVoter, staffAuthor);
        var staffAnswer = await forum.AnswerAsync(staffAuthor, question);
        var before = (await forum.ReputationOfAsync(staffAuthor)).Reputation;

        Assert.True((await forum.Vote.ExecuteAsync(staffVoter, staffAnswer, 1, Ct)).Succeeded);

        Assert.Equal(before, (await forum.ReputationOfAsync(staffAuthor)).Reputation);
        Assert.Equal(1, (await forum.PostAsync(staffAnswer)).Score);
    }

    [Fact]
    public async Task StaffAcceptingStaffEarnsNothingButStaffAcceptingAMemberPaysBoth()
    {
        var (forum, _, _, _, _) = await ThreadAsync();
        await using var _ = forum;
        var staffAsker = await forum.MemberAsync("Staff Asker");
        var staffAuthor = await forum.MemberAsync("Staff Answerer");
        var member = await forum.MemberAsync("Plain Member");
        await MakeStaffAsync(forum, staffAsker, staffAuthor);
        var first = await forum.AskAsync(staffAsker);
        var staffAnswer = await forum.AnswerAsync(staffAuthor, first);
        var second = await forum.AskAsync(staffAsker, "Another question about the same router");
        var memberAnswer = await forum.AnswerAsync(member, second);
        var askerBefore = (await forum.ReputationOfAsync(staffAsker)).Points;
        var staffBefore = (await forum.ReputationOfAsync(staffAuthor)).Points;
        var memberBefore = (await forum.ReputationOfAsync(member)).Points;

        Assert.True((await forum.Accept.AcceptAsync(staffAsker, staffAnswer, Ct)).Succeeded);
        Assert.Equal(askerBefore, (await forum.ReputationOfAsync(staffAsker)).Points);
        Assert.Equal(staffBefore, (await forum.ReputationOfAsync(staffAuthor)).Points);

        Assert.True((await forum.Accept.AcceptAsync(staffAsker, memberAnswer, Ct)).Succeeded);
        var asker = await forum.ReputationOfAsync(staffAsker);
        var answerer = await forum.ReputationOfAsync(member);
        Assert.Equal(askerBefore + forum.Ledger.Points.AcceptedAnAnswer, asker.Points);
        Assert.Equal(memberBefore + forum.Ledger.Points.AnswerAccepted, answerer.Points);
        Assert.Equal(asker.LedgerSum, asker.Points);
        Assert.Equal(answerer.LedgerSum, answerer.Points);
    }

    [Fact]
    public async Task AMemberBelowTheThresholdCannotVoteUpAndIsToldWhatIsNeeded()
    {
        var (forum, _, _, question, _) = await ThreadAsync();
        await using var _ = forum;
        var newcomer = await forum.MemberWithReputationAsync(1, "Brand New");

        var result = await forum.Vote.ExecuteAsync(newcomer, question, 1, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("Voting up needs 15 reputation; you have 1. See /help/privileges for how to earn it.", result.Message);
        Assert.Equal(0, (await forum.PostAsync(question)).Score);
    }

    [Fact]
    public async Task VotingDownNeeds125()
    {
        var (forum, _, _, question, _) = await ThreadAsync();
        await using var _ = forum;
        var member = await forum.MemberWithReputationAsync(124, "Almost There");

        Assert.Equal(WriteFailure.Forbidden, (await forum.Vote.ExecuteAsync(member, question, -1, Ct)).Failure);
        Assert.True((await forum.Vote.ExecuteAsync(member, question, 1, Ct)).Succeeded);
    }

    [Fact]
    public async Task SerialVotingIsReversedOnceAndASecondRunFindsNothing()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 100_000, PostsPerHour = 100_000 });
        var friend = await forum.MemberAsync("Friend");
        var target = await forum.MemberAsync("Target");
        var asker = await forum.MemberAsync("Asker");
        var before = (await forum.ReputationOfAsync(target)).Reputation;
        for (var i = 0; i < 12; i++)
        {
            var question = await forum.AskAsync(asker, $"Question number {i} about the router", TestForum.QuestionBody);
            var answer = await forum.AnswerAsync(target, question);
            await forum.Vote.ExecuteAsync(friend, answer, 1, Ct);
        }
        Assert.True((await forum.ReputationOfAsync(target)).Reputation > before);
        var reverse = new ReverseSerialVoting(forum.Database, forum.Ledger, forum.Time);

        var first = await reverse.RunAsync(Ct);
        var second = await reverse.RunAsync(Ct);

        Assert.Equal(12, first.VotesReversed);
        Assert.Equal(0, second.VotesReversed);
        Assert.Equal(before, (await forum.ReputationOfAsync(target)).Reputation);
    }

    private static async Task MakeStaffAsync(TestForum forum, params Actor[] members)
    {
        await using var db = forum.Db();
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Staff, Ct);
        if (role is null)
        {
            await RoleSeeder.EnsureRolesAsync(db, Ct);
            role = await db.Roles.SingleAsync(r => r.Name == Roles.Staff, Ct);
        }
        foreach (var member in members)
            db.UserRoles.Add(new() { UserId = member.UserId, RoleId = role.Id });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task CrossingAPrivilegeThresholdLeavesTheMemberANoticeOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var notices = new Community.Domain.Notices.MemberNotices(forum.Database, forum.Privileges, forum.Time);
        var ledger = new ReputationLedger(forum.Points, forum.Time, notices);
        var vote = new CastVote(forum.Database, forum.Limits, ledger, forum.Privileges, forum.Time);
        var newcomer = await forum.MemberWithReputationAsync(10, "Almost Fifteen");
        var voters = await forum.MembersAsync(2);
        var question = await forum.AskAsync(newcomer);

        await vote.ExecuteAsync(voters[0], question, 1, Ct); // 10 → 20: passes 15 (vote up, flag)
        await vote.ExecuteAsync(voters[0], question, 0, Ct); // back to 10
        await vote.ExecuteAsync(voters[1], question, 1, Ct); // 20 again: no second notice

        var unread = await notices.UnreadAsync(newcomer.UserId, Ct);
        Assert.Contains(unread, n => n.Text.Contains("Voting up", StringComparison.OrdinalIgnoreCase) || n.Text.Contains("vote up", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(unread.Count, unread.Select(n => n.Text).Distinct().Count());
    }
}
