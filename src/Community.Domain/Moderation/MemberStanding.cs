using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public sealed record SuspensionView(int Id, string Reason, DateTime EndsAt);

public sealed record SanctionView(int Id, SanctionKind Kind, string Reason, DateTime CreatedAt, DateTime? EndsAt, DateTime? LiftedAt, string ByName);

/// <summary>Whether a member is suspended now (for the banner), and their warnings and suspensions (for moderators).</summary>
public sealed class MemberStanding(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<SuspensionView?> SuspensionAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var active = await Suspensions.ActiveAsync(db, userId, time.GetUtcNow().UtcDateTime, cancellationToken);
        return active is null ? null : new SuspensionView(active.Id, active.Reason, active.EndsAt!.Value);
    }

    public async Task<IReadOnlyList<SanctionView>> HistoryAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<MemberSanction>().AsNoTracking().Where(s => s.MemberId == userId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SanctionView(s.Id, s.Kind, s.Reason, s.CreatedAt, s.EndsAt, s.LiftedAt, db.Users.Where(u => u.Id == s.ById).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);
    }
}
