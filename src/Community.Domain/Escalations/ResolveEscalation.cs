using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <param name="Summary">Markdown of a public answer that tells the community the outcome without the personal details; optional.</param>
public sealed record ResolveCommand(int EscalationId, ResolutionState State, string? Reference, string? Summary, string? ClientToken = null, bool ConfirmedNotPersonal = false);

/// <summary>
/// Staff close an escalation with a public resolution state and, if they write one, a public summary answer posted through
/// <see cref="AnswerQuestion"/> (so it carries their staff disclosure). The asker is then asked how satisfied they are.
/// </summary>
public sealed class ResolveEscalation(IDbContextFactory<CommunityDbContext> contexts, AnswerQuestion answers, TimeProvider time)
{
    public static readonly ResolutionState[] FinalStates =
        [ResolutionState.Resolved, ResolutionState.WorkaroundAvailable, ResolutionState.ConfirmedBug, ResolutionState.FixedInVersion];

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, ResolveCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            if (EscalationRules.CanWorkDesk(await StaffAccess.IsStaffAsync(db, actor.UserId, cancellationToken)) is { Allowed: false } refused)
                return WriteResult<int>.From(refused);
            var escalation = await db.Escalations.SingleOrDefaultAsync(e => e.Id == command.EscalationId, cancellationToken);
            if (escalation is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This escalation does not exist.");
            if (!escalation.IsOpen)
                return WriteResult<int>.Done(escalation.Id);
            if (!FinalStates.Contains(command.State))
                return WriteResult<int>.Invalid(new Dictionary<string, string> { ["State"] = "Resolve as resolved, workaround available, confirmed bug or fixed in a version." });
            if (EscalationRules.StateProblem(command.State, command.Reference) is { } problem)
                return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Reference"] = problem });

            int? summaryId = null;
            if (!string.IsNullOrWhiteSpace(command.Summary))
            {
                var posted = await answers.ExecuteAsync(actor, new AnswerQuestionCommand(escalation.QuestionId, command.Summary, command.ClientToken, ConfirmedNotPersonal: command.ConfirmedNotPersonal), cancellationToken);
                if (!posted.Succeeded)
                    return posted.FieldErrors.Count > 0
                        ? WriteResult<int>.Invalid(posted.FieldErrors.ToDictionary(e => e.Key == "Body" ? "Summary" : e.Key, e => e.Value))
                        : WriteResult<int>.Fail(posted.Failure, posted.Message!);
                summaryId = posted.Value;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == escalation.QuestionId).Select(q => new { q.Id, q.AuthorId, q.Title }).SingleAsync(cancellationToken);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            EscalationRules.Resume(escalation, now);
            escalation.PublicState = command.State;
            escalation.Reference = string.IsNullOrWhiteSpace(command.Reference) ? null : command.Reference.Trim();
            escalation.ResolvedAt = now;
            escalation.ResolvedById = actor.UserId;
            escalation.SummaryAnswerId = summaryId;
            escalation.FirstResponseAt ??= now;
            escalation.AssigneeId ??= actor.UserId;
            await db.PrivateConversations.Where(c => c.QuestionId == question.Id && c.ClosedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(c => c.ClosedAt, now), cancellationToken);
            db.Notices.Add(new Notice
            {
                UserId = question.AuthorId, CreatedAt = now, Key = $"escalation:{escalation.Id}:rate",
                Text = $"Staff resolved your question \"{question.Title}\". Did this solve your problem? Tell us on the question.",
                Link = $"questions/{question.Id}/{Slug.From(question.Title)}#satisfaction",
            });
            EscalationAudit.Record(db, now, actor.UserId, EscalationAudit.Resolved, escalation, question.AuthorId,
                $"{command.State} {escalation.Reference}".Trim() + (summaryId is { } id ? $", summary answer {id}" : ""));
            // The knowledge base learns of the resolved thread in this same transaction (its article takes the public summary).
            if (summaryId is not null)
                KnowledgeBase.KnowledgeBaseOutbox.Record(db, question.Id, KnowledgeBase.ResolutionKind.EscalationResolved, now, command.Summary, actor.UserId);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int>.Done(escalation.Id);
        }, cancellationToken);
    }
}
