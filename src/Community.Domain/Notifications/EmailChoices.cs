using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Notifications;

public sealed record EmailChoice(NotificationKind Kind, string Description, EmailDelivery Delivery);

/// <summary>Each member's e-mail delivery per kind of notification; the unsubscribe link sets one kind to never.</summary>
public sealed class EmailChoices(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<IReadOnlyList<EmailChoice>> ForAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var chosen = await db.EmailPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, p => p.Delivery, cancellationToken);
        return NotificationKinds.Choosable
            .Select(kind => new EmailChoice(kind, NotificationKinds.Describe(kind), chosen.GetValueOrDefault(kind, NotificationKinds.DefaultDelivery(kind))))
            .ToList();
    }

    public async Task SetAsync(string userId, IReadOnlyDictionary<NotificationKind, EmailDelivery> choices, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.EmailPreferences.Where(p => p.UserId == userId).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (kind, delivery) in choices.Where(c => c.Key != NotificationKind.General))
        {
            if (existing.TryGetValue(kind, out var row))
                row.Delivery = delivery;
            else
                db.EmailPreferences.Add(new EmailPreference { UserId = userId, Kind = kind, Delivery = delivery });
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The unsubscribe link: no more e-mail of this kind (or of any kind), and nothing already queued of it is sent.</summary>
    public async Task<bool> UnsubscribeAsync(string userId, NotificationKind? kind, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
            return false;
        var kinds = kind is { } one ? [one] : NotificationKinds.Choosable;
        await SetAsync(userId, kinds.ToDictionary(k => k, _ => EmailDelivery.Never), cancellationToken);
        return true;
    }
}
