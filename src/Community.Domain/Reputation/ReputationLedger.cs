using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation;

/// <summary>
/// Appends to the reputation ledger inside the caller's transaction and keeps each member's cached total in step,
/// so the total always equals <see cref="ReputationRules.Total"/> of the ledger's sum.
/// </summary>
public sealed class ReputationLedger(ReputationOptions points, TimeProvider time, Notices.MemberNotices? notices = null)
{
    public ReputationOptions Points => points;

    /// <summary>Where privilege notices go (none in some tests).</summary>
    internal Notices.MemberNotices? Notices => notices;

    public async Task<ReputationParty> PartyAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken)
    {
        var isStaff = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(name => name == Roles.Staff || name == Roles.Admin, cancellationToken);
        return new ReputationParty(userId, isStaff);
    }

    /// <summary>Records changes from one source; vote gains are cut to what fits under the member's daily cap.</summary>
    public Task AppendAsync(CommunityDbContext db, IEnumerable<ReputationChange> changes, string sourceKey, int? postId, string? actorId, CancellationToken cancellationToken) =>
        AppendAsync(db, changes, sourceKey, postId, actorId, gain: null, oneCommand: false, cancellationToken);

    /// <summary>
    /// The same as <see cref="AppendAsync(CommunityDbContext, IEnumerable{ReputationChange}, string, int?, string?, CancellationToken)"/>
    /// for a vote, in one command a change (the ledger row and the member's total together, as the raw-SQL floor writes
    /// them): the caller's context must have nothing pending to save, since no SaveChanges runs here. <paramref name="gain"/>
    /// is the author's daily-cap counter as the caller read it inside its write turn (so it cannot have moved since), which
    /// spares the cap its own query.
    /// </summary>
    public Task AppendVoteAsync(CommunityDbContext db, IEnumerable<ReputationChange> changes, string sourceKey, int postId, string actorId, VoteGain gain,
        CancellationToken cancellationToken) =>
        AppendAsync(db, changes, sourceKey, postId, actorId, gain, oneCommand: true, cancellationToken);

    /// <summary>
    /// The same as <see cref="AppendAsync(CommunityDbContext, IEnumerable{ReputationChange}, string, int?, string?, CancellationToken)"/>,
    /// in one command a change (the ledger row and the member's total together): the caller's context must have nothing
    /// pending to save, since no SaveChanges runs here (an acceptance calls it right after its own SaveChanges).
    /// </summary>
    public Task AppendInOneCommandAsync(CommunityDbContext db, IEnumerable<ReputationChange> changes, string sourceKey, int? postId, string? actorId, CancellationToken cancellationToken) =>
        AppendAsync(db, changes, sourceKey, postId, actorId, gain: null, oneCommand: true, cancellationToken);

    /// <param name="gain">A member's daily-cap counter already read in this write turn; other members' is read here.</param>
    /// <param name="oneCommand">Each row with its member's total in one command, no SaveChanges; else through the context.</param>
    private async Task AppendAsync(CommunityDbContext db, IEnumerable<ReputationChange> changes, string sourceKey, int? postId, string? actorId, VoteGain? gain,
        bool oneCommand, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(ReputationRules.DayStart(now));
        foreach (var change in changes)
        {
            var amount = change.Amount;
            if (ReputationRules.IsCappedReason(change.Reason))
            {
                var gainedToday = gain is { } read && change.UserId == read.UserId
                    ? (read.Day == today ? read.Gained : 0)
                    : await GainedTodayAsync(db, change.UserId, today, cancellationToken);
                amount = ReputationRules.CapVoteGain(amount, gainedToday, points.DailyVoteCap);
            }
            var entry = new ReputationEntry
            {
                UserId = change.UserId, Amount = amount, Reason = change.Reason, SourceKey = sourceKey,
                PostId = postId, ActorId = actorId, CreatedAt = now,
            };
            if (oneCommand)
                await AddInOneCommandAsync(db, entry, cancellationToken);
            else
                await AddAsync(db, entry, cancellationToken);
        }
    }

    /// <summary>Today's capped gains, from the member's counter (kept by a trigger on the ledger: MemberVoteGains).</summary>
    private static async Task<int> GainedTodayAsync(CommunityDbContext db, string userId, DateOnly today, CancellationToken cancellationToken)
    {
        var gains = await db.MemberVoteGains.AsNoTracking().Where(g => g.UserId == userId)
            .Select(g => new { g.Day, g.Gained }).FirstOrDefaultAsync(cancellationToken);
        return gains is not null && gains.Day == today ? gains.Gained : 0;
    }

    private async Task AddInOneCommandAsync(CommunityDbContext db, ReputationEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Amount == 0 && !ReputationRules.IsCappedReason(entry.Reason))
            return;
        var greatest = db.Database.IsNpgsql() ? "GREATEST" : "max";
        var sql = $"""
            INSERT INTO "ReputationEntries" ("UserId", "Amount", "Reason", "SourceKey", "PostId", "ActorId", "CreatedAt")
            VALUES (@user, @amount, @reason, @source, @post, @actor, @now);
            UPDATE "AspNetUsers" SET "ReputationPoints" = "ReputationPoints" + @amount,
                "Reputation" = {greatest}({ReputationRules.Floor}, {ReputationRules.Floor} + "ReputationPoints" + @amount)
            WHERE "Id" = @user RETURNING "ReputationPoints" AS "Value"
            """;
        var points = (await db.Database.SqlQueryRaw<long>(sql,
                RawParameters.Create(db, "user", entry.UserId), RawParameters.Create(db, "amount", (long)entry.Amount),
                RawParameters.Create(db, "reason", entry.Reason.ToString()), RawParameters.Create(db, "source", entry.SourceKey),
                RawParameters.Create(db, "post", entry.PostId), RawParameters.Create(db, "actor", entry.ActorId), RawParameters.Create(db, "now", entry.CreatedAt))
            .ToListAsync(cancellationToken)).Single();
        await NotifyPrivilegesAsync(db, entry, points, cancellationToken);
    }

    /// <summary>Cancels what a source still adds up to for each member (a vote undone, an acceptance withdrawn).</summary>
    public async Task ReverseAsync(CommunityDbContext db, string sourceKey, ReputationReason reason, string? actorId, CancellationToken cancellationToken)
    {
        var nets = await db.ReputationEntries.Where(e => e.SourceKey == sourceKey)
            .GroupBy(e => new { e.UserId, e.PostId })
            .Select(g => new { g.Key.UserId, g.Key.PostId, Net = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var net in nets.Where(n => n.Net != 0))
            await AddAsync(db, new ReputationEntry
            {
                UserId = net.UserId, Amount = -net.Net, Reason = reason, SourceKey = sourceKey,
                PostId = net.PostId, ActorId = actorId, CreatedAt = now,
            }, cancellationToken);
    }

    /// <summary>Cancels every vote's effect on a deleted post; <see cref="RestorePostAsync"/> puts it back on undelete.</summary>
    public async Task ReversePostAsync(CommunityDbContext db, int postId, string? actorId, CancellationToken cancellationToken)
    {
        var sources = await db.ReputationEntries.Where(e => e.PostId == postId && e.SourceKey.StartsWith("vote:"))
            .Select(e => e.SourceKey).Distinct().ToListAsync(cancellationToken);
        foreach (var source in sources)
            await ReverseAsync(db, source, ReputationReason.PostDeleted, actorId, cancellationToken);
    }

    public async Task RestorePostAsync(CommunityDbContext db, int postId, string? actorId, CancellationToken cancellationToken)
    {
        var removed = await db.ReputationEntries
            .Where(e => e.PostId == postId && (e.Reason == ReputationReason.PostDeleted || e.Reason == ReputationReason.PostUndeleted))
            .GroupBy(e => new { e.UserId, e.SourceKey })
            .Select(g => new { g.Key.UserId, g.Key.SourceKey, Net = g.Sum(e => e.Amount) })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var entry in removed.Where(r => r.Net != 0))
            await AddAsync(db, new ReputationEntry
            {
                UserId = entry.UserId, Amount = -entry.Net, Reason = ReputationReason.PostUndeleted, SourceKey = entry.SourceKey,
                PostId = postId, ActorId = actorId, CreatedAt = now,
            }, cancellationToken);
    }

    private async Task AddAsync(CommunityDbContext db, ReputationEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Amount == 0 && !ReputationRules.IsCappedReason(entry.Reason))
            return;
        db.ReputationEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        // One statement moves the total and returns it: the total before is the same sum less this entry.
        var points = await AddToTotalAsync(db, entry.UserId, entry.Amount, cancellationToken);
        await NotifyPrivilegesAsync(db, entry, points, cancellationToken);
    }

    /// <summary>
    /// Tells the member of privileges a gain brought them, from their points after it. In the same transaction as the
    /// points: a privilege notice never outlives a rolled-back vote.
    /// </summary>
    private async Task NotifyPrivilegesAsync(CommunityDbContext db, ReputationEntry entry, long pointsAfter, CancellationToken cancellationToken)
    {
        if (notices is not null && entry.Amount > 0)
            await notices.NotifyPrivilegesAsync(db, entry.UserId, ReputationRules.Total(pointsAfter - entry.Amount), ReputationRules.Total(pointsAfter), cancellationToken);
    }

    /// <summary>Adds to a member's cached points and reputation (never below the floor); returns the points after.</summary>
    private static async Task<long> AddToTotalAsync(CommunityDbContext db, string userId, int amount, CancellationToken cancellationToken)
    {
        var greatest = db.Database.IsNpgsql() ? "GREATEST" : "max";
        var sql = $$"""
            UPDATE "AspNetUsers" SET "ReputationPoints" = "ReputationPoints" + {0},
                "Reputation" = {{greatest}}({{ReputationRules.Floor}}, {{ReputationRules.Floor}} + "ReputationPoints" + {0})
            WHERE "Id" = {1} RETURNING "ReputationPoints" AS "Value"
            """;
        var points = await db.Database.SqlQueryRaw<long>(sql, (long)amount, userId).ToListAsync(cancellationToken);
        return points.Single();
    }
}

/// <summary>A member's daily-cap counter (<see cref="MemberVoteGain"/>) as read: the day of their latest capped gain and its sum.</summary>
public sealed record VoteGain(string UserId, DateOnly? Day, int Gained);
