using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

public enum OutboxStatus
{
    Pending,
    Retrying,
    Failed,
    Done,
}

public sealed record OutboxRow(long Id, int QuestionId, ResolutionKind Kind, DateTime CreatedAt, int Attempts, DateTime? LastAttemptAt, string? LastError, DateTime? DoneAt, OutboxStatus Status);

/// <summary>The outbox as admins see it at /admin/kb-outbox, and the retry of an entry the feed gave up on.</summary>
public sealed class KnowledgeBaseOutboxAdmin(IDbContextFactory<CommunityDbContext> contexts, KnowledgeBaseOptions options, TimeProvider time)
{
    public static OutboxStatus StatusOf(DateTime? doneAt, int attempts, string? lastError, int maxAttempts) =>
        doneAt is not null ? OutboxStatus.Done
        : attempts >= maxAttempts ? OutboxStatus.Failed
        : lastError is not null ? OutboxStatus.Retrying
        : OutboxStatus.Pending;

    public async Task<IReadOnlyList<OutboxRow>> ListAsync(OutboxStatus? status, int count = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.KnowledgeBaseOutbox.AsNoTracking();
        query = status switch
        {
            OutboxStatus.Done => query.Where(e => e.DoneAt != null),
            OutboxStatus.Failed => query.Where(e => e.DoneAt == null && e.Attempts >= options.MaxAttempts),
            OutboxStatus.Retrying => query.Where(e => e.DoneAt == null && e.Attempts < options.MaxAttempts && e.LastError != null),
            OutboxStatus.Pending => query.Where(e => e.DoneAt == null && e.Attempts < options.MaxAttempts && e.LastError == null),
            _ => query,
        };
        var rows = await query.OrderByDescending(e => e.Id).Take(count).ToListAsync(cancellationToken);
        return rows.Select(e => new OutboxRow(e.Id, e.QuestionId, e.Kind, e.CreatedAt, e.Attempts, e.LastAttemptAt, e.LastError, e.DoneAt,
            StatusOf(e.DoneAt, e.Attempts, e.LastError, options.MaxAttempts))).ToList();
    }

    public async Task<IReadOnlyDictionary<OutboxStatus, int>> CountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.KnowledgeBaseOutbox.AsNoTracking()
            .GroupBy(e => new { Done = e.DoneAt != null, GaveUp = e.Attempts >= options.MaxAttempts, Error = e.LastError != null })
            .Select(g => new { g.Key.Done, g.Key.GaveUp, g.Key.Error, Count = g.Count() }).ToListAsync(cancellationToken);
        return Enum.GetValues<OutboxStatus>().ToDictionary(s => s, s => rows
            .Where(r => StatusOf(r.Done ? DateTime.MinValue : null, r.GaveUp ? options.MaxAttempts : 0, r.Error ? "" : null, options.MaxAttempts) == s)
            .Sum(r => r.Count));
    }

    /// <summary>Gives a failed (or stuck) entry a fresh set of attempts; the caller enqueues it. Admins only, audited.</summary>
    public async Task<WriteResult<long>> RetryAsync(Actor actor, long entryId, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<long>>(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var isAdmin = await db.UserRoles.Where(ur => ur.UserId == actor.UserId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).AnyAsync(n => n == Roles.Admin, cancellationToken);
            if (!isAdmin)
                return WriteResult<long>.Fail(WriteFailure.Forbidden, "Only admins can retry knowledge-base outbox entries.");
            var entry = await db.KnowledgeBaseOutbox.SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            if (entry is null)
                return WriteResult<long>.Fail(WriteFailure.NotFound, $"There is no outbox entry {entryId}.");
            if (entry.IsDone)
                return WriteResult<long>.Done(entry.Id);
            entry.Attempts = 0;
            var now = time.GetUtcNow().UtcDateTime;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.OutboxRetried, AuditTarget.Of("kb-outbox", entry.Id), details: $"Thread {entry.QuestionId}; last error: {entry.LastError}");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<long>.Done(entry.Id);
        }, cancellationToken);
    }
}
