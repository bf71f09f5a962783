using System.Collections.Concurrent;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation.Queries;

/// <summary>One place on a leaderboard. <see cref="Points"/> is the period's gain, the total for all time, or the tag's answer score.</summary>
public sealed record LeaderboardRow(int Rank, string UserId, string DisplayName, int Reputation, long Points);

/// <summary>Where one member stands; <see cref="Rank"/> is null when they earned nothing in the period (or tag).</summary>
public sealed record LeaderboardStanding(int? Rank, long Points);

/// <summary>
/// Members ranked by reputation earned in a period, in total, or by their answers' score in a tag. Ties share a rank
/// ("1, 2, 2, 4"). All time reads the cached totals through the index on <c>Reputation</c>. A period sums the ledger
/// from its start through the index on <c>CreatedAt</c>; a tag sums the scores of the answers to its questions. Those
/// sums are read once per <see cref="LeaderboardOptions.SnapshotLifetime"/> into a snapshot of the top rows and every
/// positive total, so a member's own rank is their own sum and a binary search, not another pass over everyone.
/// </summary>
public sealed class Leaderboard(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, LeaderboardOptions? options = null)
{
    public const int Size = 100;

    private readonly LeaderboardOptions options = options ?? new LeaderboardOptions();
    private readonly ConcurrentDictionary<string, Snapshot> snapshots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> readers = new(StringComparer.Ordinal);

    /// <summary>One reading: the first <see cref="Size"/> rows and every positive total, largest first.</summary>
    private sealed record Snapshot(DateTime Start, DateTime TakenAt, IReadOnlyList<LeaderboardRow> Top, long[] Totals);

    public async Task<IReadOnlyList<LeaderboardRow>> TopAsync(LeaderboardPeriod period, int count = Size, CancellationToken cancellationToken = default)
    {
        if (period == LeaderboardPeriod.All)
            return await TopOfAllTimeAsync(count, cancellationToken);
        return (await PeriodAsync(period, cancellationToken)).Top.Take(count).ToList();
    }

    public async Task<LeaderboardStanding?> StandingAsync(LeaderboardPeriod period, string userId, CancellationToken cancellationToken = default)
    {
        if (period == LeaderboardPeriod.All)
            return await StandingOfAllTimeAsync(userId, cancellationToken);
        var snapshot = await PeriodAsync(period, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gained = await db.ReputationEntries.Where(e => e.UserId == userId && e.CreatedAt >= snapshot.Start)
            .SumAsync(e => (long)e.Amount, cancellationToken);
        return Standing(snapshot, gained);
    }

    /// <summary>Answerers in a tag by the total score of their answers to its questions (deleted ones left out).</summary>
    public async Task<IReadOnlyList<LeaderboardRow>> TopInTagAsync(string tag, int count = Size, CancellationToken cancellationToken = default) =>
        (await TagAsync(tag, cancellationToken)).Top.Take(count).ToList();

    public async Task<LeaderboardStanding> StandingInTagAsync(string tag, string userId, CancellationToken cancellationToken = default)
    {
        var snapshot = await TagAsync(tag, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var score = await TagAnswers(db, tag).Where(a => a.AuthorId == userId).SumAsync(a => (long)a.Score, cancellationToken);
        return Standing(snapshot, score);
    }

    private async Task<IReadOnlyList<LeaderboardRow>> TopOfAllTimeAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.Users.AsNoTracking()
            .OrderByDescending(u => u.Reputation).ThenBy(u => u.Id).Take(count)
            .Select(u => new { u.Id, u.DisplayName, u.Reputation })
            .ToListAsync(cancellationToken);
        return Ranked(members.Select(m => new Total { UserId = m.Id, Points = m.Reputation }).ToList(),
            members.ToDictionary(m => m.Id, m => (m.DisplayName, m.Reputation)));
    }

    private async Task<LeaderboardStanding?> StandingOfAllTimeAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reputation = await db.Users.Where(u => u.Id == userId).Select(u => (int?)u.Reputation).SingleOrDefaultAsync(cancellationToken);
        if (reputation is not { } mine)
            return null;
        var above = await db.Users.CountAsync(u => u.Reputation > mine, cancellationToken);
        return new LeaderboardStanding(above + 1, mine);
    }

    /// <summary>A member's own total (fresh) ranked against the snapshot's.</summary>
    private static LeaderboardStanding Standing(Snapshot snapshot, long points) =>
        points <= 0 ? new LeaderboardStanding(null, points) : new LeaderboardStanding(CountAbove(snapshot.Totals, points) + 1, points);

