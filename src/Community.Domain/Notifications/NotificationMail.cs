using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Notifications;

/// <summary>One line of an e-mail: the notification's text and where it points (relative to the site).</summary>
public sealed record MailLine(string Text, string? Link);

/// <summary>An e-mail ready to send: to whom, about what, and which kind its unsubscribe link stops (null: all).</summary>
public sealed record NotificationEmail(long OutboxId, string UserId, string ToAddress, string ToName, string Subject, IReadOnlyList<MailLine> Lines, NotificationKind? UnsubscribeKind);

/// <summary>
/// The e-mail side of notifications: prepares what an outbox entry says at the moment of sending (so nothing the member can no
/// longer see, or no longer wants, is sent), records the outcome, queues each member's daily digest once, and lists what a sweep
/// must retry.
/// </summary>
public sealed class NotificationMail(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public const int MaxAttempts = 5;

    /// <returns>The e-mail, or null when there is nothing (more) to send: it was sent, skipped, or is no longer wanted or visible.</returns>
    public async Task<NotificationEmail?> PrepareAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entry = await db.EmailOutbox.SingleOrDefaultAsync(e => e.Id == outboxId, cancellationToken);
        if (entry is null || entry.SentAt is not null || entry.SkippedAt is not null)
            return null;
        var member = await db.Users.Where(u => u.Id == entry.UserId).Select(u => new { u.Email, u.EmailConfirmed, u.DisplayName }).SingleAsync(cancellationToken);
        var choices = await db.EmailPreferences.Where(p => p.UserId == entry.UserId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
        EmailDelivery Choice(NotificationKind kind) => choices.GetValueOrDefault(kind, NotificationKinds.DefaultDelivery(kind));

        List<MailLine> lines;
        string subject;
        if (entry.IsDigest)
        {
            var dayStart = entry.DigestDay!.Value;
            var notices = await VisibleAsync(db, db.Notices.Where(n => n.UserId == entry.UserId && n.CreatedAt >= dayStart && n.CreatedAt < dayStart.AddDays(1)), cancellationToken);
            lines = notices.Where(n => Choice(n.Kind) == EmailDelivery.DailyDigest).Select(n => new MailLine(n.Text, n.Link)).ToList();
            subject = lines.Count == 1 ? lines[0].Text : $"{lines.Count} things happened in the community";
        }
        else
        {
            var notices = await VisibleAsync(db, db.Notices.Where(n => n.Id == entry.NoticeId), cancellationToken);
            lines = notices.Where(n => Choice(n.Kind) == EmailDelivery.Immediately).Select(n => new MailLine(n.Text, n.Link)).ToList();
            subject = lines.FirstOrDefault()?.Text ?? "";
        }
        if (lines.Count == 0 || string.IsNullOrEmpty(member.Email) || !member.EmailConfirmed)
        {
            entry.SkippedAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        return new NotificationEmail(entry.Id, entry.UserId, member.Email, member.DisplayName, subject, lines, entry.IsDigest ? null : entry.Kind);
    }

    public async Task MarkSentAsync(long outboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await db.EmailOutbox.Where(e => e.Id == outboxId && e.SentAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SentAt, now).SetProperty(e => e.Attempts, e => e.Attempts + 1), cancellationToken);
    }

    public async Task MarkFailedAsync(long outboxId, string error, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var clipped = error.Length <= EmailOutboxEntry.ErrorMaxLength ? error : error[..EmailOutboxEntry.ErrorMaxLength];
        await db.EmailOutbox.Where(e => e.Id == outboxId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.LastError, clipped), cancellationToken);
    }

    /// <summary>One digest per member for <paramref name="day"/> (UTC) who had notifications they want daily; running it twice adds none.</summary>
    public async Task<IReadOnlyList<long>> QueueDigestsAsync(DateTime day, CancellationToken cancellationToken = default)
    {
        var dayStart = day.Date;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.Notices.Where(n => n.CreatedAt >= dayStart && n.CreatedAt < dayStart.AddDays(1))
            .Select(n => new { n.UserId, n.Kind }).Distinct().ToListAsync(cancellationToken);
        var userIds = candidates.Select(c => c.UserId).Distinct().ToList();
        var choices = await db.EmailPreferences.Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken);
        var already = (await db.EmailOutbox.Where(e => e.DigestDay == dayStart).Select(e => e.UserId).ToListAsync(cancellationToken)).ToHashSet();
        var wanting = candidates
            .Where(c => (choices.FirstOrDefault(p => p.UserId == c.UserId && p.Kind == c.Kind)?.Delivery ?? NotificationKinds.DefaultDelivery(c.Kind)) == EmailDelivery.DailyDigest)
            .Select(c => c.UserId).Distinct().Where(u => !already.Contains(u)).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        var queued = new List<long>();
        foreach (var userId in wanting)
        {
            var entry = new EmailOutboxEntry { UserId = userId, IsDigest = true, DigestDay = dayStart, Kind = NotificationKind.General, CreatedAt = now };
            db.EmailOutbox.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued.Add(entry.Id);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another run queued this member's digest a moment ago.
                db.ChangeTracker.Clear();
            }
        }
        return queued;
    }

    /// <summary>Entries a lost job left behind: not sent, not skipped, older than a minute, and not failed too often.</summary>
    public async Task<IReadOnlyList<long>> StrandedAsync(CancellationToken cancellationToken = default)
    {
        var before = time.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EmailOutbox.Where(e => e.SentAt == null && e.SkippedAt == null && e.CreatedAt < before && e.Attempts < MaxAttempts)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(500).ToListAsync(cancellationToken);
    }

    /// <summary>Notifications about a thread count only while the thread is still public.</summary>
    private static Task<List<Notices.Notice>> VisibleAsync(CommunityDbContext db, IQueryable<Notices.Notice> notices, CancellationToken cancellationToken) =>
        notices.Where(n => n.QuestionId == null || db.Questions.Any(q => q.Id == n.QuestionId && q.DeletedAt == null && q.HiddenAt == null))
            .OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken);
}
