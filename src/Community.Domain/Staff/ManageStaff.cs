using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Staff;

/// <summary>Admins grant the Staff role with its disclosure, change the disclosure, and revoke it; each step is audited.</summary>
public sealed class ManageStaff(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<bool>> GrantAsync(Actor admin, bool actorIsAdmin, string userId, StaffDisclosureInput input, CancellationToken cancellationToken = default)
    {
        if (StaffRules.CanManageStaff(admin, actorIsAdmin) is { Allowed: false } refused)
            return WriteResult<bool>.From(refused);
        var problems = StaffRules.Problems(input);
        if (problems.Count > 0)
            return WriteResult<bool>.Invalid(problems);

        return await contexts.RunAsync<WriteResult<bool>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
                return WriteResult<bool>.Fail(WriteFailure.NotFound, "There is no such member.");
            var now = time.GetUtcNow().UtcDateTime;
            var profile = await db.StaffProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
            var action = profile is { IsCurrent: true } ? StaffAuditAction.DisclosureChanged : StaffAuditAction.Granted;
            if (profile is null)
            {
                profile = new StaffProfile { UserId = userId, StartedAt = now };
                db.StaffProfiles.Add(profile);
            }
            else if (!profile.IsCurrent)
            {
                // Rehired: a new period starts. Old posts keep the disclosure they were written with.
                profile.StartedAt = now;
                profile.EndedAt = null;
            }
            profile.RealName = input.RealName.Trim();
            profile.JobTitle = input.JobTitle.Trim();
            profile.Team = input.Team.Trim();
            profile.PhotoUrl = string.IsNullOrWhiteSpace(input.PhotoUrl) ? null : input.PhotoUrl.Trim();
            profile.Bio = string.IsNullOrWhiteSpace(input.Bio) ? null : input.Bio.Trim();

            var staffRole = await db.Roles.SingleAsync(r => r.Name == Roles.Staff, cancellationToken);
            if (!await db.UserRoles.AnyAsync(ur => ur.UserId == userId && ur.RoleId == staffRole.Id, cancellationToken))
                db.UserRoles.Add(new() { UserId = userId, RoleId = staffRole.Id });
            db.StaffAudit.Add(new StaffAuditEntry { Action = action, TargetUserId = userId, ActorId = admin.UserId, At = now, Details = Describe(profile) });
            AuditLog.Record(db, now, admin.UserId, action == StaffAuditAction.Granted ? AuditActions.StaffGranted : AuditActions.StaffDisclosureChanged,
                AuditTarget.Member(userId), details: Describe(profile));
            await TouchSecurityStampAsync(db, userId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<bool>.Done(true);
        }, cancellationToken);
    }

    public async Task<WriteResult<bool>> RevokeAsync(Actor admin, bool actorIsAdmin, string userId, CancellationToken cancellationToken = default)
    {
        if (StaffRules.CanManageStaff(admin, actorIsAdmin) is { Allowed: false } refused)
            return WriteResult<bool>.From(refused);
        return await contexts.RunAsync<WriteResult<bool>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var profile = await db.StaffProfiles.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
            if (profile is not { IsCurrent: true })
                return WriteResult<bool>.Fail(WriteFailure.NotFound, "This member is not current staff.");
            var now = time.GetUtcNow().UtcDateTime;
            profile.EndedAt = now;
            var staffRole = await db.Roles.SingleAsync(r => r.Name == Roles.Staff, cancellationToken);
            await db.UserRoles.Where(ur => ur.UserId == userId && ur.RoleId == staffRole.Id).ExecuteDeleteAsync(cancellationToken);
            db.StaffAudit.Add(new StaffAuditEntry { Action = StaffAuditAction.Revoked, TargetUserId = userId, ActorId = admin.UserId, At = now, Details = Describe(profile) });
            AuditLog.Record(db, now, admin.UserId, AuditActions.StaffRevoked, AuditTarget.Member(userId), details: Describe(profile));
            await TouchSecurityStampAsync(db, userId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<bool>.Done(false);
        }, cancellationToken);
    }

    /// <summary>The person's own part: photo and bio only. The disclosure is the company's to set.</summary>
    public async Task<WriteResult<bool>> UpdateOwnProfileAsync(Actor staff, string? photoUrl, string? bio, CancellationToken cancellationToken = default)
    {
        var problems = new Dictionary<string, string>();
        if (StaffRules.PhotoProblem(photoUrl) is { } photo) problems["PhotoUrl"] = photo;
        if ((bio?.Length ?? 0) > StaffProfile.BioMaxLength) problems["Bio"] = $"Keep the bio to {StaffProfile.BioMaxLength:N0} characters.";
        if (problems.Count > 0)
            return WriteResult<bool>.Invalid(problems);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await db.StaffProfiles.SingleOrDefaultAsync(p => p.UserId == staff.UserId && p.EndedAt == null, cancellationToken);
        if (profile is null)
            return WriteResult<bool>.Fail(WriteFailure.Forbidden, "Only current staff have a staff profile to edit.");
        profile.PhotoUrl = string.IsNullOrWhiteSpace(photoUrl) ? null : photoUrl.Trim();
        profile.Bio = string.IsNullOrWhiteSpace(bio) ? null : bio.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<bool>.Done(true);
    }

    private static string Describe(StaffProfile profile) => $"{profile.RealName}, {profile.JobTitle}, {profile.Team}";

    /// <summary>A role change must reach the person's open sessions: a new stamp makes them re-validate.</summary>
    private static Task TouchSecurityStampAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N").ToUpperInvariant()), cancellationToken);
}
