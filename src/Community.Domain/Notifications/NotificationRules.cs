namespace Community.Domain.Notifications;

/// <summary>Who is around a new post: everything the rules need to decide who hears of it, gathered by the notifier.</summary>
/// <param name="ActorId">Who wrote the post (never told about their own activity).</param>
/// <param name="ContentIsPublic">False when the post (or its thread) is deleted or hidden: then nobody is told.</param>
/// <param name="ActorMayPost">False for a suspended member: their activity tells nobody.</param>
public sealed record Audience(
    string ActorId,
    bool ContentIsPublic,
    bool ActorMayPost,
    string? QuestionAuthorId = null,
    string? AnswerAuthorId = null,
    IReadOnlySet<string>? Mentioned = null,
    IReadOnlySet<string>? QuestionFollowers = null,
    IReadOnlySet<string>? TagFollowers = null);

public sealed record Recipient(string UserId, NotificationKind Kind);

/// <summary>
/// Who is told about what, as a policy: one notification per member per event, the most personal kind winning
/// (an answer to your question beats a mention, which beats a followed thread); never the actor; nobody when the content is
/// not public or the actor may not post.
/// </summary>
public static class NotificationRules
{
    public static IReadOnlyList<Recipient> ForAnswer(Audience audience) =>
        Decide(audience, [
            (audience.QuestionAuthorId, NotificationKind.AnswerOnYourQuestion),
            .. Each(audience.Mentioned, NotificationKind.Mention),
            .. Each(audience.QuestionFollowers, NotificationKind.FollowedActivity),
        ]);

    /// <param name="onAnswer">The comment is under an answer (its author hears first) rather than under the question.</param>
    public static IReadOnlyList<Recipient> ForComment(Audience audience, bool onAnswer) =>
        Decide(audience, [
            onAnswer ? (audience.AnswerAuthorId, NotificationKind.CommentOnYourAnswer) : (audience.QuestionAuthorId, NotificationKind.CommentOnYourQuestion),
            .. Each(audience.Mentioned, NotificationKind.Mention),
            .. Each(audience.QuestionFollowers, NotificationKind.FollowedActivity),
        ]);

    public static IReadOnlyList<Recipient> ForAcceptance(Audience audience) =>
        Decide(audience, [(audience.AnswerAuthorId, NotificationKind.AnswerAccepted)]);

    /// <summary>A new question: members following one of its tags, and anyone the asker mentioned.</summary>
    public static IReadOnlyList<Recipient> ForQuestion(Audience audience) =>
        Decide(audience, [
            .. Each(audience.Mentioned, NotificationKind.Mention),
            .. Each(audience.TagFollowers, NotificationKind.FollowedActivity),
        ]);

    private static IEnumerable<(string?, NotificationKind)> Each(IReadOnlySet<string>? users, NotificationKind kind) =>
        (users ?? new HashSet<string>()).Select(u => ((string?)u, kind));

    private static IReadOnlyList<Recipient> Decide(Audience audience, IEnumerable<(string? UserId, NotificationKind Kind)> inPriorityOrder)
    {
        if (!audience.ContentIsPublic || !audience.ActorMayPost)
            return [];
        var told = new HashSet<string>(StringComparer.Ordinal) { audience.ActorId };
        var recipients = new List<Recipient>();
        foreach (var (userId, kind) in inPriorityOrder)
            if (userId is not null && told.Add(userId))
                recipients.Add(new Recipient(userId, kind));
        return recipients;
    }
}
