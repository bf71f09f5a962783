using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <summary>Who works the desk: the Staff and Admin roles, read from the database (never from what the page shows).</summary>
public static class StaffAccess
{
    public static Task<bool> IsStaffAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(n => n == Roles.Staff || n == Roles.Admin, cancellationToken);

    /// <summary>
    /// A person's teams: their memberships, plus the team named like the Team of their staff disclosure (so the
    /// disclosure admins already fill places people without a second step).
    /// </summary>
    public static async Task<IReadOnlyList<int>> TeamsOfAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken)
    {
        var disclosed = await db.StaffProfiles.Where(p => p.UserId == userId && p.EndedAt == null).Select(p => p.Team).FirstOrDefaultAsync(cancellationToken);
        var lowered = disclosed?.ToLower();
        return await db.StaffTeams
            .Where(t => t.Members.Any(m => m.UserId == userId) || (lowered != null && t.Name.ToLower() == lowered))
            .Select(t => t.Id).ToListAsync(cancellationToken);
    }
}
