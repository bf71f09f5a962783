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
        if (await DuplicateProblemAsync(db, question.Id, command.Reason, command.DuplicateOfId, cancellationToken) is { } problem)
            return WriteResult<bool>.Invalid(new Dictionary<string, string> { ["DuplicateOf"] = problem });
        Close(question, command.Reason, command.DuplicateOfId, actor.UserId, time.GetUtcNow().UtcDateTime);
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
        Reopen(question);
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<bool>.Done(false);
    }

    /// <param name="closedById">The moderator who closed it; null when the community's votes did.</param>
    internal static void Close(Question question, CloseReason reason, int? duplicateOfId, string? closedById, DateTime now)
    {
        question.ClosedAt = now;
        question.ClosedById = closedById;
        question.CloseReason = reason;
        question.DuplicateOfId = reason == CloseReason.Duplicate ? duplicateOfId : null;
    }

    internal static void Reopen(Question question)
    {
        question.ClosedAt = null;
        question.ClosedById = null;
        question.CloseReason = null;
        question.DuplicateOfId = null;
    }

    /// <summary>A duplicate must name another question that exists.</summary>
    internal static async Task<string?> DuplicateProblemAsync(CommunityDbContext db, int questionId, CloseReason reason, int? duplicateOfId, CancellationToken cancellationToken)
    {
        if (reason != CloseReason.Duplicate)
            return null;
        if (duplicateOfId is not { } original || original == questionId)
            return "Give the number of the question this one duplicates.";
        return await db.Questions.AnyAsync(q => q.Id == original && q.DeletedAt == null, cancellationToken)
            ? null
            : $"There is no question number {original} to point to.";
    }
}
