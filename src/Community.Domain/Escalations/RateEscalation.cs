using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

public sealed record RateCommand(int EscalationId, int Rating, string? Comment);

/// <summary>The asker answers one question once an escalation is resolved: did this solve your problem (1 to 5), and why.</summary>
public sealed class RateEscalation(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, RateCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Escalations
            .Join(db.Questions, e => e.QuestionId, q => q.Id, (e, q) => new { Escalation = e, q.AuthorId })
            .SingleOrDefaultAsync(x => x.Escalation.Id == command.EscalationId, cancellationToken);
        if (found is null || found.AuthorId != actor.UserId)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "There is nothing to rate here.");
        var escalation = found.Escalation;
        if (escalation.IsOpen)
            return WriteResult<int>.Fail(WriteFailure.Conflict, "Staff have not resolved this yet; you can rate it once they have.");
        if (escalation.Rating is not null)
            return WriteResult<int>.Done(escalation.Id);
        var errors = new Dictionary<string, string>();
        if (command.Rating is < 1 or > 5) errors["Rating"] = "Choose from 1 (not at all) to 5 (completely).";
        if ((command.Comment?.Trim().Length ?? 0) > Escalation.CommentMaxLength) errors["Comment"] = $"Keep the comment to {Escalation.CommentMaxLength:N0} characters.";
        if (errors.Count > 0)
            return WriteResult<int>.Invalid(errors);
        escalation.Rating = command.Rating;
        escalation.RatingComment = string.IsNullOrWhiteSpace(command.Comment) ? null : command.Comment.Trim();
        escalation.RatedAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<int>.Done(escalation.Id);
    }
}
