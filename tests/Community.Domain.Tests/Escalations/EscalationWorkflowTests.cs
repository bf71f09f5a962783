using Community.Domain.Escalations;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Escalations;

/// <summary>From escalation to rating: who may do what, what happens once, and what is written to the audit log.</summary>
public sealed class EscalationWorkflowTests
{
    private static CancellationToken Ct => EscalationForum.Ct;

    [Fact]
    public async Task AMemberCannotEscalateAndAModeratorEscalatingTwiceMakesOneEscalation()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);

        var refused = await f.Escalate.ExecuteAsync(asker, new EscalateCommand(question, null, EscalationPriority.Urgent, null), Ct);
        var first = await f.Escalate.ExecuteAsync(f.Moderator, new EscalateCommand(question, null, EscalationPriority.Urgent, "Customer data at risk"), Ct);
        var second = await f.Escalate.ExecuteAsync(f.Moderator, new EscalateCommand(question, null, EscalationPriority.Normal, null), Ct);

        Assert.Equal(WriteFailure.Forbidden, refused.Failure);
        Assert.Equal(first.Value, second.Value);
        var escalation = await f.EscalationAsync(first.Value);
        Assert.Equal(f.Now.AddHours(1), escalation.DueAt);
        Assert.Equal("Customer data at risk", Assert.Single(escalation.Notes).Body);
        await using var db = f.Forum.Db();
        var audit = Assert.Single(await db.AuditEntries.Where(a => a.Action == "escalation.opened").ToListAsync(Ct));
        Assert.Equal(f.Moderator.UserId, audit.ActorId);
        Assert.Equal(asker.UserId, audit.TargetUserId);
    }

    [Fact]
    public async Task TheDeskListsTheTeamsEscalationsOverdueFirstThenByTimeLeft()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var normal = await f.EscalatedAsync(await f.Forum.AskAsync(asker, "Normal priority question here"), EscalationPriority.Normal);
        var high = await f.EscalatedAsync(await f.Forum.AskAsync(asker, "High priority question here"), EscalationPriority.High);
        f.Forum.Time.Advance(TimeSpan.FromMinutes(30));
        var urgent = await f.EscalatedAsync(await f.Forum.AskAsync(asker, "Urgent priority question here"), EscalationPriority.Urgent);
        f.Forum.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(45)); // high is now 15 min overdue, urgent 3h15 overdue

        var desk = await f.Queries.DeskAsync(f.Staff.UserId, new DeskFilter(), Ct);

        Assert.Equal([urgent, high, normal], desk.Select(r => r.Id));
        Assert.Equal([true, true, false], desk.Select(r => r.IsOverdue));
        Assert.Equal([normal], (await f.Queries.DeskAsync(f.Staff.UserId, new DeskFilter(Priority: EscalationPriority.Normal), Ct)).Select(r => r.Id));
    }

    [Fact]
    public async Task OnlyStaffWorkTheDesk()
    {
        await using var f = await EscalationForum.CreateAsync();
        var id = await f.EscalatedAsync(await f.Forum.AskAsync(await f.Forum.MemberAsync()));

        Assert.Equal(WriteFailure.Forbidden, (await f.Work.ClaimAsync(f.Moderator, id, Ct)).Failure);
        Assert.Equal(WriteFailure.Forbidden, (await f.Resolve.ExecuteAsync(f.Moderator, new ResolveCommand(id, ResolutionState.Resolved, null, null), Ct)).Failure);
        Assert.True((await f.Work.ClaimAsync(f.Staff, id, Ct)).Succeeded);
        Assert.Equal(f.Staff.UserId, (await f.EscalationAsync(id)).AssigneeId);
    }

    [Fact]
    public async Task NeedsMoreInformationPausesTheDeadlineUntilTheAskerRepliesPrivately()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);
        var id = await f.EscalatedAsync(question, EscalationPriority.High);
        var conversation = await f.FollowUps.OpenAsync(f.Staff, question, Ct);
        f.Forum.Time.Advance(TimeSpan.FromHours(1));
        Assert.True((await f.Work.SetStateAsync(f.Staff, id, ResolutionState.NeedsMoreInformation, null, Ct)).Succeeded);

        f.Forum.Time.Advance(TimeSpan.FromHours(10));
        Assert.Equal(0, (await f.Sweep.RunAsync(Ct)).PrioritiesRaised);
        Assert.True((await f.FollowUps.PostAsync(asker, conversation.Value, "Here is my order number: BW-20261102", null, Ct)).Succeeded);

        var escalation = await f.EscalationAsync(id);
        Assert.Null(escalation.PausedAt);
        Assert.Equal(TimeSpan.FromHours(3), EscalationRules.TimeLeft(escalation, f.Now));
        Assert.Equal(f.Now.AddHours(-10), escalation.FirstResponseAt);
    }

    [Fact]
    public async Task ResolvingWithASummaryPostsADisclosedStaffAnswerAsksForARatingAndHappensOnce()
    {
        await using var f = await EscalationForum.CreateAsync();
        await using (var db = f.Forum.Db())
        {
            db.StaffProfiles.Add(new Community.Domain.Staff.StaffProfile { UserId = f.Staff.UserId, RealName = "Sam Staff", JobTitle = "Support engineer", Team = "Technical support", StartedAt = f.Now });
            await db.SaveChangesAsync(Ct);
        }
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);
        var id = await f.EscalatedAsync(question);
        const string summary = "We replaced the faulty Point. If yours blinks amber after 4.2.1, contact us and we will swap it.";

        var command = new ResolveCommand(id, ResolutionState.FixedInVersion, "4.2.2", summary, "resolve-token");
        var first = await f.Resolve.ExecuteAsync(f.Staff, command, Ct);
        var again = await f.Resolve.ExecuteAsync(f.Staff, command, Ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(first.Value, again.Value);
        var escalation = await f.EscalationAsync(id);
        Assert.NotNull(escalation.ResolvedAt);
        Assert.Equal("4.2.2", escalation.Reference);
        var answer = await f.Forum.PostAsync(escalation.SummaryAnswerId!.Value);
        Assert.Equal("Sam Staff", answer.StaffDisclosure?.Name);
        await using var check = f.Forum.Db();
        Assert.Equal(1, await check.Answers.CountAsync(a => a.QuestionId == question, Ct));
        Assert.Equal(1, await check.Notices.CountAsync(n => n.UserId == asker.UserId && n.Key == $"escalation:{id}:rate", Ct));
        Assert.Equal(f.Now, (await check.Questions.SingleAsync(q => q.Id == question, Ct)).FirstStaffResponseAt);
        // The knowledge base's outbox got the resolution in the same transaction, with the summary and its author.
        var outbox = Assert.Single(await check.KnowledgeBaseOutbox.Where(e => e.QuestionId == question && e.Kind == Community.Domain.KnowledgeBase.ResolutionKind.EscalationResolved).ToListAsync(Ct));
        Assert.Equal(summary, outbox.Summary);
        Assert.Equal(f.Staff.UserId, outbox.SummaryAuthorId);
        var status = await f.Queries.ForQuestionAsync(question, asker.UserId, viewerIsStaff: false, Ct);
        Assert.Equal(PublicStatus.Resolved, status.Status.Status);
        Assert.True(status.CanRate);
    }

    [Fact]
    public async Task OnlyTheAskerRatesOnceResolvedAndOnlyOnce()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);
        var id = await f.EscalatedAsync(question);

        Assert.Equal(WriteFailure.Conflict, (await f.Rate.ExecuteAsync(asker, new RateCommand(id, 5, null), Ct)).Failure);
        await f.Resolve.ExecuteAsync(f.Staff, new ResolveCommand(id, ResolutionState.Resolved, null, null), Ct);
        Assert.Equal(WriteFailure.NotFound, (await f.Rate.ExecuteAsync(await f.Forum.MemberAsync(), new RateCommand(id, 1, null), Ct)).Failure);
        Assert.Equal(WriteFailure.Invalid, (await f.Rate.ExecuteAsync(asker, new RateCommand(id, 6, null), Ct)).Failure);
        Assert.True((await f.Rate.ExecuteAsync(asker, new RateCommand(id, 4, " Quick and clear "), Ct)).Succeeded);
        Assert.True((await f.Rate.ExecuteAsync(asker, new RateCommand(id, 1, "changed my mind"), Ct)).Succeeded);

        var escalation = await f.EscalationAsync(id);
        Assert.Equal(4, escalation.Rating);
        Assert.Equal("Quick and clear", escalation.RatingComment);
    }

    [Fact]
    public async Task APrivateConversationIsReadableByTheAskerAndStaffOnly()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var other = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);

        Assert.Equal(WriteFailure.Conflict, (await f.FollowUps.OpenAsync(f.Staff, question, Ct)).Failure);
        await f.EscalatedAsync(question);
        var opened = await f.FollowUps.OpenAsync(f.Staff, question, Ct);
        Assert.Equal(opened.Value, (await f.FollowUps.OpenAsync(f.Staff, question, Ct)).Value);
        Assert.True((await f.FollowUps.PostAsync(f.Staff, opened.Value, "What is your order number?", "t1", Ct)).Succeeded);
        Assert.True((await f.FollowUps.PostAsync(f.Staff, opened.Value, "What is your order number?", "t1", Ct)).Succeeded);

        Assert.Null(await f.FollowUps.ReadAsync(other, opened.Value, Ct));
        Assert.Null(await f.FollowUps.ReadAsync(f.Moderator, opened.Value, Ct));
        Assert.Null(await f.FollowUps.ReadAsync(null, opened.Value, Ct));
        Assert.Equal(WriteFailure.NotFound, (await f.FollowUps.PostAsync(other, opened.Value, "let me in", null, Ct)).Failure);
        Assert.Equal(WriteFailure.NotFound, (await f.FollowUps.OpenAsync(other, question, Ct)).Failure);
        var seen = await f.FollowUps.ReadAsync(asker, opened.Value, Ct);
        Assert.Equal("What is your order number?", Assert.Single(seen!.Messages).Body);
        Assert.NotNull(await f.FollowUps.ReadAsync(f.Admin, opened.Value, Ct));
    }

    [Fact]
    public async Task TheAskerAsksForAFollowUpAndStaffGetAnEscalationToTheDefaultTeam()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);

        var opened = await f.FollowUps.OpenAsync(asker, question, Ct);

        Assert.True(opened.Succeeded, opened.Message);
        var escalation = Assert.Single(await f.EscalationsOfAsync(question));
        Assert.Equal(EscalationSource.Asker, escalation.Source);
        Assert.Equal(f.DefaultTeamId, escalation.TeamId);
    }

    [Fact]
    public async Task CustomerHistoryShowsTheAskersEarlierQuestionsEscalationsAndConversations()
    {
        await using var f = await EscalationForum.CreateAsync();
        var asker = await f.Forum.MemberAsync();
        var earlier = await f.Forum.AskAsync(asker, "An earlier question by the same asker");
        var earlierEscalation = await f.EscalatedAsync(earlier);
        await f.FollowUps.OpenAsync(f.Staff, earlier, Ct);
        await f.Resolve.ExecuteAsync(f.Staff, new ResolveCommand(earlierEscalation, ResolutionState.WorkaroundAvailable, null, null), Ct);
        await f.Forum.AskAsync(await f.Forum.MemberAsync(), "Someone else's question entirely");
        f.Forum.Time.Advance(TimeSpan.FromDays(1));
        var now = await f.EscalatedAsync(await f.Forum.AskAsync(asker, "The asker's new question today"));

        var detail = await f.Queries.DetailAsync(now, Ct);

        Assert.Equal(["Escalation", "Private conversation", "Question"], detail!.History.Select(h => h.Kind).Order());
        Assert.All(detail.History, h => Assert.Equal("An earlier question by the same asker", h.Title));
        Assert.Contains("Workaround available", detail.History.Single(h => h.Kind == "Escalation").Detail);
    }

    [Fact]
    public async Task TeamsAreForAdminsAndThereIsAlwaysOneDefault()
    {
        await using var f = await EscalationForum.CreateAsync();
        Assert.Equal(WriteFailure.Forbidden, (await f.Teams.SaveAsync(f.Staff, new TeamInput(null, "Billing", 30, 120, 480, false), Ct)).Failure);
        Assert.Equal(WriteFailure.Invalid, (await f.Teams.SaveAsync(f.Admin, new TeamInput(null, "Billing", 300, 120, 480, false), Ct)).Failure);
        var billing = await f.Teams.SaveAsync(f.Admin, new TeamInput(null, "Billing", 30, 120, 480, true), Ct);
        // Unticking "default" on the only default keeps it: some team must take unrouted escalations.
        await f.Teams.SaveAsync(f.Admin, new TeamInput(billing.Value, "Billing", 30, 120, 480, false), Ct);

        var teams = await f.Queries.TeamsAsync(Ct);
        Assert.Equal([billing.Value], teams.Where(t => t.IsDefault).Select(t => t.Id));
    }

    [Fact]
    public async Task AStaffMemberIsOnTheTeamTheirDisclosureNames()
    {
        await using var f = await EscalationForum.CreateAsync();
        var disclosed = await f.WithRoleAsync(await f.Forum.MemberAsync("Bea Billing"), Community.Domain.Accounts.Roles.Staff);
        var billing = await f.Teams.SaveAsync(f.Admin, new TeamInput(null, "Billing", 30, 120, 480, false), Ct);
        await using (var db = f.Forum.Db())
        {
            db.StaffProfiles.Add(new Community.Domain.Staff.StaffProfile { UserId = disclosed.UserId, RealName = "Bea", JobTitle = "Billing agent", Team = "billing", StartedAt = f.Now });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal([billing.Value], await f.Queries.TeamsOfAsync(disclosed.UserId, Ct));
    }

    [Fact]
    public async Task MetricsGiveMedianAndP90FirstResponseOverdueAndSatisfaction()
    {
        await using var f = await EscalationForum.CreateAsync();
        var start = f.Now;
        var ids = new List<int>();
        foreach (var minutes in new[] { 10, 20, 30, 40, 600 })
        {
            var asker = await f.Forum.MemberAsync();
            var id = await f.EscalatedAsync(await f.Forum.AskAsync(asker, $"Question answered in {minutes} minutes"));
            f.Forum.Time.Advance(TimeSpan.FromMinutes(minutes));
            await f.Work.AcknowledgeAsync(f.Staff, id, Ct);
            await f.Resolve.ExecuteAsync(f.Staff, new ResolveCommand(id, ResolutionState.Resolved, null, null), Ct);
            await f.Rate.ExecuteAsync(asker, new RateCommand(id, minutes < 600 ? 5 : 2, null), Ct);
            ids.Add(id);
        }
        var communityAsker = await f.Forum.MemberAsync();
        var community = await f.Forum.AskAsync(communityAsker, "Solved by a member without staff");
        Assert.True((await f.Forum.Accept.AcceptAsync(communityAsker, await f.Forum.AnswerAsync(await f.Forum.MemberAsync(), community), Ct)).Succeeded);

        var report = await f.Metrics.ReportAsync(start.AddDays(-1), start.AddDays(2), Ct);

        Assert.Equal(TimeSpan.FromMinutes(30), report.MedianFirstResponse);
        Assert.Equal(TimeSpan.FromMinutes(600), report.P90FirstResponse);
        Assert.Equal(5, report.Opened);
        Assert.Equal(5, report.Resolved);
        Assert.Equal(0, report.Overdue);
        Assert.Equal(4.4, report.Satisfaction!.Value, 3);
        Assert.Equal(1, report.AnsweredByCommunity);
        Assert.Equal("Technical support", Assert.Single(report.Teams).Team);
    }

    [Fact]
    public async Task AnAcceptedStaffAttentionFlagBecomesOneEscalationToTheDefaultTeam()
    {
        await using var f = await EscalationForum.CreateAsync();
        var question = await f.Forum.AskAsync(await f.Forum.MemberAsync());
        var handoff = new EscalationHandoff(f.Escalate);
        var request = new Community.Domain.Moderation.StaffAttentionRequest(question, question, null, ["My refund never arrived", "Same here"], f.Moderator.UserId);

        await handoff.HandOffAsync(request, Ct);
        await handoff.HandOffAsync(request, Ct);

        var escalation = await f.EscalationAsync(Assert.Single(await f.EscalationsOfAsync(question)).Id);
        Assert.Equal(EscalationSource.Flag, escalation.Source);
        Assert.Equal(f.DefaultTeamId, escalation.TeamId);
        Assert.Equal(f.Moderator.UserId, escalation.OpenedById);
        Assert.Contains("My refund never arrived / Same here", Assert.Single(escalation.Notes).Body);
    }
}
