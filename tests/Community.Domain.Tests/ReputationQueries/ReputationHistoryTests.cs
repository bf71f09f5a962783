using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Reputation.Queries;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.ReputationQueries;

public sealed class ReputationHistoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ReputationHistory HistoryOf(TestForum forum) => new(forum.Database, forum.Points);

    private static async Task VoteAsync(TestForum forum, Actor voter, int postId, int value)
    {
        var result = await forum.Vote.ExecuteAsync(voter, postId, value, Ct);
        Assert.True(result.Succeeded, result.Message);
    }

    private static async Task<IReadOnlyList<(ReputationReason Reason, int Amount)>> ShownAsync(TestForum forum, Actor member) =>
        (await HistoryOf(forum).PageAsync(member.UserId, cancellationToken: Ct)).Items.Select(e => (e.Reason, e.Amount)).ToList();

    [Fact]
    public async Task AVoteUndoneWithinTheGracePeriodLeavesNoTrace()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voter = await forum.MemberAsync();
        await VoteAsync(forum, voter, question, 1);
        forum.Time.Advance(forum.Points.VoteGracePeriod);

        await VoteAsync(forum, voter, question, 0);

        Assert.Equal([(ReputationReason.Bonus, TestForum.DefaultReputation - 1)], await ShownAsync(forum, author));
        // The ledger keeps both rows; the total is unchanged.
        var (reputation, _, ledgerSum) = await forum.ReputationOfAsync(author);
        Assert.Equal(TestForum.DefaultReputation, reputation);
        Assert.Equal(TestForum.DefaultReputation - 1, ledgerSum);
    }

    [Fact]
    public async Task AVoteUndoneAfterTheGracePeriodShowsBothTheVoteAndTheUndo()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voter = await forum.MemberAsync();
        await VoteAsync(forum, voter, question, 1);
        forum.Time.Advance(forum.Points.VoteGracePeriod + TimeSpan.FromSeconds(1));

        await VoteAsync(forum, voter, question, 0);

        Assert.Equal([(ReputationReason.VoteUndone, -10), (ReputationReason.QuestionUpvoted, 10), (ReputationReason.Bonus, TestForum.DefaultReputation - 1)],
            await ShownAsync(forum, author));
    }

    [Fact]
    public async Task AnUpVoteChangedToADownVoteWithinTheGracePeriodShowsOnlyTheDownVote()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var author = await forum.MemberAsync();
        var answer = await forum.AnswerAsync(author, await forum.AskAsync(asker));
        var voter = await forum.MemberAsync();
        await VoteAsync(forum, voter, answer, 1);
        forum.Time.Advance(TimeSpan.FromMinutes(1));

        await VoteAsync(forum, voter, answer, -1);

        Assert.Equal((ReputationReason.PostDownvoted, -2), (await ShownAsync(forum, author))[0]);
        Assert.Equal(2, (await ShownAsync(forum, author)).Count);
        // The voter's own cost of the down vote is in the voter's history, and undoing it at once removes it too.
        Assert.Equal((ReputationReason.DownvotedAnswer, -1), (await ShownAsync(forum, voter))[0]);
        await VoteAsync(forum, voter, answer, 0);
        Assert.Equal([(ReputationReason.Bonus, TestForum.DefaultReputation - 1)], await ShownAsync(forum, voter));
        Assert.Equal([(ReputationReason.Bonus, TestForum.DefaultReputation - 1)], await ShownAsync(forum, author));
    }

    [Fact]
    public async Task EntriesLinkToTheirQuestionOrAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(author, question);
        await VoteAsync(forum, author, question, 1);
        Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);

        var entries = (await HistoryOf(forum).PageAsync(asker.UserId, cancellationToken: Ct)).Items;

        var accepted = entries.Single(e => e.Reason == ReputationReason.AcceptedAnAnswer);
        Assert.Equal($"questions/{question}/router-drops-wi-fi-every-night#answer-{answer}", accepted.Post!.Url);
        Assert.Equal("You accepted an answer", accepted.Description);
        var upvoted = entries.Single(e => e.Reason == ReputationReason.QuestionUpvoted);
        Assert.Equal($"questions/{question}/router-drops-wi-fi-every-night", upvoted.Post!.Url);
        Assert.Null(entries.Single(e => e.Reason == ReputationReason.Bonus).Post);
    }

    [Fact]
    public async Task PagesGoBackInTimeWithoutRepeatsOrGaps()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var voters = await forum.MembersAsync(7);
        foreach (var voter in voters)
        {
            forum.Time.Advance(TimeSpan.FromMinutes(1));
            await VoteAsync(forum, voter, question, 1);
        }
        // A vote and its undo at the page boundary: hidden on both pages.
        await VoteAsync(forum, voters[3], question, 0);
        var history = HistoryOf(forum);

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await history.PageAsync(author.UserId, cursor, pageSize: 3, Ct);
            seen.AddRange(page.Items.Select(e => e.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(7, seen.Count); // 6 votes that stand and the bonus
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderDescending(), seen);
    }

    [Fact]
    public void GraceUndosPairOnlyAVoteWithTheUndoThatCancelsIt()
    {
        var at = TestForum.Start.UtcDateTime;
        var grace = TimeSpan.FromMinutes(5);
        ReputationEntry Entry(long id, ReputationReason reason, int amount, TimeSpan after, string source = "vote:1:v") =>
            new() { Id = id, UserId = "u", Reason = reason, Amount = amount, SourceKey = source, CreatedAt = at + after };

        var hidden = GraceUndos.Hidden(
        [
            Entry(1, ReputationReason.AnswerUpvoted, 10, TimeSpan.Zero),
            Entry(2, ReputationReason.VoteUndone, -10, TimeSpan.FromMinutes(5)),
            Entry(3, ReputationReason.AnswerUpvoted, 10, TimeSpan.FromMinutes(6)),
            Entry(4, ReputationReason.VoteUndone, -10, TimeSpan.FromMinutes(12)),
            Entry(5, ReputationReason.QuestionUpvoted, 10, TimeSpan.Zero, "vote:2:v"),
            Entry(6, ReputationReason.PostDeleted, -10, TimeSpan.FromMinutes(1), "vote:2:v"),
            Entry(7, ReputationReason.QuestionUpvoted, 10, TimeSpan.Zero, "vote:3:v"),
            Entry(8, ReputationReason.VoteUndone, -10, TimeSpan.FromMinutes(1), "vote:4:v"),
        ], grace);

        Assert.Equal([1L, 2L], hidden.Order());
    }
}
