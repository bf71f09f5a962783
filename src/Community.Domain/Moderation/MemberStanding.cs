using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public sealed record SuspensionView(int Id, string Reason, DateTime EndsAt);

public sealed record SanctionView(int Id, SanctionKind Kind, string Reason, DateTime CreatedAt, DateTime? EndsAt, DateTime? LiftedAt, string ByName);

/// <summary>A member's warnings and suspensions (for moderators); the banner of one in force is <see cref="Accounts.SignedInMembers"/>'.</summary>
public sealed class MemberStanding(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<IReadOnlyList<SanctionView>> HistoryAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<MemberSanction>().AsNoTracking().Where(s => s.MemberId == userId).OrderByDescending(s => s.CreatedAt)
            .Select(s => new SanctionView(s.Id, s.Kind, s.Reason, s.CreatedAt, s.EndsAt, s.LiftedAt, db.Users.Where(u => u.Id == s.ById).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);
    }
}
