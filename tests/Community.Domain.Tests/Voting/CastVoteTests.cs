using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Voting;

public sealed class CastVoteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<int> VoteOkAsync(TestForum forum, Actor voter, int postId, int value)
    {
        var result = await forum.Vote.ExecuteAsync(voter, postId, value, Ct);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    private static async Task<List<(string VoterId, int Value)>> VotesAsync(TestForum forum, int postId)
    {
        await using var db = forum.Db();
        var votes = await db.Votes.Where(v => v.PostId == postId).Select(v => new { v.VoterId, v.Value }).ToListAsync(Ct);
        return votes.Select(v => (v.VoterId, v.Value)).ToList();
    }

    [Fact]
    public async Task AnUpVoteAddsOneToTheScore()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();

        Assert.Equal(1, await VoteOkAsync(forum, voter, question, 1));

        Assert.Equal(1, (await forum.PostAsync(question)).Score);
        Assert.Equal([(voter.UserId, 1)], await VotesAsync(forum, question));
    }

    [Fact]
    public async Task ChangingAnUpVoteToADownVoteMovesTheScoreByTwo()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();
        await VoteOkAsync(forum, voter, question, 1);

        Assert.Equal(-1, await VoteOkAsync(forum, voter, question, -1));

        Assert.Equal(-1, (await forum.PostAsync(question)).Score);
        Assert.Equal([(voter.UserId, -1)], await VotesAsync(forum, question));
    }

    [Fact]
    public async Task UndoingAVoteRemovesItsRowAndItsPoint()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();
        await VoteOkAsync(forum, voter, question, -1);

        Assert.Equal(0, await VoteOkAsync(forum, voter, question, 0));

        Assert.Equal(0, (await forum.PostAsync(question)).Score);
        Assert.Empty(await VotesAsync(forum, question));
    }

    [Fact]
    public async Task VotesFromSeveralMembersAddUp()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voters = await forum.MembersAsync(4);

        await VoteOkAsync(forum, voters[0], question, 1);
        await VoteOkAsync(forum, voters[1], question, 1);
        await VoteOkAsync(forum, voters[2], question, 1);
        var score = await VoteOkAsync(forum, voters[3], question, -1);

        Assert.Equal(2, score);
        Assert.Equal(2, (await forum.PostAsync(question)).Score);
    }

    [Fact]
    public async Task AnAnswerIsVotedOnLikeAQuestion()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), question);

        await VoteOkAsync(forum, await forum.MemberAsync(), answer, 1);

        Assert.Equal(1, (await forum.PostAsync(answer)).Score);
        Assert.Equal(0, (await forum.PostAsync(question)).Score);
    }

    [Fact]
    public async Task AMemberCannotVoteOnTheirOwnPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);

        var result = await forum.Vote.ExecuteAsync(asker, question, 1, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("You cannot vote on your own post.", result.Message);
        Assert.Empty(await VotesAsync(forum, question));
        Assert.Equal(0, (await forum.PostAsync(question)).Score);
    }

    [Fact]
    public async Task SendingTheSameVoteTwiceChangesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();
        await VoteOkAsync(forum, voter, question, 1);

        Assert.Equal(1, await VoteOkAsync(forum, voter, question, 1));

        Assert.Equal(1, (await forum.PostAsync(question)).Score);
        Assert.Single(await VotesAsync(forum, question));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-2)]
    [InlineData(100)]
    public async Task AVoteOtherThanUpDownOrNoneIsRefused(int value)
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());

        var result = await forum.Vote.ExecuteAsync(await forum.MemberAsync(), question, value, Ct);

        Assert.Equal(WriteFailure.Invalid, result.Failure);
        Assert.Equal(0, (await forum.PostAsync(question)).Score);
    }

    [Fact]
    public async Task AMemberCannotVoteOnAPostTheyCannotSee()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        Assert.True((await forum.Delete.DeleteAsync(asker, question, Ct)).Succeeded);

        var result = await forum.Vote.ExecuteAsync(await forum.MemberAsync(), question, 1, Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
        Assert.Empty(await VotesAsync(forum, question));
    }

    [Fact]
    public async Task AModeratorCannotVoteOnADeletedPost()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.Delete.DeleteAsync(asker, question, Ct);

        var result = await forum.Vote.ExecuteAsync(await forum.ModeratorAsync(), question, 1, Ct);

        Assert.Equal(WriteFailure.Forbidden, result.Failure);
        Assert.Equal("You cannot vote on a deleted post.", result.Message);
    }

    [Fact]
    public async Task VotingOnAPostThatDoesNotExistIsNotFound()
    {
        await using var forum = await TestForum.CreateAsync();

        var result = await forum.Vote.ExecuteAsync(await forum.MemberAsync(), 4711, 1, Ct);

        Assert.Equal(WriteFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task VotingFasterThanTheLimitIsRefusedAndChangesNothing()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 2 });
        var asker = await forum.MemberAsync();
        var first = await forum.AskAsync(asker);
        var second = await forum.AskAsync(asker, "Second question about the router");
        var third = await forum.AskAsync(asker, "Third question about the router");
        var voter = await forum.MemberAsync();
        await VoteOkAsync(forum, voter, first, 1);
        await VoteOkAsync(forum, voter, second, 1);

        var result = await forum.Vote.ExecuteAsync(voter, third, 1, Ct);

        Assert.Equal(WriteFailure.RateLimited, result.Failure);
        Assert.Contains("voting faster", result.Message);
        Assert.Equal(0, (await forum.PostAsync(third)).Score);
    }

    [Fact]
    public async Task TwentyMembersVotingAtOnceAllCount()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voters = await forum.MembersAsync(20);

        var results = await Task.WhenAll(voters.Select(voter => Task.Run(() => forum.Vote.ExecuteAsync(voter, question, 1, Ct), Ct)));

        Assert.All(results, result => Assert.True(result.Succeeded, result.Message));
        Assert.Equal(20, (await forum.PostAsync(question)).Score);
        Assert.Equal(20, (await VotesAsync(forum, question)).Count);
    }

    [Fact]
    public async Task OneMembersVoteSentTenTimesAtOnceCountsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => forum.Vote.ExecuteAsync(voter, question, 1, Ct), Ct)));

        Assert.All(results, result => Assert.True(result.Succeeded, result.Message));
        Assert.Equal(1, (await forum.PostAsync(question)).Score);
        Assert.Single(await VotesAsync(forum, question));
    }

    [Fact]
    public async Task TheScoreIsAlwaysTheSumOfTheVotesWhenOneMemberChangesTheirVoteConcurrently()
    {
        await using var forum = await TestForum.CreateAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();
        int[] values = [1, -1, 0, 1, -1, 1, 0, -1, 1, 1];

        await Task.WhenAll(values.Select(value => Task.Run(() => forum.Vote.ExecuteAsync(voter, question, value, Ct), Ct)));

        var votes = await VotesAsync(forum, question);
        Assert.True(votes.Count <= 1);
        Assert.Equal(votes.Sum(v => v.Value), (await forum.PostAsync(question)).Score);
    }
}
