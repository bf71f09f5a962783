using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Audit;

public sealed record AuditLine(long Id, DateTime At, string? ActorId, string ActorName, string Action, string TargetKind, string TargetId,
    string? TargetUserId, string? TargetUserName, string? Reason, string? Details);

/// <summary>Narrows the log: by action prefix ("post." or "flag.accepted"), by the member concerned, by target.</summary>
public sealed record AuditFilter(string? ActionPrefix = null, string? TargetUserId = null, string? TargetKind = null, string? TargetId = null);

public sealed class AuditQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public const string SystemName = "System";

    /// <summary>Newest first; <paramref name="before"/> is the id of the last line of the previous page (keyset paging).</summary>
    public async Task<IReadOnlyList<AuditLine>> ListAsync(AuditFilter filter, long? before = null, int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(filter.ActionPrefix)) entries = entries.Where(e => e.Action.StartsWith(filter.ActionPrefix));
        if (!string.IsNullOrEmpty(filter.TargetUserId)) entries = entries.Where(e => e.TargetUserId == filter.TargetUserId);
        if (!string.IsNullOrEmpty(filter.TargetKind)) entries = entries.Where(e => e.TargetKind == filter.TargetKind);
        if (!string.IsNullOrEmpty(filter.TargetId)) entries = entries.Where(e => e.TargetId == filter.TargetId);
        if (before is { } last) entries = entries.Where(e => e.Id < last);
        return await entries.OrderByDescending(e => e.Id).Take(Math.Clamp(take, 1, 200))
            .Select(e => new AuditLine(e.Id, e.At, e.ActorId,
                e.ActorId == null ? SystemName : db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? "(deleted member)",
                e.Action, e.TargetKind, e.TargetId, e.TargetUserId,
                db.Users.Where(u => u.Id == e.TargetUserId).Select(u => u.DisplayName).FirstOrDefault(),
                e.Reason, e.Details))
            .ToListAsync(cancellationToken);
    }
}
