using Community.Domain.Escalations;
using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Demo;

/// <summary>
/// The contact-centre side of the demo: two staff teams, escalations on Sam Ortega's desk (one overdue, one waiting for
/// the asker), a private follow-up between Dana Whitfield and Sam, a resolved escalation Dana rated, a question with experts
/// invited (Priya Raman opted in), and a month of resolved escalations for the metrics. The rest of the demo archive has
/// its response clock stopped, so the first sweep does not escalate old demo threads.
/// </summary>
internal static class DemoEscalations
{
    public static async Task SeedAsync(IDbContextFactory<CommunityDbContext> contexts, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = await db.Users.Where(u => u.Email != null && u.Email.EndsWith("@demo.local")).ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);
        string Id(string email) => ids[email];
        var dana = Id("customer@demo.local");
        var sam = Id("staff@demo.local");
        var priya = Id("expert@demo.local");
        var ingrid = Id("moderator@demo.local");

        var support = new StaffTeam { Name = "Technical support", IsDefault = true, UrgentMinutes = 60, HighMinutes = 240, NormalMinutes = 1440 };
        var billing = new StaffTeam { Name = "Billing", UrgentMinutes = 30, HighMinutes = 120, NormalMinutes = 480 };
        billing.Members.Add(new StaffTeamMember { UserId = sam, AddedAt = now.AddDays(-60) });
        db.StaffTeams.AddRange(support, billing);
        await db.SaveChangesAsync(cancellationToken);

        var questions = await db.Questions.AsNoTracking().Where(q => q.ClosedAt == null).OrderBy(q => q.Id)
            .Select(q => new DemoQuestionFacts(q.Id, q.AuthorId, q.Title, q.AnswerCount, q.AcceptedAnswerId != null))
            .ToListAsync(cancellationToken);
        var used = new HashSet<int>();
        int Take(Func<DemoQuestionFacts, bool> fits)
        {
            var pick = questions.First(q => !used.Contains(q.Id) && fits(q));
            used.Add(pick.Id);
            return pick.Id;
        }
        var danaOpen = Take(q => q.AuthorId == dana && !q.Accepted);
        var danaResolved = Take(q => q.AuthorId == dana);
        var overdue = Take(q => q.AnswerCount == 0 && q.AuthorId != dana);
        var fresh = Take(q => q.AnswerCount == 0 && q.AuthorId != dana);
        var waiting = Take(q => q.AnswerCount == 0 && q.AuthorId != dana);
        var invited = Take(q => q.AnswerCount == 0 && q.AuthorId != dana && q.AuthorId != priya);

        // Dana's open question: Sam picked it up and they continue privately about her order.
        var withDana = Escalate(db, danaOpen, billing, EscalationPriority.High, EscalationSource.Asker, dana, now.AddHours(-3));
        withDana.AssigneeId = sam;
        withDana.ClaimedAt = withDana.AcknowledgedAt = withDana.FirstResponseAt = now.AddHours(-2.5);
        withDana.Notes.Add(new EscalationNote { AuthorId = sam, Body = "Order BW-20261102 shows the replacement Point shipped to the old address. Checking with logistics.", At = now.AddHours(-2.4) });
        var conversation = new PrivateConversation { QuestionId = danaOpen, AskerId = dana, OpenedById = sam, OpenedAt = now.AddHours(-2.5) };
        conversation.Messages.AddRange(
        [
            new PrivateMessage { AuthorId = sam, Body = "Hi Dana, I'm Sam from Brightwave support. Could you send me your order number and the e-mail on your account? Only you and our staff can read this conversation.", At = now.AddHours(-2.5) },
            new PrivateMessage { AuthorId = dana, Body = "Thanks Sam! It's order BW-20261102, account dana.whitfield@example.com. The replacement never arrived.", At = now.AddHours(-2) },
            new PrivateMessage { AuthorId = sam, Body = "Found it: it went to your previous address. I've asked logistics to send a new one today with express delivery.", At = now.AddHours(-1) },
        ]);

