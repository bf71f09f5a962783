using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

/// <summary>A member's opt-in to be invited to unanswered questions in the tags they answer well.</summary>
public sealed class InvitationSettings(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<bool> IsOptedInAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.InvitationOptIns.AnyAsync(o => o.UserId == userId, cancellationToken);
    }

    public async Task SetAsync(string userId, bool optedIn, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!optedIn)
        {
            await db.InvitationOptIns.Where(o => o.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            return;
        }
        if (await db.InvitationOptIns.AnyAsync(o => o.UserId == userId, cancellationToken))
            return;
        db.InvitationOptIns.Add(new InvitationOptIn { UserId = userId, OptedInAt = time.GetUtcNow().UtcDateTime });
        try { await db.SaveChangesAsync(cancellationToken); }
        catch (DbUpdateException e) when (Posting.UniqueViolation.IsUniqueViolation(e)) { }
    }

    /// <summary>The member's recent invitations, newest first.</summary>
    public async Task<IReadOnlyList<(int QuestionId, string Title, DateTime At)>> InvitationsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ExpertInvitations.AsNoTracking().Where(i => i.UserId == userId).OrderByDescending(i => i.InvitedAt).Take(20)
            .Join(db.Questions, i => i.QuestionId, q => q.Id, (i, q) => new { i.QuestionId, q.Title, i.InvitedAt }).ToListAsync(cancellationToken);
        return rows.Select(r => (r.QuestionId, r.Title, r.InvitedAt)).ToList();
    }
}
