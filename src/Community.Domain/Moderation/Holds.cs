using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

/// <summary>
/// Hides a post or comment pending review, and releases it. A hidden answer leaves its question's answer count, as a
/// deleted one does, so lists never count what readers cannot see.
/// </summary>
public static class Holds
{
    public static async Task HideAsync(CommunityDbContext db, Post post, string reason, DateTime now, CancellationToken cancellationToken)
    {
        if (post.IsHidden)
            return;
        post.HiddenAt = now;
        post.HiddenReason = reason;
        if (post is Answer answer && !answer.IsDeleted)
            await ChangeAnswerCountAsync(db, answer.QuestionId, -1, cancellationToken);
    }

    public static async Task ReleaseAsync(CommunityDbContext db, Post post, CancellationToken cancellationToken)
    {
        if (!post.IsHidden)
            return;
        post.HiddenAt = null;
        post.HiddenReason = null;
        if (post is Answer answer && !answer.IsDeleted)
            await ChangeAnswerCountAsync(db, answer.QuestionId, 1, cancellationToken);
    }

    public static void Hide(Comment comment, string reason, DateTime now)
    {
        if (comment.HiddenAt is not null)
            return;
        comment.HiddenAt = now;
        comment.HiddenReason = reason;
    }

    public static void Release(Comment comment)
    {
        comment.HiddenAt = null;
        comment.HiddenReason = null;
    }

    private static Task<int> ChangeAnswerCountAsync(CommunityDbContext db, int questionId, int change, CancellationToken cancellationToken) =>
        db.Questions.Where(q => q.Id == questionId)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnswerCount, q => q.AnswerCount + change), cancellationToken);

    public const string FlaggedReason = "Hidden until a moderator reviews it: several members flagged it as spam or abusive.";
    public const string ModeratorFlagReason = "Hidden until reviewed: a moderator flagged it as spam or abusive.";
    public const string WatchListReason = "Held until a moderator reviews it: it contains wording this community checks before publishing.";
    public const string LinksReason = "Held until a moderator reviews it: new accounts' posts with several links are checked before publishing.";
    public const string ModeratorHiddenReason = "Hidden by a moderator after review.";
}
