using Community.Domain.Audit;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public sealed record WatchTermView(int Id, string Phrase, WatchAction Action, DateTime CreatedAt, string CreatedBy);

/// <summary>Admins keep the list of words and phrases new and edited posts are checked against; each change is audited.</summary>
public sealed class WatchList(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<WatchTermView>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<WatchTerm>().AsNoTracking().OrderBy(t => t.Phrase)
            .Select(t => new WatchTermView(t.Id, t.Phrase, t.Action, t.CreatedAt, db.Users.Where(u => u.Id == t.CreatedById).Select(u => u.DisplayName).FirstOrDefault() ?? ""))
            .ToListAsync(cancellationToken);
    }

    public async Task<WriteResult<int>> AddAsync(Actor admin, bool actorIsAdmin, string? phrase, WatchAction action, CancellationToken cancellationToken = default)
    {
        if (!actorIsAdmin)
            return WriteResult<int>.Fail(WriteFailure.Forbidden, "Only admins can change the watch list.");
        var text = (phrase ?? "").Trim();
        var normalized = WatchListMatcher.Normalize(text);
        if (normalized.Length == 0)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Phrase"] = "Type a word or phrase with at least one letter or digit." });
        if (text.Length > WatchTerm.PhraseMaxLength)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Phrase"] = $"Keep the phrase to {WatchTerm.PhraseMaxLength} characters." });
        if (!Enum.IsDefined(action))
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Action"] = "Choose flag for review or hold until reviewed." });
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var term = new WatchTerm { Phrase = text, Normalized = normalized, Action = action, CreatedAt = now, CreatedById = admin.UserId };
        db.Set<WatchTerm>().Add(term);
        AuditLog.Record(db, now, admin.UserId, ModerationAuditActions.WatchTermAdded, new AuditTarget("watch-term", normalized), null, $"{text} ({action})");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Phrase"] = $"“{text}” is already on the watch list (matching ignores case and accents)." });
        }
        return WriteResult<int>.Done(term.Id);
    }

    public async Task<WriteResult<bool>> RemoveAsync(Actor admin, bool actorIsAdmin, int id, CancellationToken cancellationToken = default)
    {
        if (!actorIsAdmin)
            return WriteResult<bool>.Fail(WriteFailure.Forbidden, "Only admins can change the watch list.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var term = await db.Set<WatchTerm>().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (term is null)
            return WriteResult<bool>.Done(false);
        db.Set<WatchTerm>().Remove(term);
        AuditLog.Record(db, time.GetUtcNow().UtcDateTime, admin.UserId, ModerationAuditActions.WatchTermRemoved, new AuditTarget("watch-term", term.Normalized), null, $"{term.Phrase} ({term.Action})");
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<bool>.Done(true);
    }
}
