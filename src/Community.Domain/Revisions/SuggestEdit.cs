using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Revisions;

public sealed record SuggestEditCommand(int PostId, int BaseVersion, string Body, string? Title, IReadOnlyList<string>? Tags, string? Summary);

/// <summary>A member below the edit privilege suggests an edit of someone else's post; it waits for review.</summary>
public sealed class SuggestEdit(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits,
    PrivilegeOptions privileges, TimeProvider time)
{
    public const string AlreadyPendingMessage = "Another suggested edit of this post is waiting for review. Try again once it has been reviewed.";

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, SuggestEditCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || !PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (await Moderation.Suspensions.RefusalAsync<int>(db, actor, time, cancellationToken) is { } suspended)
            return suspended;
        var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken);
        if (SuggestedEditRules.CanSuggest(actor, post, PrivilegeRules.Holds(privileges, Privilege.EditOthersPosts, reputation, false)) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (post.Version != command.BaseVersion)
            return WriteResult<int>.Fail(WriteFailure.Conflict, EditPost.ConflictMessage);

        var (edit, errors) = await PostEditing.PrepareAsync(db, markdown, post, command.Body, command.Title, command.Tags, command.Summary, cancellationToken);
        if (SuggestedEditRules.SummaryProblem(command.Summary) is { } summaryProblem) errors["Summary"] = summaryProblem;
        if (errors.Count > 0)
            return WriteResult<int>.Invalid(errors);
        var currentTags = (post as Question)?.Tags.Select(t => t.Name).ToList();
        if (SuggestedEditRules.ChangesNothing(post, command.Body, command.Title, edit!.Tags?.Select(t => t.Name).ToList(), currentTags))
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Body"] = "Your suggestion is the same as the post. Change something, or cancel." });

        var pending = await db.SuggestedEdits.Where(s => s.PostId == post.Id && s.State == SuggestedEditState.Pending)
            .Select(s => new { s.Id, s.SuggesterId, s.Body }).SingleOrDefaultAsync(cancellationToken);
        if (pending is not null)
            return SameSuggestion(pending.SuggesterId, pending.Body) ? WriteResult<int>.Done(pending.Id) : WriteResult<int>.Fail(WriteFailure.Conflict, AlreadyPendingMessage);
        if (await db.SuggestedEdits.CountAsync(s => s.SuggesterId == actor.UserId && s.State == SuggestedEditState.Pending, cancellationToken) >= SuggestedEditRules.MaxPendingPerMember)
            return WriteResult<int>.Fail(WriteFailure.RateLimited,
                $"You have {SuggestedEditRules.MaxPendingPerMember} suggested edits waiting for review. Suggest more once some have been reviewed.");
        if (limits.TryAcquire(WriteKind.Edit, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        var suggestion = new SuggestedEdit
        {
            PostId = post.Id, SuggesterId = actor.UserId, BaseVersion = post.Version, Body = command.Body,
            Title = edit.Title, Tags = edit.Tags is null ? null : string.Join(' ', edit.Tags.Select(t => t.Name)),
            Summary = command.Summary!.Trim(), CreatedAt = time.GetUtcNow().UtcDateTime, State = SuggestedEditState.Pending,
        };
        db.SuggestedEdits.Add(suggestion);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another suggestion of this post (or this same one, double-submitted) was saved a moment earlier.
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            var winner = await again.SuggestedEdits.Where(s => s.PostId == post.Id && s.State == SuggestedEditState.Pending)
                .Select(s => new { s.Id, s.SuggesterId, s.Body }).SingleOrDefaultAsync(cancellationToken);
            return winner is not null && SameSuggestion(winner.SuggesterId, winner.Body)
                ? WriteResult<int>.Done(winner.Id)
                : WriteResult<int>.Fail(WriteFailure.Conflict, AlreadyPendingMessage);
        }
        return WriteResult<int>.Done(suggestion.Id);

        bool SameSuggestion(string suggesterId, string body) => suggesterId == actor.UserId && body == command.Body;
    }
}
