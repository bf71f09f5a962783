using Community.Domain.Audit;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Revisions;

/// <summary>
/// A reviewer approves a suggested edit (it becomes a revision credited to the suggester, who earns a little reputation)
/// or rejects it with a reason the suggester sees. One review decides; a second reviewer at the same moment is told.
/// </summary>
public sealed class ReviewSuggestedEdit(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, ReputationLedger ledger,
    PrivilegeOptions privileges, TimeProvider time, Notices.MemberNotices? notices = null, Badges.BadgeAwarder? badges = null)
{
    public const string AlreadyReviewedMessage = "Someone else reviewed this suggested edit first; nothing was changed.";
    public const string SupersededMessage = "The post was edited after this suggestion was made, so it no longer applies. It was closed as outdated.";

    public async Task<WriteResult<SuggestedEditState>> ApproveAsync(Actor actor, int suggestionId, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<SuggestedEditState>>(async db =>
        {
            var (suggestion, post, refused) = await LoadForReviewAsync(db, actor, suggestionId, cancellationToken);
            if (refused is not null)
                return refused;
            var now = time.GetUtcNow().UtcDateTime;
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);

            if (post!.Version != suggestion!.BaseVersion || post.IsDeleted)
            {
                if (!await DecideAsync(db, suggestion, SuggestedEditState.Superseded, actor, now, null, cancellationToken))
                    return WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, AlreadyReviewedMessage);
                await transaction.CommitAsync(cancellationToken);
                return WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, SupersededMessage);
            }
            var (edit, errors) = await PostEditing.PrepareAsync(db, markdown, post, suggestion.Body, suggestion.Title,
                suggestion.Tags is null ? null : PostInput.ParseTags(suggestion.Tags), suggestion.Summary, cancellationToken);
            if (edit is null)
                return WriteResult<SuggestedEditState>.Fail(WriteFailure.Invalid, "This suggestion can no longer be applied: " + string.Join(" ", errors.Values) + " Reject it with that reason.");
            if (!await DecideAsync(db, suggestion, SuggestedEditState.Approved, actor, now, null, cancellationToken))
                return WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, AlreadyReviewedMessage);

            await PostEditing.ApplyAsync(db, post, edit, suggestion.SuggesterId, post.Version + 1, now, cancellationToken);
            await ledger.AppendAsync(db, [new ReputationChange(suggestion.SuggesterId, ledger.Points.SuggestedEditApproved, ReputationReason.SuggestedEditApproved)],
                $"suggested-edit:{suggestion.Id}", post.Id, actor.UserId, cancellationToken);
            AuditLog.Record(db, now, actor.UserId, AuditActions.SuggestedEditApproved, AuditTarget.Post(post.Id, suggestion.SuggesterId), details: suggestion.Summary);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, SupersededMessage);
            }
            if (notices is not null)
                await notices.AddAsync(db, suggestion.SuggesterId, $"Your suggested edit was approved: {suggestion.Summary}", PostLink(post), $"suggested-edit:{suggestion.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await Badges.BadgeCheck.AfterAsync(badges, [suggestion.SuggesterId], cancellationToken);
            return WriteResult<SuggestedEditState>.Done(SuggestedEditState.Approved);
        }, cancellationToken);
    }

    public async Task<WriteResult<SuggestedEditState>> RejectAsync(Actor actor, int suggestionId, string? reason, CancellationToken cancellationToken = default)
    {
        if (SuggestedEditRules.RejectReasonProblem(reason) is { } problem)
            return WriteResult<SuggestedEditState>.Invalid(new Dictionary<string, string> { ["Reason"] = problem });
        return await contexts.RunAsync<WriteResult<SuggestedEditState>>(async db =>
        {
            var (suggestion, post, refused) = await LoadForReviewAsync(db, actor, suggestionId, cancellationToken);
            if (refused is not null)
                return refused;
            var now = time.GetUtcNow().UtcDateTime;
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (!await DecideAsync(db, suggestion!, SuggestedEditState.Rejected, actor, now, reason!.Trim(), cancellationToken))
                return WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, AlreadyReviewedMessage);
            AuditLog.Record(db, now, actor.UserId, AuditActions.SuggestedEditRejected, AuditTarget.Post(post!.Id, suggestion!.SuggesterId), reason.Trim(), suggestion.Summary);
            await db.SaveChangesAsync(cancellationToken);
            if (notices is not null)
                await notices.AddAsync(db, suggestion.SuggesterId, $"Your suggested edit was rejected: {reason.Trim()}", PostLink(post), $"suggested-edit:{suggestion.Id}", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<SuggestedEditState>.Done(SuggestedEditState.Rejected);
        }, cancellationToken);
    }

    private async Task<(SuggestedEdit?, Post?, WriteResult<SuggestedEditState>?)> LoadForReviewAsync(CommunityDbContext db, Actor actor, int suggestionId, CancellationToken cancellationToken)
    {
        var suggestion = await db.SuggestedEdits.AsNoTracking().SingleOrDefaultAsync(s => s.Id == suggestionId, cancellationToken);
        var post = suggestion is null ? null : await db.Posts.SingleOrDefaultAsync(p => p.Id == suggestion.PostId, cancellationToken);
        if (suggestion is null || post is null || !PostRules.CanSee(actor, post))
            return (null, null, WriteResult<SuggestedEditState>.Fail(WriteFailure.NotFound, "This suggested edit no longer exists."));
        var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken);
        var editsOthers = PrivilegeRules.Holds(privileges, Privilege.EditOthersPosts, reputation, false);
        if (SuggestedEditRules.CanReview(actor, suggestion.SuggesterId, post.AuthorId, editsOthers) is { Allowed: false } refused)
            return (null, null, WriteResult<SuggestedEditState>.From(refused));
        if (suggestion.State != SuggestedEditState.Pending)
            return (null, null, WriteResult<SuggestedEditState>.Fail(WriteFailure.Conflict, AlreadyReviewedMessage));
        return (suggestion, post, null);
    }

    /// <summary>Moves the suggestion out of Pending, unless another reviewer already did: the conditional update decides who wins.</summary>
    private static async Task<bool> DecideAsync(CommunityDbContext db, SuggestedEdit suggestion, SuggestedEditState state, Actor actor, DateTime now, string? reason, CancellationToken cancellationToken) =>
        await db.SuggestedEdits.Where(s => s.Id == suggestion.Id && s.State == SuggestedEditState.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.State, state).SetProperty(s => s.ReviewerId, actor.UserId)
                .SetProperty(s => s.ReviewedAt, now).SetProperty(s => s.RejectReason, reason), cancellationToken) == 1;

    private static string PostLink(Post post) => $"posts/{post.Id}/revisions";
}
