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
/// from the period's start through the index on <c>CreatedAt</c>, once per <see cref="LeaderboardOptions.SnapshotLifetime"/>:
/// the snapshot keeps the top rows and every positive gain, so a member's rank is a binary search, not another sum.
/// </summary>
public sealed class Leaderboard(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, LeaderboardOptions? options = null)
{
    public const int Size = 100;

    private readonly LeaderboardOptions options = options ?? new LeaderboardOptions();
    private readonly ConcurrentDictionary<LeaderboardPeriod, Snapshot> snapshots = new();
    private readonly ConcurrentDictionary<LeaderboardPeriod, SemaphoreSlim> readers = new();

    /// <summary>One reading of a period: the first <see cref="Size"/> rows, and every positive gain, largest first.</summary>
    private sealed record Snapshot(DateTime Start, DateTime TakenAt, IReadOnlyList<LeaderboardRow> Top, long[] Gains);

    public async Task<IReadOnlyList<LeaderboardRow>> TopAsync(LeaderboardPeriod period, int count = Size, CancellationToken cancellationToken = default)
    {
        if (period == LeaderboardPeriod.All)
            return await TopOfAllTimeAsync(count, cancellationToken);
        var snapshot = await SnapshotAsync(period, cancellationToken);
        return snapshot.Top.Take(count).ToList();
    }

    public async Task<LeaderboardStanding?> StandingAsync(LeaderboardPeriod period, string userId, CancellationToken cancellationToken = default)
    {
        if (period == LeaderboardPeriod.All)
        {
            await using var users = await contexts.CreateDbContextAsync(cancellationToken);
            var reputation = await users.Users.Where(u => u.Id == userId).Select(u => (int?)u.Reputation).SingleOrDefaultAsync(cancellationToken);
            if (reputation is not { } mine)
                return null;
            var above = await users.Users.CountAsync(u => u.Reputation > mine, cancellationToken);
            return new LeaderboardStanding(above + 1, mine);
        }
        var snapshot = await SnapshotAsync(period, cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gained = await db.ReputationEntries.Where(e => e.UserId == userId && e.CreatedAt >= snapshot.Start)
            .SumAsync(e => (long)e.Amount, cancellationToken);
        return gained <= 0 ? new LeaderboardStanding(null, gained) : new LeaderboardStanding(CountAbove(snapshot.Gains, gained) + 1, gained);
    }

    /// <summary>Answerers in a tag by the total score of their answers to its questions (deleted ones left out).</summary>
    public async Task<IReadOnlyList<LeaderboardRow>> TopInTagAsync(string tag, int count = Size, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var totals = await TagScores(db, tag)
            .Where(t => t.Points > 0)
            .OrderByDescending(t => t.Points).ThenBy(t => t.UserId).Take(count)
            .ToListAsync(cancellationToken);
        return await RankedAsync(db, totals, cancellationToken);
    }

    public async Task<LeaderboardStanding> StandingInTagAsync(string tag, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = await TagAnswers(db, tag).Where(a => a.AuthorId == userId).SumAsync(a => (long)a.Score, cancellationToken);
        if (mine <= 0)
            return new LeaderboardStanding(null, mine);
        var ahead = await TagScores(db, tag).CountAsync(t => t.Points > mine, cancellationToken);
        return new LeaderboardStanding(ahead + 1, mine);
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

    private async Task<Snapshot> SnapshotAsync(LeaderboardPeriod period, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var start = LeaderboardPeriods.Start(period, now)!.Value;
        var current = snapshots.GetValueOrDefault(period);
        var samePeriod = current is not null && current.Start == start;
        if (samePeriod && now - current!.TakenAt < options.SnapshotLifetime)
            return current;
        var reader = readers.GetOrAdd(period, _ => new SemaphoreSlim(1, 1));
        if (samePeriod)
        {
            // Expired: one visitor reads it again, and the others keep the old one meanwhile.
            if (!reader.Wait(0, cancellationToken))
                return current!;
        }
        else
        {
            // Nothing to show yet (start-up, a new week): wait for the one reading rather than each summing the ledger.
            await reader.WaitAsync(cancellationToken);
        }
        try
        {
            if (snapshots.GetValueOrDefault(period) is { } latest && latest.Start == start && now - latest.TakenAt < options.SnapshotLifetime)
                return latest;
            var snapshot = await ReadAsync(start, now, cancellationToken);
            snapshots[period] = snapshot;
            return snapshot;
        }
        finally
        {
            reader.Release();
        }
    }

    private async Task<Snapshot> ReadAsync(DateTime start, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var gains = await db.ReputationEntries.Where(e => e.CreatedAt >= start)
            // Grouping by an expression, not the bare column, keeps SQLite on the CreatedAt range: grouped by the
            // column it prefers to skip-scan (UserId, CreatedAt) once per member, which is far slower for a week.
            .GroupBy(e => e.UserId + "")
            .Select(g => new Total { UserId = g.Key, Points = g.Sum(e => (long)e.Amount) })
            .Where(g => g.Points > 0)
            .OrderByDescending(g => g.Points).ThenBy(g => g.UserId)
            .ToListAsync(cancellationToken);
        return new Snapshot(start, now, await RankedAsync(db, gains.Take(Size).ToList(), cancellationToken), gains.Select(g => g.Points).ToArray());
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

    // Member-init, not a constructor: EF composes filters and counts on top of a member-init projection.
    private sealed class Total
    {
        public string UserId { get; init; } = "";
        public long Points { get; init; }
    }

    // From the tag inwards (tag → its questions → their answers), so only that tag's threads are read.
    private static IQueryable<Questions.Answer> TagAnswers(CommunityDbContext db, string tag) =>
        db.Tags.Where(t => t.Name == tag)
            .SelectMany(t => t.Questions).Where(q => q.DeletedAt == null)
            .SelectMany(q => q.Answers).Where(a => a.DeletedAt == null);

    private static IQueryable<Total> TagScores(CommunityDbContext db, string tag) =>
        TagAnswers(db, tag).GroupBy(a => a.AuthorId).Select(g => new Total { UserId = g.Key, Points = g.Sum(a => (long)a.Score) });

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
