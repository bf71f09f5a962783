using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Staff;

/// <summary>The disclosure a new post gets: the author's current staff profile, or none.</summary>
public static class StaffDisclosures
{
    public static async Task<StaffDisclosure?> CurrentAsync(CommunityDbContext db, string userId, string company, CancellationToken cancellationToken)
    {
        var profile = await db.StaffProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == userId && p.EndedAt == null, cancellationToken);
        return profile is null ? null : new StaffDisclosure(profile.RealName, profile.JobTitle, profile.Team, company);
    }

    /// <summary>Keeps the first staff response on the question (the earliest wins; later ones change nothing).</summary>
    public static Task RecordFirstResponseAsync(CommunityDbContext db, int questionId, string staffUserId, DateTime at, CancellationToken cancellationToken) =>
        db.Questions.Where(q => q.Id == questionId && q.FirstStaffResponseAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(q => q.FirstStaffResponseAt, at).SetProperty(q => q.FirstStaffResponderId, staffUserId), cancellationToken);
}
