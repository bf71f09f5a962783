using Community.Domain.Moderation;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Accounts;

/// <summary>
/// What every page shows a signed-in member about themselves: the links their privileges open (from the reputation
/// they hold now), the unread notices of the bell, and the banner of an active suspension.
/// </summary>
public sealed record SignedInMember(int Reputation, int UnreadNotices, SuspensionView? Suspension);

/// <summary>
/// Reads <see cref="SignedInMember"/> in one round trip: the header's privilege links (two policy checks), the bell's
/// count and the suspension banner were four (bench/README.md, the signed-in question page's commands).
/// </summary>
public sealed class SignedInMembers(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    /// <summary>Null when there is no such member (an account deleted while its cookie lives on).</summary>
    public async Task<SignedInMember?> ReadAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = Suspensions.Active(db, userId, time.GetUtcNow().UtcDateTime);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new
        {
            u.Reputation,
            Unread = db.Notices.Count(n => n.UserId == userId && n.ReadAt == null),
            SuspensionId = active.Select(s => (int?)s.Id).FirstOrDefault(),
            SuspensionReason = active.Select(s => s.Reason).FirstOrDefault(),
            SuspensionEndsAt = active.Select(s => s.EndsAt).FirstOrDefault(),
        }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
            return null;
        var suspension = row is { SuspensionId: { } id, SuspensionReason: { } reason, SuspensionEndsAt: { } endsAt } ? new SuspensionView(id, reason, endsAt) : null;
        return new SignedInMember(row.Reputation, row.Unread, suspension);
    }
}
