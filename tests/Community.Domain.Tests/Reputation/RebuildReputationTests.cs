using Community.Domain.Posting;
using Community.Domain.Reputation;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Reputation;

public sealed class RebuildReputationTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task AfterThousandsOfRandomVotesUndosAndAcceptsTheRebuiltTotalsEqualTheCachedOnes()
    {
        await using var forum = await TestForum.CreateAsync(new WriteRateLimitOptions { VotesPerMinute = 1_000_000, PostsPerHour = 1_000_000 });
        var random = new Random(42);
        var members = await forum.MembersAsync(12);
        var posts = new List<(int Id, int QuestionId, string Asker)>();
        for (var q = 0; q < 6; q++)
        {
            var asker = members[random.Next(members.Count)];
            var question = await forum.AskAsync(asker, $"Random question number {q} for the ledger", TestForum.QuestionBody);
            posts.Add((question, question, asker.UserId));
            for (var a = 0; a < 3; a++)
            {
                var answerer = members.First(m => m.UserId != asker.UserId && random.Next(3) == 0 || m == members[^1]);
                posts.Add((await forum.AnswerAsync(answerer, question), question, asker.UserId));
            }
        }

        var operations = 0;
        for (var i = 0; i < 2_000; i++)
        {
            forum.Time.Advance(TimeSpan.FromMinutes(random.Next(1, 90)));
            var member = members[random.Next(members.Count)];
            var post = posts[random.Next(posts.Count)];
            if (random.Next(10) == 0 && post.Id != post.QuestionId)
            {
                var asker = members.Single(m => m.UserId == post.Asker);
                operations += (random.Next(4) == 0 ? await forum.Accept.WithdrawAsync(asker, post.QuestionId, Ct) : await forum.Accept.AcceptAsync(asker, post.Id, Ct)).Succeeded ? 1 : 0;
            }
            else
            {
                operations += (await forum.Vote.ExecuteAsync(member, post.Id, random.Next(3) - 1, Ct)).Succeeded ? 1 : 0;
            }
        }

        var report = await new RebuildReputation(forum.Database).RunAsync(Ct);

        Assert.True(operations > 1_500, $"only {operations} operations succeeded");
        Assert.Empty(report.Corrected);
        Assert.Equal(12, report.MembersChecked);
        await using var db = forum.Db();
        foreach (var member in members)
        {
            var (reputation, points, ledger) = await forum.ReputationOfAsync(member);
            Assert.Equal(ledger, points);
            Assert.Equal(ReputationRules.Total(ledger), reputation);
        }
        Assert.Equal(await db.Votes.SumAsync(v => v.Value, Ct), await db.Posts.SumAsync(p => p.Score, Ct));
    }

    [Fact]
    public async Task ACachedTotalThatDriftedIsReportedAndCorrected()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync("Drifted");
        await using (var db = forum.Db())
            await db.Users.Where(u => u.Id == member.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.Reputation, 9999).SetProperty(u => u.ReputationPoints, 9998), Ct);

        var report = await new RebuildReputation(forum.Database).RunAsync(Ct);

        var difference = Assert.Single(report.Corrected);
        Assert.Equal(9998, difference.CachedPoints);
        Assert.Equal(TestForum.DefaultReputation, (await forum.ReputationOfAsync(member)).Reputation);
        Assert.Empty((await new RebuildReputation(forum.Database).RunAsync(Ct)).Corrected);
    }
}
