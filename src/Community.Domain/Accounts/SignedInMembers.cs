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
        var row = await Header.For(db)(db, userId, time.GetUtcNow().UtcDateTime);
        if (row is null)
            return null;
        var suspension = row is { SuspensionId: { } id, SuspensionReason: { } reason, SuspensionEndsAt: { } endsAt } ? new SuspensionView(id, reason, endsAt) : null;
        return new SignedInMember(row.Reputation, row.Unread, suspension);
    }

    private sealed record HeaderRow(int Reputation, int Unread, int? SuspensionId, string? SuspensionReason, DateTime? SuspensionEndsAt);

    // Compiled: read for every page a member opens, where translating the LINQ cost more than running it. The active
    // suspension is Suspensions.Active, written out (a compiled query cannot call it).
    private static readonly CompiledPerModel<Func<CommunityDbContext, string, DateTime, Task<HeaderRow?>>> Header = new(() => EF.CompileAsyncQuery(
        (CommunityDbContext db, string userId, DateTime now) => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new HeaderRow(
            u.Reputation,
            db.Notices.Count(n => n.UserId == userId && n.ReadAt == null),
            db.Set<MemberSanction>().Where(s => s.MemberId == userId && s.Kind == SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now)
                .OrderByDescending(s => s.EndsAt).Select(s => (int?)s.Id).FirstOrDefault(),
            db.Set<MemberSanction>().Where(s => s.MemberId == userId && s.Kind == SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now)
                .OrderByDescending(s => s.EndsAt).Select(s => s.Reason).FirstOrDefault(),
            db.Set<MemberSanction>().Where(s => s.MemberId == userId && s.Kind == SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now)
                .OrderByDescending(s => s.EndsAt).Select(s => (DateTime?)s.EndsAt).FirstOrDefault()))
            .SingleOrDefault()));
}
