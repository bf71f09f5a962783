namespace Community.Domain.Moderation;

/// <summary>Moderation's codes in the general audit log (<see cref="Audit.AuditLog"/>); never renamed once written.</summary>
public static class ModerationAuditActions
{
    public const string Held = "post.held";
    public const string Released = "post.released";
    public const string Hidden = "post.hidden";
    public const string Deleted = "post.deleted";
    public const string Locked = "thread.locked";
    public const string Closed = "question.closed";
    public const string Edited = "post.edit-requested";
    public const string FlagsDismissed = "flags.dismissed";
    public const string FlagsAccepted = "flags.accepted";
    public const string SystemFlag = "flag.system";
    public const string Warned = "member.warned";
    public const string Suspended = "member.suspended";
    public const string SuspensionLifted = "member.suspension-lifted";
    public const string WatchTermAdded = "watchlist.added";
    public const string WatchTermRemoved = "watchlist.removed";

    public static string Describe(string action) => action switch
    {
        Held => "Hidden pending review",
        Released => "Released from hold",
        Hidden => "Hidden",
        Deleted => "Deleted",
        Locked => "Thread locked",
        Closed => "Question closed",
        Edited => "Sent for editing",
        FlagsDismissed => "Flags declined",
        FlagsAccepted => "Flags accepted as helpful",
        SystemFlag => "Flagged by the system",
        Warned => "Member warned",
        Suspended => "Member suspended",
        SuspensionLifted => "Suspension lifted",
        WatchTermAdded => "Watch-list term added",
        WatchTermRemoved => "Watch-list term removed",
        _ => action,
    };
}
