using Community.Domain.Accounts;
using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Moderation;

/// <summary>New and edited posts against the watch list and the spam basics, on real SQLite.</summary>
public sealed class ScreeningTests
{
    private static CancellationToken Ct => ModerationForum.Ct;

    private static async Task<Actor> AdminWithTermAsync(ModerationForum m, string phrase, WatchAction action)
    {
        var admin = await m.Forum.ModeratorAsync("Admin");
        var added = await m.WatchList.AddAsync(admin, actorIsAdmin: true, phrase, action, Ct);
        Assert.True(added.Succeeded, added.Message);
        return admin;
    }

    [Fact]
    public async Task AnAnswerMatchingAHoldTermIsHiddenAndTheQueueShowsTheTermToModeratorsOnly()
    {
        await using var m = await ModerationForum.CreateAsync();
        await AdminWithTermAsync(m, "Cheap Pills", WatchAction.HoldUntilReviewed);
        var asker = await m.Forum.MemberAsync();
        var questionId = await m.Forum.AskAsync(asker);

        var answer = await m.Answer.ExecuteAsync(await m.Forum.MemberAsync(), new AnswerQuestionCommand(questionId, "Forget the router, buy CHEAP pills at my shop instead."), Ct);

        Assert.Empty((await m.Queries.ThreadAsync(questionId, null, Ct))!.Answers);
        var moderator = await m.Forum.ModeratorAsync();
        var item = await m.ItemAsync(moderator, answer.Value);
        Assert.True(item.IsHeld);
        Assert.Equal(Holds.WatchListReason, item.HiddenReason);
        Assert.Equal("Cheap Pills", Assert.Single(item.Flags).MatchedTerm);
        Assert.Equal("System", item.Flags[0].FlaggerName);
        Assert.Contains((await m.AuditAsync()).Select(e => e.Action), a => a == ModerationAuditActions.Held);
    }

    [Fact]
    public async Task AnEditedPostMatchingAFlagTermStaysVisibleAndWaitsInTheQueue()
    {
        await using var m = await ModerationForum.CreateAsync();
        await AdminWithTermAsync(m, "casino", WatchAction.FlagForReview);
        var (asker, answerer, questionId, answerId) = await m.ThreadAsync();

        var edited = await m.Edit.ExecuteAsync(answerer, new EditPostCommand(answerId, 1, TestForum.AnswerBody + " Or play at the Casino."), Ct);

        Assert.True(edited.Succeeded, edited.Message);
        Assert.Single((await m.Queries.ThreadAsync(questionId, null, Ct))!.Answers);
        var item = await m.ItemAsync(await m.Forum.ModeratorAsync(), answerId);
        Assert.False(item.IsHeld);
        Assert.Equal("casino", item.Flags.Single().MatchedTerm);
    }

    [Fact]
    public async Task WordsThatOnlyContainATermAreNotFlagged()
    {
        await using var m = await ModerationForum.CreateAsync();
        await AdminWithTermAsync(m, "pill", WatchAction.HoldUntilReviewed);
        var asker = await m.Forum.MemberAsync();

        var questionId = await m.Forum.AskAsync(asker, "Router on a pillow overheats", "My router sits on a pillow and gets hot; is the pillowcase the problem here?");

        Assert.NotNull(await m.Queries.ThreadAsync(questionId, null, Ct));
        Assert.Empty(await m.Queue.PendingAsync(await m.Forum.ModeratorAsync(), Ct));
    }

    [Fact]
    public async Task TheWatchListRefusesBlankAndDuplicatePhrasesAndOnlyAdminsChangeIt()
    {
        await using var m = await ModerationForum.CreateAsync();
        var admin = await AdminWithTermAsync(m, "Café Crème", WatchAction.FlagForReview);

        Assert.Contains("already on the watch list", (await m.WatchList.AddAsync(admin, true, "cafe CREME", WatchAction.HoldUntilReviewed, Ct)).FieldErrors["Phrase"]);
        Assert.False((await m.WatchList.AddAsync(admin, true, " ?! ", WatchAction.FlagForReview, Ct)).Succeeded);
        Assert.Equal(WriteFailure.Forbidden, (await m.WatchList.AddAsync(await m.Forum.ModeratorAsync(), false, "casino", WatchAction.FlagForReview, Ct)).Failure);
        var term = Assert.Single(await m.WatchList.AllAsync(Ct));
        Assert.True((await m.WatchList.RemoveAsync(admin, true, term.Id, Ct)).Value);
        Assert.Equal([ModerationAuditActions.WatchTermAdded, ModerationAuditActions.WatchTermRemoved], (await m.AuditAsync()).Select(e => e.Action));
    }

    private static async Task<Actor> BrandNewAsync(ModerationForum m)
    {
        var member = await m.Forum.MemberWithReputationAsync(CommunityUser.StartingReputation);
        return member;
    }

    [Fact]
    public async Task ABrandNewAccountsQuestionWithSeveralLinksIsHeldForReview()
    {
        await using var m = await ModerationForum.CreateAsync();
        var newcomer = await BrandNewAsync(m);

        var asked = await m.Ask.ExecuteAsync(newcomer, new AskQuestionCommand("Best deals on mesh routers online",
            "Great prices at https://deals.example and https://more-deals.example for everyone.", ["wifi"]), Ct);

        Assert.True(asked.Succeeded, asked.Message);
        Assert.Null(await m.Queries.ThreadAsync(asked.Value, null, Ct));
        Assert.Equal(Holds.LinksReason, (await m.Queries.ThreadAsync(asked.Value, newcomer, Ct))!.HiddenReason);
        var item = await m.ItemAsync(await m.Forum.ModeratorAsync(), asked.Value);
        Assert.Equal(FlagReason.Spam, item.Flags.Single().Reason);
    }

    [Fact]
    public async Task ANewMemberIsLimitedInPostsPerHourAndLinksPerPost()
    {
        await using var m = await ModerationForum.CreateAsync();
        var newcomer = await m.Forum.MemberWithReputationAsync(5);
        var asker = await m.Forum.MemberAsync();
        var questionId = await m.Forum.AskAsync(asker);

        for (var i = 0; i < m.Options.NewMemberPostsPerHour; i++)
            Assert.True((await m.Answer.ExecuteAsync(newcomer, new AnswerQuestionCommand(questionId, TestForum.AnswerBody + $" Try {i}."), Ct)).Succeeded);
        var tooMany = await m.Answer.ExecuteAsync(newcomer, new AnswerQuestionCommand(questionId, TestForum.AnswerBody + " Again."), Ct);
        Assert.Equal(WriteFailure.RateLimited, tooMany.Failure);

        var links = string.Join(' ', Enumerable.Range(0, 5).Select(i => $"https://site{i}.example"));
        m.Forum.Time.Advance(TimeSpan.FromHours(1));
        var linky = await m.Answer.ExecuteAsync(newcomer, new AnswerQuestionCommand(questionId, "See these pages for the fix: " + links), Ct);
        Assert.Equal(WriteFailure.Invalid, linky.Failure);
        Assert.Contains("at most 4 links", linky.FieldErrors["Body"]);
        Assert.True((await m.Answer.ExecuteAsync(newcomer, new AnswerQuestionCommand(questionId, TestForum.AnswerBody + " Later."), Ct)).Succeeded);
    }
}
