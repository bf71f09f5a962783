using Community.Domain.Escalations;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Escalations;

/// <summary>The response clock on real SQLite: tiers in order, each once, however often and however concurrently it runs.</summary>
public sealed class ResponseClockSweepTests
{
    private static CancellationToken Ct => EscalationForum.Ct;

    [Fact]
    public async Task AfterFourHoursTheBestOptedInAnswerersInTheTagsAreInvitedOnce()
    {
        await using var f = await EscalationForum.CreateAsync();
        var experts = await ExpertsAsync(f, 4, "wifi");
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker, "Mesh drops every night at two", tags: "wifi");

        f.Forum.Time.Advance(TimeSpan.FromHours(3.9));
        Assert.Equal(0, (await f.Sweep.RunAsync(Ct)).ExpertsInvited);
        f.Forum.Time.Advance(TimeSpan.FromMinutes(10));
        var first = await f.Sweep.RunAsync(Ct);
        var second = await f.Sweep.RunAsync(Ct);

        Assert.Equal(3, first.ExpertsInvited);
        Assert.Equal(0, second.ExpertsInvited);
        await using var db = f.Forum.Db();
        var invited = await db.ExpertInvitations.Where(i => i.QuestionId == question).Select(i => i.UserId).ToListAsync(Ct);
        // The three with the highest recent answer score; the fourth (lowest score) is not invited.
        Assert.Equal(experts.Take(3).Select(e => e.UserId).Order(), invited.Order());
        Assert.Equal(3, await db.Notices.CountAsync(n => n.Key == $"invitation:{question}", Ct));
        Assert.Empty(await f.EscalationsOfAsync(question));
    }

    [Fact]
    public async Task MembersWhoDidNotOptInOrReachedTheirWeeklyCapAreNotInvited()
    {
        await using var f = await EscalationForum.CreateAsync(new ResponseClockOptions { WeeklyInvitationCap = 2 });
        var experts = await ExpertsAsync(f, 1, "wifi");
        var notOptedIn = await f.Forum.MemberAsync();
        await AnsweredWellAsync(f, notOptedIn, 50, "wifi");
        var asker = await f.Forum.MemberAsync();

        var questions = new List<int>();
        for (var i = 0; i < 3; i++)
            questions.Add(await f.Forum.AskAsync(asker, $"Unanswered wifi question number {i}", tags: "wifi"));
        f.Forum.Time.Advance(TimeSpan.FromHours(5));
        await f.Sweep.RunAsync(Ct);

        await using var db = f.Forum.Db();
        Assert.Equal(2, await db.ExpertInvitations.CountAsync(i => i.UserId == experts[0].UserId, Ct));
        Assert.False(await db.ExpertInvitations.AnyAsync(i => i.UserId == notOptedIn.UserId, Ct));
    }

    [Fact]
    public async Task After24HoursTheQuestionIsEscalatedToTheDefaultTeamOnceAndAfter48TheAskerIsOfferedAFollowUp()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);

        f.Forum.Time.Advance(TimeSpan.FromHours(24));
        await f.Sweep.RunAsync(Ct);
        await f.Sweep.RunAsync(Ct);
        var escalation = Assert.Single(await f.EscalationsOfAsync(question));
        Assert.Equal(f.DefaultTeamId, escalation.TeamId);
        Assert.Equal(EscalationSource.Clock, escalation.Source);
        Assert.Equal(f.Now.AddHours(24), escalation.DueAt);

        f.Forum.Time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(1, (await f.Sweep.RunAsync(Ct)).FollowUpsOffered);
        Assert.Equal(0, (await f.Sweep.RunAsync(Ct)).FollowUpsOffered);
        await using var db = f.Forum.Db();
        Assert.Equal(1, await db.Notices.CountAsync(n => n.UserId == asker.UserId && n.Key == $"follow-up:{question}", Ct));
        Assert.Single(await f.EscalationsOfAsync(question));
    }

    [Fact]
    public async Task TwoSweepsRunningAtOnceMakeOneEscalationAndOneSetOfInvitations()
    {
        await using var f = await EscalationForum.CreateAsync();
        await ExpertsAsync(f, 3, "wifi");
        var asker = await f.Forum.MemberAsync();
        var questions = new List<int>();
        for (var i = 0; i < 5; i++)
            questions.Add(await f.Forum.AskAsync(asker, $"Another question nobody answers {i}", tags: "wifi"));
        f.Forum.Time.Advance(TimeSpan.FromHours(30));

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => f.Sweep.RunAsync(Ct), Ct)));
        await f.Sweep.RunAsync(Ct);

        await using var db = f.Forum.Db();
        foreach (var question in questions)
        {
            Assert.Equal(1, await db.Escalations.CountAsync(e => e.QuestionId == question, Ct));
            var invited = await db.ExpertInvitations.Where(i => i.QuestionId == question).Select(i => i.UserId).ToListAsync(Ct);
            Assert.Equal(invited.Distinct().Count(), invited.Count);
        }
    }

    [Fact]
    public async Task AnUpvotedAnswerOrAStaffResponseStopsTheClock()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var answered = await f.Forum.AskAsync(asker, "Answered and upvoted by the community");
        var answer = await f.Forum.AnswerAsync(await f.Forum.MemberAsync(), answered);
        Assert.True((await f.Forum.Vote.ExecuteAsync(await f.Forum.MemberAsync(), answer, 1, Ct)).Succeeded);
        var staffed = await f.Forum.AskAsync(asker, "Answered by a member of staff");
        await using (var db = f.Forum.Db())
            await db.Questions.Where(q => q.Id == staffed).ExecuteUpdateAsync(s => s.SetProperty(q => q.FirstStaffResponseAt, f.Now), Ct);

        f.Forum.Time.Advance(TimeSpan.FromDays(3));
        var report = await f.Sweep.RunAsync(Ct);

        Assert.Equal(2, report.ClocksStopped);
        Assert.Empty(await f.EscalationsOfAsync(answered));
        Assert.Empty(await f.EscalationsOfAsync(staffed));
        await using var check = f.Forum.Db();
        Assert.Equal(["community", "staff"], await check.ResponseClocks.OrderBy(c => c.StopReason).Select(c => c.StopReason!).ToListAsync(Ct));
    }

    [Fact]
    public async Task AQuestionEscalatedByHandIsNotEscalatedAgainByTheClock()
    {
        await using var f = await EscalationForum.CreateAsync();
        var question = await f.Forum.AskAsync(await f.Forum.MemberAsync());
        var escalation = await f.EscalatedAsync(question);
        Assert.True((await f.Resolve.ExecuteAsync(f.Staff, new ResolveCommand(escalation, ResolutionState.Resolved, null, null), Ct)).Succeeded);

        f.Forum.Time.Advance(TimeSpan.FromHours(25));
        await f.Sweep.RunAsync(Ct);

        Assert.Single(await f.EscalationsOfAsync(question));
    }

    [Fact]
    public async Task AnEscalationPastItsDeadlineIsRaisedOnceAndStaysOverdue()
    {
        await using var f = await EscalationForum.CreateAsync();
        var question = await f.Forum.AskAsync(await f.Forum.MemberAsync());
        var id = await f.EscalatedAsync(question, EscalationPriority.High);

        f.Forum.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await f.Sweep.RunAsync(Ct)).PrioritiesRaised);
        Assert.Equal(0, (await f.Sweep.RunAsync(Ct)).PrioritiesRaised);

        var escalation = await f.EscalationAsync(id);
        Assert.Equal(EscalationPriority.Urgent, escalation.Priority);
        Assert.NotNull(escalation.BreachedAt);
        var row = Assert.Single(await f.Queries.DeskAsync(f.Staff.UserId, new DeskFilter(), Ct));
        Assert.True(row.IsOverdue);
        await using var db = f.Forum.Db();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "escalation.priority-raised", Ct));
    }

    /// <summary>Opted-in members with descending recent answer scores in <paramref name="tag"/>.</summary>
    private static async Task<List<Actor>> ExpertsAsync(EscalationForum f, int count, string tag)
    {
        var experts = new List<Actor>();
        for (var i = 0; i < count; i++)
        {
            var expert = await f.Forum.MemberAsync($"Expert {i}");
            await AnsweredWellAsync(f, expert, 10 - i, tag);
            await new InvitationSettings(f.Forum.Database, f.Forum.Time).SetAsync(expert.UserId, true, Ct);
            experts.Add(expert);
        }
        return experts;
    }

    private static async Task AnsweredWellAsync(EscalationForum f, Actor expert, int score, string tag)
    {
        var earlier = await f.Forum.AskAsync(await f.Forum.MemberAsync(), $"An earlier {tag} question for {expert.UserId[..6]}", tags: tag);
        var answer = await f.Forum.AnswerAsync(expert, earlier);
        await using var db = f.Forum.Db();
        await db.Posts.Where(p => p.Id == answer).ExecuteUpdateAsync(s => s.SetProperty(p => p.Score, score), Ct);
        // Answered long ago: the earlier question's own clock must not interfere.
        await db.Questions.Where(q => q.Id == earlier).ExecuteUpdateAsync(s => s.SetProperty(q => q.AcceptedAnswerId, answer), Ct);
    }
}
