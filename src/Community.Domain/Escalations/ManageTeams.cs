using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <param name="Id">Null to add a team.</param>
public sealed record TeamInput(int? Id, string Name, int UrgentMinutes, int HighMinutes, int NormalMinutes, bool IsDefault);

/// <summary>Admins configure the staff teams, their deadlines, the default team and who is on which team.</summary>
public sealed class ManageTeams(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<WriteResult<int>> SaveAsync(Actor actor, TeamInput input, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            if (!await IsAdminAsync(db, actor.UserId, cancellationToken))
                return WriteResult<int>.Fail(WriteFailure.Forbidden, "Only admins can configure staff teams.");
            var errors = Problems(input);
            var name = (input.Name ?? "").Trim();
            if (await db.StaffTeams.AnyAsync(t => t.Name == name && t.Id != input.Id, cancellationToken))
                errors["Name"] = $"There is already a team called {name}.";
            if (errors.Count > 0)
                return WriteResult<int>.Invalid(errors);
            StaffTeam? team;
            if (input.Id is { } id)
            {
                team = await db.StaffTeams.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
                if (team is null) return WriteResult<int>.Fail(WriteFailure.NotFound, "This team no longer exists.");
            }
            else
            {
                team = new StaffTeam();
                db.StaffTeams.Add(team);
            }
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            // There is always one default team: the first team is it, and it stays so until another is made the default.
            var otherDefault = await db.StaffTeams.AnyAsync(t => t.IsDefault && t.Id != (input.Id ?? 0), cancellationToken);
            if (input.IsDefault && otherDefault)
                await db.StaffTeams.Where(t => t.IsDefault && t.Id != (input.Id ?? 0)).ExecuteUpdateAsync(set => set.SetProperty(t => t.IsDefault, false), cancellationToken);
            team.Name = name;
            team.UrgentMinutes = input.UrgentMinutes;
            team.HighMinutes = input.HighMinutes;
            team.NormalMinutes = input.NormalMinutes;
            team.IsDefault = input.IsDefault || !otherDefault;
            await db.SaveChangesAsync(cancellationToken);
            AuditLog.Record(db, time.GetUtcNow().UtcDateTime, actor.UserId, EscalationAudit.TeamSaved, AuditTarget.Of("staff-team", team.Id),
                details: $"{team.Name}: urgent {team.UrgentMinutes} min, high {team.HighMinutes} min, normal {team.NormalMinutes} min{(team.IsDefault ? ", default" : "")}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int>.Done(team.Id);
        }, cancellationToken);
    }

    public async Task<WriteResult<int>> AddMemberAsync(Actor actor, int teamId, string emailOrName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdminAsync(db, actor.UserId, cancellationToken))
            return WriteResult<int>.Fail(WriteFailure.Forbidden, "Only admins can configure staff teams.");
        var key = (emailOrName ?? "").Trim();
        var normalized = key.ToUpperInvariant();
        var user = await db.Users.Where(u => u.NormalizedEmail == normalized || u.DisplayName == key).Select(u => new { u.Id }).FirstOrDefaultAsync(cancellationToken);
        if (user is null || !await StaffAccess.IsStaffAsync(db, user.Id, cancellationToken))
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Member"] = "Give the e-mail or display name of a staff member." });
        if (!await db.StaffTeams.AnyAsync(t => t.Id == teamId, cancellationToken))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This team no longer exists.");
        if (await db.StaffTeamMembers.AnyAsync(m => m.TeamId == teamId && m.UserId == user.Id, cancellationToken))
            return WriteResult<int>.Done(teamId);
        var now = time.GetUtcNow().UtcDateTime;
        db.StaffTeamMembers.Add(new StaffTeamMember { TeamId = teamId, UserId = user.Id, AddedAt = now });
        AuditLog.Record(db, now, actor.UserId, EscalationAudit.TeamMemberAdded, AuditTarget.Of("staff-team", teamId, user.Id));
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e) when (e.IsUniqueViolation()) { }
        return WriteResult<int>.Done(teamId);
    }

    public async Task<WriteResult<int>> RemoveMemberAsync(Actor actor, int teamId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await IsAdminAsync(db, actor.UserId, cancellationToken))
            return WriteResult<int>.Fail(WriteFailure.Forbidden, "Only admins can configure staff teams.");
        var removed = await db.StaffTeamMembers.Where(m => m.TeamId == teamId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
        if (removed > 0)
        {
            AuditLog.Record(db, time.GetUtcNow().UtcDateTime, actor.UserId, EscalationAudit.TeamMemberRemoved, AuditTarget.Of("staff-team", teamId, userId));
            await db.SaveChangesAsync(cancellationToken);
        }
        return WriteResult<int>.Done(teamId);
    }

    public static Dictionary<string, string> Problems(TeamInput input)
    {
        var errors = new Dictionary<string, string>();
        var length = (input.Name ?? "").Trim().Length;
        if (length == 0) errors["Name"] = "Name the team, such as Billing or Technical support.";
        else if (length > StaffTeam.NameMaxLength) errors["Name"] = $"Keep the name to {StaffTeam.NameMaxLength} characters.";
        const int week = 7 * 24 * 60;
        if (input.UrgentMinutes is < 1 or > week) errors["UrgentMinutes"] = "The urgent deadline is 1 minute to 7 days (in minutes).";
        if (input.HighMinutes is < 1 or > week) errors["HighMinutes"] = "The high deadline is 1 minute to 7 days (in minutes).";
        if (input.NormalMinutes is < 1 or > week) errors["NormalMinutes"] = "The normal deadline is 1 minute to 7 days (in minutes).";
        if (errors.Count == 0 && !(input.UrgentMinutes <= input.HighMinutes && input.HighMinutes <= input.NormalMinutes))
            errors["UrgentMinutes"] = "A more urgent priority needs a deadline no longer than a less urgent one.";
        return errors;
    }

    private static Task<bool> IsAdminAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).AnyAsync(n => n == Roles.Admin, cancellationToken);
}
