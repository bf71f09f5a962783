using Community.Domain.Badges;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeAwarderTests
{
    [Fact]
    public async Task AFirstUpVoteEarnsTheAskerStudentAndTheVoterSupporter()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var voter = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.VoteAsync(voter, question);

        var earned = await forum.Awarder().CheckMembersAsync([voter.UserId, asker.UserId], Ct);

        Assert.Equal([BadgeCatalogue.Supporter, BadgeCatalogue.Student], earned.Select(e => e.Badge));
        Assert.Equal(question, earned.Single(e => e.Badge == BadgeCatalogue.Student).PostId);
    }

    [Fact]
    public async Task ANewMemberWithNothingDoneEarnsNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        await forum.AskAsync(member);

        Assert.Empty(await forum.Awarder().CheckMemberAsync(member.UserId, Ct));
    }

    [Fact]
    public async Task AnAnswerScoringTenEarnsTeacherAndNiceAnswerForThatAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(answerer, question);
        foreach (var voter in await forum.MembersAsync(10))
            await forum.VoteAsync(voter, answer);

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        Assert.Equal([(BadgeCatalogue.Teacher.Id, "once"), (BadgeCatalogue.NiceAnswer.Id, answer.ToString())], await forum.AwardsAsync(answerer));
    }

    [Fact]
    public async Task EachAnswerEarnsItsOwnNiceAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var first = await forum.AnswerAsync(answerer, question);
        var second = await forum.AnswerAsync(answerer, question, TestForum.AnswerBody + " Then restart the Pro.");
        await forum.SetScoreAsync(first, 12);
        await forum.SetScoreAsync(second, 30);

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        Assert.True(await forum.HoldsAsync(answerer, BadgeCatalogue.NiceAnswer, first.ToString()));
        Assert.True(await forum.HoldsAsync(answerer, BadgeCatalogue.NiceAnswer, second.ToString()));
        Assert.True(await forum.HoldsAsync(answerer, BadgeCatalogue.GoodAnswer, second.ToString()));
        Assert.False(await forum.HoldsAsync(answerer, BadgeCatalogue.GoodAnswer, first.ToString()));
    }

    [Fact]
    public async Task QuestionScoreBadgesFollowTheThresholds()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 100);

        await forum.Awarder().CheckMemberAsync(asker.UserId, Ct);

        var key = question.ToString();
        Assert.Equal([(1, "once"), (13, key), (14, key), (15, key)], await forum.AwardsAsync(asker));
    }

    [Fact]
    public async Task AcceptingAnAnswerEarnsTheAskerScholar()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(await forum.MemberAsync(), question);
        Assert.True((await forum.Accept.AcceptAsync(asker, answer, Ct)).Succeeded);

        await forum.Awarder().CheckMemberAsync(asker.UserId, Ct);

        Assert.True(await forum.HoldsAsync(asker, BadgeCatalogue.Scholar));
    }

    [Fact]
    public async Task AnAcceptedAnswerScoringFortyEarnsGuruButAnUnacceptedOneDoesNot()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var accepted = await forum.AnswerAsync(answerer, question);
        var other = await forum.AnswerAsync(answerer, question, TestForum.AnswerBody + " Or turn updates off.");
        Assert.True((await forum.Accept.AcceptAsync(asker, accepted, Ct)).Succeeded);
        await forum.SetScoreAsync(accepted, 40);
        await forum.SetScoreAsync(other, 60);

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        Assert.True(await forum.HoldsAsync(answerer, BadgeCatalogue.Guru, accepted.ToString()));
        Assert.False(await forum.HoldsAsync(answerer, BadgeCatalogue.Guru, other.ToString()));
    }

    [Fact]
    public async Task AFirstEditEarnsEditor()
    {
        await using var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var question = await forum.AskAsync(author);
        var edit = await forum.Edit.ExecuteAsync(author, new EditPostCommand(question, 1, TestForum.QuestionBody + " Firmware 4.2.1.", TestForum.QuestionTitle, ["wifi"]), Ct);
        Assert.True(edit.Succeeded, edit.Message);

        await forum.Awarder().CheckMemberAsync(author.UserId, Ct);

        Assert.True(await forum.HoldsAsync(author, BadgeCatalogue.Editor));
    }

    [Fact]
    public async Task AFirstDownVoteEarnsCritic()
    {
        await using var forum = await TestForum.CreateAsync();
        var voter = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        await forum.VoteAsync(voter, question, -1);

        await forum.Awarder().CheckMemberAsync(voter.UserId, Ct);

        Assert.Equal([(BadgeCatalogue.Critic.Id, "once")], await forum.AwardsAsync(voter));
    }

    [Fact]
    public async Task QuestionViewBadgesFollowTheViewCount()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetViewsAsync(question, 2_500);

        await forum.Awarder().CheckMemberAsync(asker.UserId, Ct);

        Assert.True(await forum.HoldsAsync(asker, BadgeCatalogue.PopularQuestion, question.ToString()));
        Assert.True(await forum.HoldsAsync(asker, BadgeCatalogue.NotableQuestion, question.ToString()));
        Assert.False(await forum.HoldsAsync(asker, BadgeCatalogue.FamousQuestion, question.ToString()));
    }

    [Fact]
    public async Task ADeletedPostEarnsNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 30);
        Assert.True((await forum.Delete.DeleteAsync(asker, question, Ct)).Succeeded);

        Assert.Empty(await forum.Awarder().CheckMemberAsync(asker.UserId, Ct));
    }

    [Fact]
    public async Task TagBadgesCountAnswerScoreAndAnswersInThatTag()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        for (var i = 0; i < 5; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing", "setup");
            await forum.SetScoreAsync(await forum.AnswerAsync(answerer, question), 2);
        }
        var wifi = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} in the attic", TestForum.QuestionBody, "wifi");
        await forum.SetScoreAsync(await forum.AnswerAsync(answerer, wifi), 9);

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        var tagAwards = (await forum.AwardsAsync(answerer)).Where(a => a.BadgeId == BadgeCatalogue.TagBronze.Id).Select(a => a.Key);
        Assert.Equal(["billing", "setup"], tagAwards);
    }

    [Fact]
    public async Task AFourthAnswerInATagIsNotEnoughWhateverItsScore()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        for (var i = 0; i < 4; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing");
            await forum.SetScoreAsync(await forum.AnswerAsync(answerer, question), 50);
        }

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        Assert.DoesNotContain(await forum.AwardsAsync(answerer), a => BadgeCatalogue.TagBadges.Any(b => b.Id == a.BadgeId));
    }

    [Fact]
    public async Task AYearOfMembershipEarnsYearlingAndEachFurtherYearAnother()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        var awarder = forum.Awarder();

        forum.Time.Advance(TimeSpan.FromDays(364));
        Assert.Empty(await awarder.CheckMemberAsync(member.UserId, Ct));

        forum.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["year-1"], (await awarder.CheckMemberAsync(member.UserId, Ct)).Select(e => e.AwardKey));

        forum.Time.Advance(TimeSpan.FromDays(366));
        Assert.Equal(["year-2"], (await awarder.CheckMemberAsync(member.UserId, Ct)).Select(e => e.AwardKey));
    }

    [Fact]
    public async Task CitizenPatrolWaitsForFlags()
    {
        await using var forum = await TestForum.CreateAsync();
        await forum.MembersAsync(3);

        var earned = await forum.Awarder().SweepAsync(Ct);

        Assert.DoesNotContain(earned, e => e.Badge == BadgeCatalogue.CitizenPatrol);
    }

    [Fact]
    public async Task CheckingOneMemberLeavesOthersToTheSweep()
    {
        await using var forum = await TestForum.CreateAsync();
        var checkedMember = await forum.MemberAsync();
        var other = await forum.MemberAsync();
        await forum.SetScoreAsync(await forum.AskAsync(checkedMember), 1);
        await forum.SetScoreAsync(await forum.AskAsync(other, TestForum.QuestionTitle + " too"), 1);

        await forum.Awarder().CheckMemberAsync(checkedMember.UserId, Ct);
        Assert.Empty(await forum.AwardsAsync(other));

        await forum.Awarder().SweepAsync(Ct);
        Assert.True(await forum.HoldsAsync(other, BadgeCatalogue.Student));
    }

    [Fact]
    public async Task ASecondSweepAwardsNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(4);
        var question = await forum.AskAsync(members[0]);
        var answer = await forum.AnswerAsync(members[1], question);
        await forum.VoteAsync(members[2], question);
        await forum.VoteAsync(members[3], answer, -1);
        await forum.SetScoreAsync(answer, 30);
        Assert.True((await forum.Accept.AcceptAsync(members[0], answer, Ct)).Succeeded);
        forum.Time.Advance(TimeSpan.FromDays(400));

        var first = await forum.Awarder().SweepAsync(Ct);
        var awards = await forum.CountAwardsAsync();
        var second = await forum.Awarder().SweepAsync(Ct);

        Assert.NotEmpty(first);
        Assert.Equal(first.Count, awards);
        Assert.Empty(second);
        Assert.Equal(awards, await forum.CountAwardsAsync());
    }

    [Fact]
    public async Task TheEventPathAndTheSweepAgree()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 26);
        await forum.SetViewsAsync(question, 1_200);

        var byEvent = await forum.Awarder().CheckMemberAsync(asker.UserId, Ct);

        Assert.Equal(4, byEvent.Count);
        Assert.Empty(await forum.Awarder().SweepAsync(Ct));
    }

    [Fact]
    public async Task AwardingConcurrentlyStillAwardsOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        await forum.SetScoreAsync(question, 12);

        var results = await Task.WhenAll(
            Task.Run(() => forum.Awarder().CheckMemberAsync(asker.UserId, Ct), Ct),
            Task.Run(() => forum.Awarder().CheckMemberAsync(asker.UserId, Ct), Ct),
            Task.Run(() => forum.Awarder().SweepAsync(Ct), Ct));

        Assert.Equal([(1, "once"), (13, question.ToString())], await forum.AwardsAsync(asker));
        Assert.Equal(2, results.Sum(r => r.Count));
        await using var db = forum.Db();
        Assert.Equal(2, await db.Notices.CountAsync(n => n.UserId == asker.UserId, Ct));
    }

    [Fact]
    public async Task EachAwardTellsTheMemberWithALinkToThePost()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.SetScoreAsync(answer, 10);

        await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct);

        var notices = await forum.Notices().UnreadAsync(answerer.UserId, Ct);
        var nice = Assert.Single(notices, n => n.Text.Contains("Nice Answer"));
        Assert.Equal($"You earned the bronze badge Nice Answer for “{TestForum.QuestionTitle}”.", nice.Text);
        Assert.Equal($"questions/{question}/router-drops-wi-fi-every-night#answer-{answer}", nice.Link);
        Assert.Equal(2, notices.Count);
    }
}
