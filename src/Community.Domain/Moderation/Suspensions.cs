using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

/// <summary>The check every write makes (ask, answer, edit, comment, vote, flag): a suspended member is refused, told why and until when.</summary>
public static class Suspensions
{
    public static Task<MemberSanction?> ActiveAsync(CommunityDbContext db, string userId, DateTime now, CancellationToken cancellationToken) =>
        Active(db, userId, now).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The member's suspensions in force at <paramref name="now"/>, the one that ends last first.</summary>
    public static IQueryable<MemberSanction> Active(CommunityDbContext db, string userId, DateTime now) =>
        db.Set<MemberSanction>().AsNoTracking()
            .Where(s => s.MemberId == userId && s.Kind == SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now)
            .OrderByDescending(s => s.EndsAt);

    /// <summary>Null when the member may write; otherwise the refusal to return.</summary>
    public static async Task<WriteResult<T>?> RefusalAsync<T>(CommunityDbContext db, Actor actor, TimeProvider time, CancellationToken cancellationToken)
    {
        var decision = SanctionRules.Check(await ActiveAsync(db, actor.UserId, time.GetUtcNow().UtcDateTime, cancellationToken));
        return decision.Allowed ? null : WriteResult<T>.From(decision);
    }
}
