using Community.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Accounts;

/// <summary>Makes sure the four roles exist; safe to run at every start.</summary>
public static class RoleSeeder
{
    public static async Task EnsureRolesAsync(CommunityDbContext db, CancellationToken cancellationToken = default)
    {
        var existing = await db.Roles.Select(role => role.Name).ToListAsync(cancellationToken);
        foreach (var name in Roles.All.Except(existing))
            db.Roles.Add(new IdentityRole(name!) { NormalizedName = name!.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString() });
        await db.SaveChangesAsync(cancellationToken);
    }
}
