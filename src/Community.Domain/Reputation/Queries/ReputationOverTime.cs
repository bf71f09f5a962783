using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation.Queries;

/// <summary>A member's reputation at the end of a UTC day.</summary>
public sealed record ReputationPoint(DateOnly Day, int Reputation);

/// <summary>The cumulative reputation by day, for the profile's chart.</summary>
public sealed class ReputationOverTime(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<ReputationPoint>> SeriesAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var joined = await db.Users.Where(u => u.Id == userId).Select(u => (DateTime?)u.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        if (joined is null)
            return [];
        var daily = await db.ReputationEntries.Where(e => e.UserId == userId)
            .GroupBy(e => e.CreatedAt.Date)
            .Select(g => new { Day = g.Key, Amount = g.Sum(e => (long)e.Amount) })
            .ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return Series(daily.Select(d => (DateOnly.FromDateTime(d.Day), d.Amount)), DateOnly.FromDateTime(joined.Value), today);
    }

    /// <summary>
    /// The total at the end of each day on which it changed, from the member's first day to today. A day before each
    /// change repeats the previous total, so a quiet stretch is drawn flat rather than as a slope. Past
    /// <paramref name="maxPoints"/> the series is thinned evenly, always keeping the first and last points.
    /// </summary>
    public static IReadOnlyList<ReputationPoint> Series(IEnumerable<(DateOnly Day, long Amount)> daily, DateOnly joined, DateOnly today, int maxPoints = 400)
    {
        var days = daily.Where(d => d.Day <= today).GroupBy(d => d.Day).Select(g => (Day: g.Key, Amount: g.Sum(d => d.Amount))).OrderBy(d => d.Day).ToList();
        var first = days.Count > 0 && days[0].Day < joined ? days[0].Day : joined;
        if (first > today)
            first = today;
        long running = 0;
        var points = new List<ReputationPoint>();
        foreach (var (day, amount) in days)
        {
            if (points.Count == 0 && day > first)
                points.Add(new ReputationPoint(first, ReputationRules.Total(running)));
            if (points.Count > 0 && points[^1].Day < day.AddDays(-1))
                points.Add(new ReputationPoint(day.AddDays(-1), ReputationRules.Total(running)));
            running += amount;
            points.Add(new ReputationPoint(day, ReputationRules.Total(running)));
        }
        if (points.Count == 0)
            points.Add(new ReputationPoint(first, ReputationRules.Total(0)));
        if (points[^1].Day < today)
            points.Add(new ReputationPoint(today, ReputationRules.Total(running)));
        return Thin(points, maxPoints);
    }

    private static IReadOnlyList<ReputationPoint> Thin(List<ReputationPoint> points, int maxPoints)
    {
        if (points.Count <= maxPoints || maxPoints < 2)
            return points;
        var step = (double)(points.Count - 1) / (maxPoints - 1);
        return Enumerable.Range(0, maxPoints).Select(i => points[(int)Math.Round(i * step)]).ToList();
    }
}
