namespace Community.Domain.Notifications;

/// <summary>What a notification is about. Stored as text; members choose e-mail delivery per kind.</summary>
public enum NotificationKind
{
    /// <summary>Anything announced without a more precise kind (kept for notices written before kinds existed).</summary>
    General,
    AnswerOnYourQuestion,
    CommentOnYourQuestion,
    CommentOnYourAnswer,
    AnswerAccepted,
    Mention,
    FollowedActivity,
    BadgeEarned,
    PrivilegeEarned,
    ModerationOutcome,
    StaffReply,
    EscalationAssigned,
}

/// <summary>How a member wants one kind of notification by e-mail.</summary>
public enum EmailDelivery
{
    Never,
    Immediately,
    DailyDigest,
}

public static class NotificationKinds
{
    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.AnswerOnYourQuestion => "An answer to your question",
        NotificationKind.CommentOnYourQuestion => "A comment on your question",
        NotificationKind.CommentOnYourAnswer => "A comment on your answer",
        NotificationKind.AnswerAccepted => "Your answer was accepted",
        NotificationKind.Mention => "Someone mentioned you",
        NotificationKind.FollowedActivity => "Activity on questions and tags you follow",
        NotificationKind.BadgeEarned => "A badge you earned",
        NotificationKind.PrivilegeEarned => "A privilege you unlocked",
        NotificationKind.ModerationOutcome => "Moderation of your posts and flags",
        NotificationKind.StaffReply => "A staff reply in your private conversation",
        NotificationKind.EscalationAssigned => "An escalation assigned to you (staff)",
        _ => "Other notices",
    };

    /// <summary>What a member gets by e-mail until they choose: what they are waiting for at once, the rest in a daily digest.</summary>
    public static EmailDelivery DefaultDelivery(NotificationKind kind) => kind switch
    {
        NotificationKind.AnswerOnYourQuestion or NotificationKind.AnswerAccepted or NotificationKind.StaffReply
            or NotificationKind.EscalationAssigned or NotificationKind.Mention => EmailDelivery.Immediately,
        NotificationKind.General or NotificationKind.BadgeEarned or NotificationKind.PrivilegeEarned => EmailDelivery.Never,
        _ => EmailDelivery.DailyDigest,
    };

    /// <summary>The kinds a member can choose e-mail for (General is not a choice).</summary>
    public static IReadOnlyList<NotificationKind> Choosable { get; } = Enum.GetValues<NotificationKind>().Where(k => k != NotificationKind.General).ToList();
}
