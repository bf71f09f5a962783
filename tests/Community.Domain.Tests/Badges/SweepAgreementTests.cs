using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

/// <summary>The event path (one member's facts in memory) and the sweep (everyone in SQL) award the same badges.</summary>
public sealed class SweepAgreementTests
{
    [Fact]
    public async Task AfterEveryMemberIsCheckedTheSweepFindsNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await ActiveForumAsync(forum);

        var byEvent = await forum.Awarder().CheckMembersAsync(members.Select(m => m.UserId), Ct);

        Assert.True(byEvent.Count >= 15, $"only {byEvent.Count} awards");
        Assert.Empty(await forum.Awarder().SweepAsync(Ct));
    }

    [Fact]
    public async Task AfterTheSweepCheckingAnyMemberFindsNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await ActiveForumAsync(forum);

        var bySweep = await forum.Awarder().SweepAsync(Ct);

        Assert.True(bySweep.Count >= 15, $"only {bySweep.Count} awards");
        Assert.Empty(await forum.Awarder().CheckMembersAsync(members.Select(m => m.UserId), Ct));
    }

    /// <summary>Something for every rule, and the things that must not count: deleted posts, answers on deleted questions.</summary>
    private static async Task<IReadOnlyList<Actor>> ActiveForumAsync(TestForum forum)
    {
        var members = await forum.MembersAsync(6);
        var (asker, expert, voter, veteran) = (members[0], members[1], members[2], members[3]);
        var moderator = await forum.ModeratorAsync();
        var answer = 0;
        for (var i = 0; i < 6; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} on floor {i}", TestForum.QuestionBody, "billing", i % 2 == 0 ? "setup" : "wifi");
            answer = await forum.AnswerAsync(expert, question);
            await forum.SetScoreAsync(answer, i * 9);
            await forum.SetScoreAsync(question, i * 5 - 2);
            await forum.SetViewsAsync(question, i * 600);
            if (i % 2 == 1)
                Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);
            await forum.VoteAsync(voter, question, i == 0 ? -1 : 1);
        }
        var gone = await forum.AskAsync(members[4], TestForum.QuestionTitle + " that was deleted", TestForum.QuestionBody, "router");
        var orphan = await forum.AnswerAsync(members[5], gone);
        await forum.SetScoreAsync(gone, 50);
        await forum.SetScoreAsync(orphan, 50);
        Assert.True((await forum.Delete.DeleteAsync(moderator, gone, Ct)).Succeeded);
        var edit = await forum.Edit.ExecuteAsync(moderator, new EditPostCommand(answer, 1, TestForum.AnswerBody + " Edited."), Ct);
        Assert.True(edit.Succeeded, edit.Message);
        await using (var db = forum.Db())
        {
            var since = TestForum.Start.UtcDateTime.AddYears(-2).AddDays(-3);
            await db.Users.Where(u => u.Id == veteran.UserId || u.Id == asker.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.CreatedAt, since), Ct);
        }
        return [.. members, moderator];
    }
}
