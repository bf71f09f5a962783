using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Notices;

/// <summary>
/// Each member's list of notices. A notice with a key is added at most once per member (a retry, or reputation that
/// falls and climbs back over a threshold, tells them nothing twice).
/// </summary>
public sealed class MemberNotices(IDbContextFactory<CommunityDbContext> contexts, PrivilegeOptions privileges, TimeProvider time)
{
    public const int ListSize = 50;

    /// <returns>False when the member was already told about <paramref name="key"/>.</returns>
    public async Task<bool> AddAsync(string userId, string text, string? link = null, string? key = null, CancellationToken cancellationToken = default,
        Notifications.NotificationKind kind = Notifications.NotificationKind.General)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AddAsync(db, userId, text, link, key, cancellationToken, kind);
    }

    /// <summary>Adds the notice in the caller's context and transaction (the ledger's, say), so it commits or rolls back with it.</summary>
    public async Task<bool> AddAsync(CommunityDbContext db, string userId, string text, string? link, string? key, CancellationToken cancellationToken,
        Notifications.NotificationKind kind = Notifications.NotificationKind.General)
    {
        if (key is not null && await db.Notices.AnyAsync(n => n.UserId == userId && n.Key == key, cancellationToken))
            return false;
        var notice = db.Notices.Add(new Notice
        {
            UserId = userId, Text = Clip(text, Notice.TextMaxLength), Link = link, Key = key, Kind = kind, CreatedAt = time.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Told at the same moment by another request; leave nothing behind for the caller's next save.
            notice.State = EntityState.Detached;
            return false;
        }
    }

    /// <summary>
    /// The privilege notices a change of reputation calls for, as rows (text, link, key), for writers that insert them with
    /// their own statements (votes on SQLite, <see cref="Voting.SqliteVoteWriter"/>): at most one per member and key.
    /// </summary>
    internal IEnumerable<(string Text, string Link, string Key)> PrivilegeNotices(int oldReputation, int newReputation) =>
        PrivilegeNoticeRules.Unlocked(privileges, oldReputation, newReputation)
            .Select(p => (Clip(PrivilegeNoticeRules.Text(privileges, p), Notice.TextMaxLength), PrivilegeNoticeRules.Link, PrivilegeNoticeRules.Key(p)));

    /// <summary>One notice per privilege whose threshold the change crossed upward. Call it wherever reputation changes.</summary>
    public async Task<int> NotifyPrivilegesAsync(string userId, int oldReputation, int newReputation, CancellationToken cancellationToken = default)
    {
        if (PrivilegeNoticeRules.Unlocked(privileges, oldReputation, newReputation).Count == 0)
            return 0;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await NotifyPrivilegesAsync(db, userId, oldReputation, newReputation, cancellationToken);
    }

    /// <inheritdoc cref="NotifyPrivilegesAsync(string, int, int, CancellationToken)"/>
    public async Task<int> NotifyPrivilegesAsync(CommunityDbContext db, string userId, int oldReputation, int newReputation, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var privilege in PrivilegeNoticeRules.Unlocked(privileges, oldReputation, newReputation))
            if (await AddAsync(db, userId, PrivilegeNoticeRules.Text(privileges, privilege), PrivilegeNoticeRules.Link, PrivilegeNoticeRules.Key(privilege), cancellationToken, Notifications.NotificationKind.PrivilegeEarned))
                added++;
        return added;
    }

    public async Task<IReadOnlyList<NoticeView>> UnreadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Views(db.Notices.Where(n => n.UserId == userId && n.ReadAt == null)).ToListAsync(cancellationToken);
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Notices.CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);
    }

    /// <summary>The newest notices, read or not, for the member's list.</summary>
    public async Task<IReadOnlyList<NoticeView>> RecentAsync(string userId, int take = ListSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Views(db.Notices.Where(n => n.UserId == userId)).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Marks one of the member's notices read (a click on it); false when it is not theirs.</summary>
    public async Task<bool> MarkReadAsync(string userId, long noticeId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Notices.Where(n => n.Id == noticeId && n.UserId == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, n => n.ReadAt ?? now), cancellationToken) == 1;
    }

    /// <returns>How many were unread.</returns>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Notices.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private static IQueryable<NoticeView> Views(IQueryable<Notice> notices) => notices
        .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
        .Select(n => new NoticeView(n.Id, n.Text, n.Link, n.CreatedAt, n.ReadAt, n.Kind));

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
