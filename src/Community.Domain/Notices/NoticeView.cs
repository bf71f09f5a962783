namespace Community.Domain.Notices;

public sealed record NoticeView(long Id, string Text, string? Link, DateTime CreatedAt, DateTime? ReadAt, Notifications.NotificationKind Kind = Notifications.NotificationKind.General)
{
    public bool IsUnread => ReadAt is null;
}
