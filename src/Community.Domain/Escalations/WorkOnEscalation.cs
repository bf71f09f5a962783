using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <summary>The desk's actions on an open escalation: claim, assign, acknowledge, note, set the public state. Staff only; each is audited.</summary>
public sealed class WorkOnEscalation(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, Notifications.Notifier? notifier = null)
{
    public Task<WriteResult<int>> ClaimAsync(Actor actor, int escalationId, CancellationToken cancellationToken = default) =>
        ActAsync(actor, escalationId, EscalationAudit.Claimed, (db, escalation, now) =>
        {
            if (escalation.AssigneeId == actor.UserId) return Task.FromResult<string?>(null);
            escalation.AssigneeId = actor.UserId;
            escalation.ClaimedAt = now;
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public async Task<WriteResult<int>> AssignAsync(Actor actor, int escalationId, string assigneeId, CancellationToken cancellationToken = default)
    {
        var result = await ActAsync(actor, escalationId, EscalationAudit.Assigned, async (db, escalation, now) =>
        {
            if (!await StaffAccess.IsStaffAsync(db, assigneeId, cancellationToken))
                return "Assign it to a staff member.";
            escalation.AssigneeId = assigneeId;
            escalation.ClaimedAt = now;
            return null;
        }, cancellationToken, details: $"to {assigneeId}");
        // The assignee hears of it (not someone assigning to themselves: they know).
        if (result.Succeeded && assigneeId != actor.UserId)
            await Notifications.Notifier.AfterAsync(notifier, n => n.TellAsync(assigneeId, Notifications.NotificationKind.EscalationAssigned,
                $"An escalation was assigned to you (#{escalationId}).", $"staff/desk/{escalationId}", cancellationToken: cancellationToken));
        return result;
    }

    public Task<WriteResult<int>> AcknowledgeAsync(Actor actor, int escalationId, CancellationToken cancellationToken = default) =>
        ActAsync(actor, escalationId, EscalationAudit.Acknowledged, (db, escalation, now) =>
        {
            escalation.AcknowledgedAt ??= now;
            escalation.FirstResponseAt ??= now;
            escalation.AssigneeId ??= actor.UserId;
            escalation.ClaimedAt ??= now;
            return Task.FromResult<string?>(null);
        }, cancellationToken);

    public Task<WriteResult<int>> AddNoteAsync(Actor actor, int escalationId, string note, CancellationToken cancellationToken = default) =>
        ActAsync(actor, escalationId, EscalationAudit.Noted, (db, escalation, now) =>
        {
            if (string.IsNullOrWhiteSpace(note)) return Task.FromResult<string?>("Write the note first.");
            if (EscalationRules.NoteProblem(note) is { } problem) return Task.FromResult<string?>(problem);
            escalation.Notes.Add(new EscalationNote { AuthorId = actor.UserId, Body = note.Trim(), At = now });
            return Task.FromResult<string?>(null);
        }, cancellationToken, allowResolved: true);

    /// <summary>A public state while the work goes on; "needs more information" stops the deadline until the state changes or the asker replies.</summary>
    public Task<WriteResult<int>> SetStateAsync(Actor actor, int escalationId, ResolutionState state, string? reference, CancellationToken cancellationToken = default) =>
        ActAsync(actor, escalationId, EscalationAudit.StateSet, (db, escalation, now) =>
        {
            if (EscalationRules.StateProblem(state, reference) is { } problem) return Task.FromResult<string?>(problem);
            escalation.PublicState = state;
            escalation.Reference = string.IsNullOrWhiteSpace(reference) ? null : reference.Trim();
            escalation.FirstResponseAt ??= now;
            if (state == ResolutionState.NeedsMoreInformation) EscalationRules.Pause(escalation, now);
            else EscalationRules.Resume(escalation, now);
            return Task.FromResult<string?>(null);
        }, cancellationToken, details: $"{state} {reference}".Trim());

    private async Task<WriteResult<int>> ActAsync(Actor actor, int escalationId, string auditAction,
        Func<CommunityDbContext, Escalation, DateTime, Task<string?>> change, CancellationToken cancellationToken, bool allowResolved = false, string? details = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (EscalationRules.CanWorkDesk(await StaffAccess.IsStaffAsync(db, actor.UserId, cancellationToken)) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        var escalation = await db.Escalations.SingleOrDefaultAsync(e => e.Id == escalationId, cancellationToken);
        if (escalation is null)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This escalation does not exist.");
        if (!escalation.IsOpen && !allowResolved)
            return WriteResult<int>.Fail(WriteFailure.Conflict, "This escalation is already resolved.");
        var now = time.GetUtcNow().UtcDateTime;
        if (await change(db, escalation, now) is { } problem)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Escalation"] = problem });
        var askerId = await db.Questions.Where(q => q.Id == escalation.QuestionId).Select(q => q.AuthorId).SingleAsync(cancellationToken);
        EscalationAudit.Record(db, now, actor.UserId, auditAction, escalation, askerId, details);
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<int>.Done(escalation.Id);
    }
}
