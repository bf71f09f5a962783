using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public sealed record SanctionCommand(string MemberId, SanctionKind Kind, string Reason, int? Days = null);

/// <summary>
/// Warns or suspends a member, with the reason they see (a notice, and for a suspension the banner and every refusal),
/// and audits it. Used on its own from a member's moderation page and as the last step of handling flags.
/// </summary>
public sealed class SanctionMember(IDbContextFactory<CommunityDbContext> contexts, ModerationGate gate, Notices.MemberNotices notices, TimeProvider time)
{
    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, SanctionCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var result = await ApplyAsync(db, actor, command, cancellationToken);
            if (result.Succeeded)
                await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>In the caller's context and transaction.</summary>
    internal async Task<WriteResult<int>> ApplyAsync(CommunityDbContext db, Actor actor, SanctionCommand command, CancellationToken cancellationToken)
    {
        var member = await db.Users.AsNoTracking().Where(u => u.Id == command.MemberId).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (member is null)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "There is no such member.");
        var moderates = await db.UserRoles.AnyAsync(ur => ur.UserId == member.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Accounts.Roles.Member), cancellationToken);
        if (SanctionRules.CanSanction(actor, member.Id, moderates, command.Kind, command.Reason, command.Days, gate.Options.SuspensionDays) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);

        var now = time.GetUtcNow().UtcDateTime;
        var reason = command.Reason.Trim();
        var sanction = new MemberSanction
        {
            MemberId = member.Id, Kind = command.Kind, Reason = reason, CreatedAt = now, ById = actor.UserId,
            EndsAt = command.Kind == SanctionKind.Suspension ? now.AddDays(command.Days!.Value) : null,
        };
        db.Set<MemberSanction>().Add(sanction);
        var action = command.Kind == SanctionKind.Suspension ? ModerationAuditActions.Suspended : ModerationAuditActions.Warned;
        AuditLog.Record(db, now, actor.UserId, action, AuditTarget.Member(member.Id), reason,
            sanction.EndsAt is { } ends ? $"{command.Days} days, until {SanctionRules.When(ends)}" : null);
        await db.SaveChangesAsync(cancellationToken);
        var text = command.Kind == SanctionKind.Suspension
            ? $"A moderator suspended your account until {SanctionRules.When(sanction.EndsAt!.Value)}: {reason} You can still sign in and read."
            : $"A moderator warned you: {reason} Please keep to the community's rules; a further problem may lead to a suspension.";
        await notices.AddAsync(db, member.Id, text, "notifications", $"sanction:{sanction.Id}", cancellationToken, Notifications.NotificationKind.ModerationOutcome);
        return WriteResult<int>.Done(sanction.Id);
    }

    /// <summary>Ends a suspension early.</summary>
    public async Task<WriteResult<bool>> LiftAsync(Actor actor, int sanctionId, CancellationToken cancellationToken = default)
    {
        if (!actor.IsModerator)
            return WriteResult<bool>.Fail(WriteFailure.Forbidden, "Only moderators can lift a suspension.");
        return await contexts.RunAsync<WriteResult<bool>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var sanction = await db.Set<MemberSanction>().SingleOrDefaultAsync(s => s.Id == sanctionId, cancellationToken);
            if (sanction is null || !sanction.IsActiveSuspension(now))
                return WriteResult<bool>.Fail(WriteFailure.NotFound, "This suspension has already ended.");
            sanction.LiftedAt = now;
            AuditLog.Record(db, now, actor.UserId, ModerationAuditActions.SuspensionLifted, AuditTarget.Member(sanction.MemberId), null, $"Suspension #{sanction.Id}");
            await db.SaveChangesAsync(cancellationToken);
            await notices.AddAsync(db, sanction.MemberId, "A moderator lifted your suspension: you can post, comment, vote and flag again.", "notifications", $"sanction-lifted:{sanction.Id}", cancellationToken, Notifications.NotificationKind.ModerationOutcome);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<bool>.Done(true);
        }, cancellationToken);
    }
}
