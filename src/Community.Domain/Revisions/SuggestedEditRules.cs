using Community.Domain.Posting;
using Community.Domain.Questions;

namespace Community.Domain.Revisions;

/// <summary>Who suggests an edit instead of editing, and who may review a suggestion.</summary>
public static class SuggestedEditRules
{
    /// <summary>How many suggestions one member may have waiting at once, so the queue is not flooded by one person.</summary>
    public const int MaxPendingPerMember = 5;

    /// <summary>Members who cannot edit a post directly suggest an edit instead (the author, moderators and holders of the privilege just edit).</summary>
    public static Decision CanSuggest(Actor actor, Post post, bool editsOthersPosts)
    {
        if (post.IsDeleted)
            return Decision.Deny("This post was deleted; it cannot be edited.");
        if (actor.UserId == post.AuthorId || actor.IsModerator || editsOthersPosts)
            return Decision.Deny("You can edit this post directly.");
        return Decision.Allow;
    }

    /// <summary>Members who edit others' posts, moderators and the post's author review; nobody reviews their own suggestion.</summary>
    public static Decision CanReview(Actor actor, string suggesterId, string postAuthorId, bool editsOthersPosts)
    {
        if (actor.UserId == suggesterId)
            return Decision.Deny("You cannot review your own suggested edit.");
        return actor.IsModerator || editsOthersPosts || actor.UserId == postAuthorId
            ? Decision.Allow
            : Decision.Deny("Reviewing suggested edits needs 2,000 reputation (the edit privilege).");
    }

    public static string? SummaryProblem(string? summary) =>
        string.IsNullOrWhiteSpace(summary) ? "Say what your edit improves, so the reviewer can judge it (for example: fixed the firmware version)."
        : summary.Length > PostRevision.SummaryMaxLength ? $"Keep the edit summary to {PostRevision.SummaryMaxLength} characters."
        : null;

    public static string? RejectReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Tell the member why, so their next suggestion is better."
        : reason.Length > SuggestedEdit.RejectReasonMaxLength ? $"Keep the reason to {SuggestedEdit.RejectReasonMaxLength} characters."
        : null;

    /// <summary>A suggestion must change something.</summary>
    public static bool ChangesNothing(Post post, string body, string? title, IReadOnlyList<string>? tags, IReadOnlyList<string>? currentTags) =>
        post.Body.ReplaceLineEndings("\n").Trim() == body.ReplaceLineEndings("\n").Trim()
        && (post is not Question question || (question.Title == title?.Trim()
            && (tags ?? []).Select(t => t.ToLowerInvariant()).Order().SequenceEqual((currentTags ?? []).Order())));
}
