using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Privileges;

/// <summary>
/// A member's reputation as stored now, for privilege checks: never a value copied into a cookie or a circuit,
/// which would still grant a privilege after the reputation that earned it was reversed.
/// </summary>
public sealed class MemberReputation(IDbContextFactory<CommunityDbContext> contexts)
{
    /// <summary>Null when there is no such member.</summary>
    public async Task<int?> CurrentAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.Reputation).SingleOrDefaultAsync(cancellationToken);
    }
}
