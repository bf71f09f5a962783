using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

public sealed record CloseQuestionCommand(int QuestionId, CloseReason Reason, int? DuplicateOfId = null);

/// <summary>Moderators close a question (a duplicate points at its original) and reopen it.</summary>
public sealed class CloseQuestion(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<bool>> CloseAsync(Actor actor, CloseQuestionCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == command.QuestionId, cancellationToken);
        if (question is null)
            return WriteResult<bool>.Fail(WriteFailure.NotFound, "This question no longer exists.");
        if (PostRules.CanClose(actor, question) is { Allowed: false } refused)
            return WriteResult<bool>.From(refused);
        if (command.Reason == CloseReason.Duplicate)
        {
            if (command.DuplicateOfId is not { } original || original == question.Id)
                return WriteResult<bool>.Invalid(new Dictionary<string, string> { ["DuplicateOf"] = "Give the number of the question this one duplicates." });
            if (!await db.Questions.AnyAsync(q => q.Id == original && q.DeletedAt == null, cancellationToken))
                return WriteResult<bool>.Invalid(new Dictionary<string, string> { ["DuplicateOf"] = $"There is no question number {original} to point to." });
        }
        question.ClosedAt = time.GetUtcNow().UtcDateTime;
        question.ClosedById = actor.UserId;
        question.CloseReason = command.Reason;
        question.DuplicateOfId = command.Reason == CloseReason.Duplicate ? command.DuplicateOfId : null;
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<bool>.Done(true);
    }

    public async Task<WriteResult<bool>> ReopenAsync(Actor actor, int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
        if (question is null)
            return WriteResult<bool>.Fail(WriteFailure.NotFound, "This question no longer exists.");
        if (PostRules.CanClose(actor, question) is { Allowed: false } refused)
            return WriteResult<bool>.From(refused);
        question.ClosedAt = null;
        question.ClosedById = null;
        question.CloseReason = null;
        question.DuplicateOfId = null;
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<bool>.Done(false);
    }
}
