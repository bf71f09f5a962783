using Community.Domain.Posting;

namespace Community.Domain.KnowledgeBase;

/// <summary>What the thread says now, as far as its article is concerned.</summary>
/// <param name="Exists">False when the question is gone or deleted.</param>
/// <param name="IsResolved">An accepted answer, a live official answer or an escalation summary.</param>
public sealed record ThreadSnapshot(bool Exists, bool IsResolved, bool HasOfficialAnswer);

/// <summary>What the article is now; null when the thread has none yet.</summary>
public sealed record ArticleState(ArticleStatus Status, UnpublishCause Cause, bool ContentChanged);

public enum FeedAction
{
    Nothing,
    CreateDraft,
    CreatePublished,

    /// <summary>Draft or not public: the new revision applies at once.</summary>
    UpdateDirectly,

    /// <summary>Published: the new revision waits for staff, the article shows "under review".</summary>
    ProposeRevision,

    /// <summary>Taken off the knowledge base because the thread was deleted or its resolution withdrawn.</summary>
    Unpublish,

    /// <summary>Unpublished because of the thread, which is resolved again: back to a draft for staff to review.</summary>
    BackToDraft,
}

/// <summary>The knowledge base's policy, pure: what the feed does with an article, who curates, how slugs and keys look.</summary>
public static class KnowledgeBaseRules
{
    public static FeedAction Decide(ThreadSnapshot thread, ArticleState? article, KnowledgeBaseOptions options)
    {
        if (!thread.Exists || !thread.IsResolved)
            return article is { Status: ArticleStatus.Draft or ArticleStatus.Published } ? FeedAction.Unpublish : FeedAction.Nothing;
        if (article is null)
            return options.AutoPublishOfficial && thread.HasOfficialAnswer ? FeedAction.CreatePublished : FeedAction.CreateDraft;
        return article.Status switch
        {
            ArticleStatus.Merged => FeedAction.Nothing,
            ArticleStatus.Unpublished when article.Cause is UnpublishCause.ThreadDeleted or UnpublishCause.ResolutionWithdrawn => FeedAction.BackToDraft,
            _ when !article.ContentChanged => FeedAction.Nothing,
            ArticleStatus.Published => FeedAction.ProposeRevision,
            _ => FeedAction.UpdateDirectly,
        };
    }

    /// <summary>Why the feed unpublishes: a deleted thread, or a resolution taken back.</summary>
    public static UnpublishCause CauseFor(ThreadSnapshot thread) =>
        thread.Exists ? UnpublishCause.ResolutionWithdrawn : UnpublishCause.ThreadDeleted;

    /// <summary>Staff and admins curate; moderators keep the forum, not the company's knowledge base.</summary>
    public static Decision CanCurate(bool isStaffOrAdmin) => isStaffOrAdmin
        ? Decision.Allow
        : Decision.Deny("Only staff can review knowledge-base articles.");

    public static Decision CanPublish(ArticleStatus status) => status switch
    {
        ArticleStatus.Merged => Decision.Deny("This article was merged into another; publish that one instead."),
        _ => Decision.Allow,
    };

    public static Decision CanMerge(int sourceId, ArticleStatus source, int targetId, ArticleStatus? target) =>
        sourceId == targetId ? Decision.Deny("An article cannot be merged into itself.")
        : target is null ? Decision.Deny($"There is no article {targetId}: check the number.")
        : target == ArticleStatus.Merged ? Decision.Deny($"Article {targetId} was itself merged; merge into the article it points to.")
        : source == ArticleStatus.Merged ? Decision.Deny("This article is already merged.")
        : Decision.Allow;

    /// <summary>Who counts as the same visitor for "was this helpful?": the member, or the anonymous visitor's cookie.</summary>
    public static string VisitorKey(string? userId, string? visitorCookie) =>
        userId is not null ? $"user:{userId}" : $"visitor:{visitorCookie}";

    /// <summary>The reputation source of an article's credit: one per article, so a member earns it once per article.</summary>
    public static string CreditSource(int articleId) => $"kb:{articleId}";

    /// <summary>Most helpful first: net votes, then yes votes, then newest.</summary>
    public static int HelpfulScore(int yes, int no) => yes - no;
}
