using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <param name="TeamId">Null for the default team.</param>
public sealed record EscalateCommand(int QuestionId, int? TeamId, EscalationPriority Priority, string? Note);

/// <summary>
/// Hands a question to a staff team with a priority, a deadline and an internal note. A question has at most one open
/// escalation: escalating it again (a double click, a racing sweep or flag) returns the open one.
/// </summary>
public sealed class EscalateQuestion(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, EscalateCommand command, CancellationToken cancellationToken = default)
    {
        if (EscalationRules.CanEscalate(actor) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (EscalationRules.NoteProblem(command.Note) is { } problem)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Note"] = problem });
        return await OpenAsync(command, EscalationSource.Manual, actor.UserId, cancellationToken);
    }

    /// <summary>For the system and other features (the response clock, accepted flags, the asker's request): no role check here.</summary>
    public async Task<WriteResult<int>> OpenAsync(EscalateCommand command, EscalationSource source, string? actorId, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == command.QuestionId && q.DeletedAt == null)
                .Select(q => new { q.Id, q.AuthorId }).SingleOrDefaultAsync(cancellationToken);
            if (question is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            if (await OpenIdAsync(db, question.Id, cancellationToken) is { } open)
                return WriteResult<int>.Done(open);
            var team = command.TeamId is { } teamId
                ? await db.StaffTeams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken)
                : await db.StaffTeams.SingleOrDefaultAsync(t => t.IsDefault, cancellationToken);
            if (team is null)
                return command.TeamId is null
                    ? WriteResult<int>.Fail(WriteFailure.Conflict, "No default staff team is set up: an admin sets one on the Staff teams page.")
                    : WriteResult<int>.Invalid(new Dictionary<string, string> { ["TeamId"] = "Choose one of the staff teams." });

            var now = time.GetUtcNow().UtcDateTime;
            var escalation = new Escalation
            {
                QuestionId = question.Id, TeamId = team.Id, Priority = command.Priority, Source = source,
                OpenedAt = now, OpenedById = actorId, DueAt = EscalationRules.DueAt(now, command.Priority, team),
            };
            if (!string.IsNullOrWhiteSpace(command.Note))
                escalation.Notes.Add(new EscalationNote { AuthorId = actorId ?? question.AuthorId, Body = command.Note.Trim(), At = now });
            db.Escalations.Add(escalation);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                await transaction.RollbackAsync(cancellationToken);
                await using var again = await contexts.CreateDbContextAsync(cancellationToken);
                return WriteResult<int>.Done((await OpenIdAsync(again, question.Id, cancellationToken))!.Value);
            }
            EscalationAudit.Record(db, now, actorId, EscalationAudit.Opened, escalation, question.AuthorId,
                $"question {question.Id} to {team.Name}, {command.Priority}, {source}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int>.Done(escalation.Id);
        }, cancellationToken);
    }

    internal static async Task<int?> OpenIdAsync(CommunityDbContext db, int questionId, CancellationToken cancellationToken)
    {
        var ids = await db.Escalations.Where(e => e.QuestionId == questionId && e.ResolvedAt == null).Select(e => e.Id).Take(1).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}