    private Task<Snapshot> PeriodAsync(LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        var start = LeaderboardPeriods.Start(period, time.GetUtcNow().UtcDateTime)!.Value;
        return SnapshotAsync($"period:{period}", start, db => db.ReputationEntries.Where(e => e.CreatedAt >= start)
            // Grouping by an expression, not the bare column, keeps SQLite on the CreatedAt range: grouped by the
            // column it prefers to skip-scan (UserId, CreatedAt) once per member, which is far slower for a week.
            .GroupBy(e => e.UserId + "")
            .Select(g => new Total { UserId = g.Key, Points = g.Sum(e => (long)e.Amount) }), cancellationToken);
    }

    private Task<Snapshot> TagAsync(string tag, CancellationToken cancellationToken) =>
        SnapshotAsync($"tag:{tag}", DateTime.MinValue, db => TagAnswers(db, tag)
            .GroupBy(a => a.AuthorId)
            .Select(g => new Total { UserId = g.Key, Points = g.Sum(a => (long)a.Score) }), cancellationToken);

    private async Task<Snapshot> SnapshotAsync(string key, DateTime start, Func<CommunityDbContext, IQueryable<Total>> totals, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var current = snapshots.GetValueOrDefault(key);
        var sameStart = current is not null && current.Start == start;
        if (sameStart && now - current!.TakenAt < options.SnapshotLifetime)
            return current;
        var reader = readers.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        if (sameStart)
        {
            // Expired: one visitor reads it again, and the others keep the old one meanwhile.
            if (!reader.Wait(0, cancellationToken))
                return current!;
        }
        else
        {
            // Nothing to show yet (start-up, a new week): wait for the one reading rather than each summing everything.
            await reader.WaitAsync(cancellationToken);
        }
        try
        {
            if (snapshots.GetValueOrDefault(key) is { } latest && latest.Start == start && now - latest.TakenAt < options.SnapshotLifetime)
                return latest;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var positive = await totals(db).Where(t => t.Points > 0)
                .OrderByDescending(t => t.Points).ThenBy(t => t.UserId)
                .ToListAsync(cancellationToken);
            var snapshot = new Snapshot(start, now, await RankedAsync(db, positive.Take(Size).ToList(), cancellationToken), positive.Select(t => t.Points).ToArray());
            snapshots[key] = snapshot;
            ForgetUnusedTags(now);
            return snapshot;
        }
        finally
        {
            reader.Release();
        }
    }

    /// <summary>Tags come and go; a tag's snapshot nobody has asked for in a while is dropped so memory stays bounded.</summary>
    private void ForgetUnusedTags(DateTime now)
    {
        var unused = options.SnapshotLifetime * 10;
        foreach (var (key, snapshot) in snapshots)
        {
            if (key.StartsWith("tag:", StringComparison.Ordinal) && now - snapshot.TakenAt > unused)
                snapshots.TryRemove(key, out _);
        }
    }

    /// <summary>How many of <paramref name="descending"/> are greater than <paramref name="points"/>.</summary>
    private static int CountAbove(long[] descending, long points)
    {
        var (low, high) = (0, descending.Length);
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (descending[middle] > points)
                low = middle + 1;
            else
                high = middle;
        }
        return low;
    }

    // Member-init, not a constructor: EF composes filters and orderings on top of a member-init projection.
    private sealed class Total
    {
        public string UserId { get; init; } = "";
        public long Points { get; init; }
    }

    // From the tag inwards (tag → its questions → their answers), so only that tag's threads are read.
    private static IQueryable<Questions.Answer> TagAnswers(CommunityDbContext db, string tag) =>
        db.Tags.Where(t => t.Name == tag)
            .SelectMany(t => t.Questions).Where(q => q.DeletedAt == null && q.HiddenAt == null)
            .SelectMany(q => q.Answers).Where(a => a.DeletedAt == null && a.HiddenAt == null);

    private static async Task<IReadOnlyList<LeaderboardRow>> RankedAsync(CommunityDbContext db, List<Total> ordered, CancellationToken cancellationToken)
    {
        var ids = ordered.Select(t => t.UserId).ToList();
        var members = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Reputation }).ToListAsync(cancellationToken);
        return Ranked(ordered, members.ToDictionary(m => m.Id, m => (m.DisplayName, m.Reputation)));
    }

    /// <summary>Competition ranking over rows already in order: equal points, equal rank.</summary>
    private static IReadOnlyList<LeaderboardRow> Ranked(List<Total> ordered, Dictionary<string, (string DisplayName, int Reputation)> members)
    {
        var rows = new List<LeaderboardRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (!members.TryGetValue(ordered[i].UserId, out var member))
                continue; // deleted between the two reads
            var points = ordered[i].Points;
            var rank = rows.Count > 0 && rows[^1].Points == points ? rows[^1].Rank : i + 1;
            rows.Add(new LeaderboardRow(rank, ordered[i].UserId, member.DisplayName, member.Reputation, points));
        }
        return rows;
    }
}
