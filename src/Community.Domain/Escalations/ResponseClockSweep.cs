using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

public sealed record SweepReport(int QuestionsChecked, int ExpertsInvited, int Escalated, int FollowUpsOffered, int ClocksStopped, int PrioritiesRaised);

/// <summary>
/// The response clock: moves questions that nobody answered (no accepted or positively scored answer, no staff response)
/// through the tiers, and raises the priority of escalations past their deadline. Safe to run twice or concurrently: every
/// tier is recorded on the question's clock, invitations are unique per member and question, and a question has at most
/// one open escalation (and the clock escalates a question only if it was never escalated).
/// </summary>
public sealed class ResponseClockSweep(IDbContextFactory<CommunityDbContext> contexts, EscalateQuestion escalate, ResponseClockOptions options, TimeProvider time)
{
    public Task<SweepReport> RunAsync(CancellationToken cancellationToken = default) => RunAsync(time.GetUtcNow().UtcDateTime, cancellationToken);

    /// <param name="now">The sweep's time: the injected clock's in production; a test may look ahead.</param>
    public async Task<SweepReport> RunAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var soonest = options.Tags.Values.Select(t => t.InviteExpertsAfter).Append(options.InviteExpertsAfter)
            .Concat(options.Tags.Values.Select(t => t.EscalateAfter)).Append(options.EscalateAfter).Min();
        List<Candidate> candidates;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var oldest = now - options.MaxQuestionAge;
            var youngest = now - soonest;
            candidates = await db.Questions.AsNoTracking()
                .Where(q => q.DeletedAt == null && q.ClosedAt == null && q.CreatedAt >= oldest && q.CreatedAt <= youngest)
                .Where(q => !db.ResponseClocks.Any(c => c.QuestionId == q.Id && c.StoppedAt != null))
                .Select(q => new Candidate(q.Id, q.AuthorId, q.Title, q.CreatedAt, q.Tags.Select(t => t.Name).ToList(),
                    q.AcceptedAnswerId != null || q.Answers.Any(a => a.DeletedAt == null && a.Score > 0),
                    q.FirstStaffResponseAt != null || db.Escalations.Any(e => e.QuestionId == q.Id && e.FirstResponseAt != null)))
                .ToListAsync(cancellationToken);
        }

        int invited = 0, escalated = 0, offered = 0, stopped = 0;
        foreach (var question in candidates)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var clock = await db.ResponseClocks.SingleOrDefaultAsync(c => c.QuestionId == question.Id, cancellationToken);
            if (clock is null)
            {
                clock = new ResponseClock { QuestionId = question.Id };
                db.ResponseClocks.Add(clock);
            }
            if (question.Answered || question.StaffResponded)
            {
                clock.StoppedAt = now;
                clock.StopReason = question.StaffResponded ? "staff" : "community";
                stopped += await SaveAsync(db, cancellationToken) ? 1 : 0;
                continue;
            }
            var due = ResponseTierRules.DueSteps(ResponseTierRules.For(options, question.Tags), question.AskedAt, clock, now);
            if (!due.Any)
                continue;
            if (due.InviteExperts)
            {
                invited += await InviteExpertsAsync(db, question, now, cancellationToken);
                clock.ExpertsInvitedAt = now;
            }
            if (due.Escalate)
            {
                if (!await db.Escalations.AnyAsync(e => e.QuestionId == question.Id, cancellationToken))
                {
                    var opened = await escalate.OpenAsync(new EscalateCommand(question.Id, null, EscalationPriority.Normal,
                        "The response clock escalated it: no accepted or upvoted answer and no staff response in time."), EscalationSource.Clock, null, cancellationToken);
                    if (opened.Succeeded) escalated++;
                    else continue; // no default team yet: try again next run
                }
                clock.EscalatedAt = now;
            }
            if (due.OfferFollowUp)
            {
                db.Notices.Add(new Notice
                {
                    UserId = question.AskerId, CreatedAt = now, Key = $"follow-up:{question.Id}",
                    Text = $"Nobody has solved \"{Clip(question.Title)}\" yet. You can continue privately with our staff from your question.",
                    Link = $"questions/{question.Id}/{Slug.From(question.Title)}#follow-up",
                });
                clock.FollowUpOfferedAt = now;
                clock.StoppedAt = now;
                clock.StopReason = "tiers-done";
                offered++;
            }
            if (!await SaveAsync(db, cancellationToken))
                continue; // another sweep moved this question at the same moment
        }
        return new SweepReport(candidates.Count, invited, escalated, offered, stopped, await RaiseOverdueAsync(now, cancellationToken));
    }

    private async Task<int> InviteExpertsAsync(CommunityDbContext db, Candidate question, DateTime now, CancellationToken cancellationToken)
    {
        var since = now - options.RecentAnswersWindow;
        var weekAgo = now.AddDays(-7);
        var tags = question.Tags;
        var experts = await db.Answers.AsNoTracking()
            .Where(a => a.DeletedAt == null && a.CreatedAt >= since && a.AuthorId != question.AskerId
                && a.Question!.Tags.Any(t => tags.Contains(t.Name))
                && db.InvitationOptIns.Any(o => o.UserId == a.AuthorId)
                && !db.ExpertInvitations.Any(i => i.QuestionId == question.Id && i.UserId == a.AuthorId)
                && db.ExpertInvitations.Count(i => i.UserId == a.AuthorId && i.InvitedAt > weekAgo) < options.WeeklyInvitationCap)
            .GroupBy(a => a.AuthorId)
            .Select(g => new { UserId = g.Key, Score = g.Sum(a => a.Score) })
            .Where(x => x.Score > 0)
            .OrderByDescending(x => x.Score).ThenBy(x => x.UserId)
            .Take(options.ExpertsPerQuestion)
            .ToListAsync(cancellationToken);
        foreach (var expert in experts)
        {
            db.ExpertInvitations.Add(new ExpertInvitation { QuestionId = question.Id, UserId = expert.UserId, InvitedAt = now });
            db.Notices.Add(new Notice
            {
                UserId = expert.UserId, CreatedAt = now, Key = $"invitation:{question.Id}",
                Text = $"You are invited to answer \"{Clip(question.Title)}\": nobody has answered it yet, and you know {string.Join(", ", tags)} well.",
                Link = $"questions/{question.Id}/{Slug.From(question.Title)}",
            });
        }
        return experts.Count;
    }

    private async Task<int> RaiseOverdueAsync(DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var overdue = await db.Escalations.AsNoTracking().Where(e => e.ResolvedAt == null && e.PausedAt == null && e.BreachedAt == null && e.DueAt < now)
            .Join(db.Questions, e => e.QuestionId, q => q.Id, (e, q) => new { Escalation = e, q.AuthorId }).ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var item in overdue)
        {
            var escalation = item.Escalation;
            var before = escalation.Priority;
            if (!EscalationRules.RaiseIfOverdue(escalation, now))
                continue;
            // Conditional on the breach not being recorded yet, so two sweeps at once raise it once.
            var updated = await db.Escalations.Where(e => e.Id == escalation.Id && e.BreachedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.BreachedAt, now).SetProperty(e => e.Priority, escalation.Priority), cancellationToken);
            if (updated == 0)
                continue;
            EscalationAudit.Record(db, now, null, EscalationAudit.PriorityRaised, escalation, item.AuthorId, $"past its deadline: {before} → {escalation.Priority}");
            raised++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    private static async Task<bool> SaveAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    private static string Clip(string title) => title.Length <= 120 ? title : title[..119] + "…";

    private sealed record Candidate(int Id, string AskerId, string Title, DateTime AskedAt, List<string> Tags, bool Answered, bool StaffResponded);
}