        // Overdue: escalated by the clock, nobody responded, the sweep raised it from High to Urgent.
        var late = Escalate(db, overdue, support, EscalationPriority.High, EscalationSource.Clock, null, now.AddHours(-7));
        late.BreachedAt = now.AddHours(-2.9);
        late.Priority = EscalationPriority.Urgent;
        var byModerator = Escalate(db, fresh, support, EscalationPriority.Normal, EscalationSource.Manual, ingrid, now.AddMinutes(-40));
        byModerator.Notes.Add(new EscalationNote { AuthorId = ingrid, Body = "Three members report the same symptom after 4.2.1; looks like it needs engineering.", At = now.AddMinutes(-40) });
        var needsInfo = Escalate(db, waiting, support, EscalationPriority.Normal, EscalationSource.Clock, null, now.AddHours(-20));
        needsInfo.AssigneeId = sam;
        needsInfo.ClaimedAt = needsInfo.FirstResponseAt = now.AddHours(-18);
        needsInfo.PublicState = ResolutionState.NeedsMoreInformation;
        needsInfo.PausedAt = now.AddHours(-18);

        // Resolved and rated by Dana.
        var done = Escalate(db, danaResolved, support, EscalationPriority.Normal, EscalationSource.Manual, ingrid, now.AddDays(-6));
        done.AssigneeId = sam;
        done.ClaimedAt = done.FirstResponseAt = now.AddDays(-6).AddHours(3);
        done.PublicState = ResolutionState.FixedInVersion;
        done.Reference = "4.2.2";
        done.ResolvedAt = now.AddDays(-5);
        done.ResolvedById = sam;
        done.Rating = 4;
        done.RatingComment = "Sam explained it clearly and the 4.2.2 update fixed it.";
        done.RatedAt = now.AddDays(-4);

        // Experts invited: Priya opted in and was invited.
        db.InvitationOptIns.Add(new InvitationOptIn { UserId = priya, OptedInAt = now.AddDays(-30) });
        db.ExpertInvitations.Add(new ExpertInvitation { QuestionId = invited, UserId = priya, InvitedAt = now.AddHours(-1) });
        var invitedTitle = questions.Single(q => q.Id == invited).Title;
        db.Notices.Add(new Notice { UserId = priya, CreatedAt = now.AddHours(-1), Key = $"invitation:{invited}",
            Text = $"You are invited to answer \"{invitedTitle}\": nobody has answered it yet, and you know this area well.", Link = $"questions/{invited}/{Slug.From(invitedTitle)}" });

        // A month of history for the metrics: resolved escalations on answered threads, with response times and ratings.
        var random = new Random(7);
        foreach (var q in questions.Where(q => !used.Contains(q.Id) && q.AnswerCount > 0).Take(14))
        {
            var opened = now.AddDays(-random.Next(2, 30)).AddHours(-random.Next(0, 12));
            var team = random.Next(3) == 0 ? billing : support;
            var history = Escalate(db, q.Id, team, (EscalationPriority)random.Next(0, 3), (EscalationSource)random.Next(0, 3), null, opened);
            history.AssigneeId = sam;
            history.FirstResponseAt = history.ClaimedAt = opened.AddMinutes(random.Next(10, 60 * 30));
            if (history.FirstResponseAt > history.DueAt) history.BreachedAt = history.DueAt.AddMinutes(5);
            history.ResolvedAt = history.FirstResponseAt.Value.AddHours(random.Next(1, 40));
            if (history.ResolvedAt > now) history.ResolvedAt = now.AddMinutes(-random.Next(5, 120));
            history.ResolvedById = sam;
            history.PublicState = random.Next(4) == 0 ? ResolutionState.WorkaroundAvailable : ResolutionState.Resolved;
            if (random.Next(3) > 0) { history.Rating = random.Next(3, 6); history.RatedAt = history.ResolvedAt; }
        }
        db.PrivateConversations.Add(conversation);

        // The clock shows where each demo question is; the rest of the archive is not started on.
        db.ResponseClocks.Add(new ResponseClock { QuestionId = invited, ExpertsInvitedAt = now.AddHours(-1) });
        foreach (var q in questions.Where(q => q.Id != invited))
            db.ResponseClocks.Add(new ResponseClock { QuestionId = q.Id, StoppedAt = now, StopReason = "demo" });
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record DemoQuestionFacts(int Id, string AuthorId, string Title, int AnswerCount, bool Accepted);

    private static Escalation Escalate(CommunityDbContext db, int questionId, StaffTeam team, EscalationPriority priority, EscalationSource source, string? by, DateTime at)
    {
        var escalation = new Escalation
        {
            QuestionId = questionId, TeamId = team.Id, Priority = priority, Source = source, OpenedById = by, OpenedAt = at,
            DueAt = EscalationRules.DueAt(at, priority, team),
        };
        db.Escalations.Add(escalation);
        return escalation;
    }
}
