using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

public sealed record TeamMetrics(string Team, int Opened, int Resolved, int Overdue, TimeSpan? MedianFirstResponse, TimeSpan? P90FirstResponse, double? Satisfaction, int Ratings);

public sealed record DayCount(DateOnly Day, int Opened, int Resolved);

public sealed record DeskReport(DateTime From, DateTime To, TimeSpan? MedianFirstResponse, TimeSpan? P90FirstResponse, int Opened, int Resolved, int Overdue,
    double? Satisfaction, int Ratings, int AnsweredByCommunity, int QuestionsAsked, IReadOnlyList<TeamMetrics> Teams, IReadOnlyList<DayCount> Days);

/// <summary>The desk's figures over a period: how fast staff respond, how much is opened, resolved and overdue, how satisfied askers are.</summary>
public sealed class DeskMetrics(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<DeskReport> ReportAsync(DateTime from, DateTime to, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var escalations = await db.Escalations.AsNoTracking()
            .Where(e => e.OpenedAt >= from && e.OpenedAt < to || e.ResolvedAt >= from && e.ResolvedAt < to)
            .Select(e => new Row(e.TeamId, e.Team!.Name, e.OpenedAt, e.ResolvedAt, e.DueAt, e.BreachedAt, e.PausedAt,
                db.Questions.Where(q => q.Id == e.QuestionId).Select(q => q.FirstStaffResponseAt).FirstOrDefault(), e.FirstResponseAt, e.Rating))
            .ToListAsync(cancellationToken);
        var asked = await db.Questions.CountAsync(q => q.DeletedAt == null && q.CreatedAt >= from && q.CreatedAt < to, cancellationToken);
        var byCommunity = await db.Questions.CountAsync(q => q.DeletedAt == null && q.CreatedAt >= from && q.CreatedAt < to
            && (q.AcceptedAnswerId != null || q.Answers.Any(a => a.DeletedAt == null && a.Score > 0))
            && q.FirstStaffResponseAt == null && !db.Escalations.Any(e => e.QuestionId == q.Id), cancellationToken);

        var teams = escalations.GroupBy(e => e.TeamName).OrderBy(g => g.Key).Select(g => Summarize(g.Key, g.ToList(), from, to, now)).ToList();
        var all = Summarize("All teams", escalations, from, to, now);
        var days = new List<DayCount>();
        for (var day = DateOnly.FromDateTime(from); day.ToDateTime(TimeOnly.MinValue) < to && days.Count < 366; day = day.AddDays(1))
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var end = start.AddDays(1);
            days.Add(new DayCount(day, escalations.Count(e => e.OpenedAt >= start && e.OpenedAt < end), escalations.Count(e => e.ResolvedAt >= start && e.ResolvedAt < end)));
        }
        return new DeskReport(from, to, all.MedianFirstResponse, all.P90FirstResponse, all.Opened, all.Resolved, all.Overdue, all.Satisfaction, all.Ratings,
            byCommunity, asked, teams, days);
    }

    /// <summary>Nearest-rank percentile of sorted durations (p in 0..100).</summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0)
            return null;
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private static TeamMetrics Summarize(string team, IReadOnlyList<Row> rows, DateTime from, DateTime to, DateTime now)
    {
        var opened = rows.Where(r => r.OpenedAt >= from && r.OpenedAt < to).ToList();
        var responses = opened.Select(FirstResponse).Where(t => t is not null).Select(t => t!.Value).Order().ToList();
        var ratings = rows.Where(r => r.ResolvedAt >= from && r.ResolvedAt < to && r.Rating is not null).Select(r => r.Rating!.Value).ToList();
        return new TeamMetrics(team, opened.Count, rows.Count(r => r.ResolvedAt >= from && r.ResolvedAt < to),
            opened.Count(r => r.BreachedAt is not null || r.ResolvedAt is { } resolved && resolved > r.DueAt || r.ResolvedAt is null && r.PausedAt is null && now > r.DueAt),
            Percentile(responses, 50), Percentile(responses, 90), ratings.Count == 0 ? null : ratings.Average(), ratings.Count);
    }

    /// <summary>The first staff response after the escalation: on the desk (acknowledged, a private message) or on the thread.</summary>
    private static TimeSpan? FirstResponse(Row row)
    {
        var onThread = row.ThreadResponseAt is { } t && t >= row.OpenedAt ? t : (DateTime?)null;
        var first = new[] { row.FirstResponseAt, onThread }.Where(x => x is not null).Min();
        return first is null ? null : first.Value - row.OpenedAt;
    }

    private sealed record Row(int TeamId, string TeamName, DateTime OpenedAt, DateTime? ResolvedAt, DateTime DueAt, DateTime? BreachedAt, DateTime? PausedAt,
        DateTime? ThreadResponseAt, DateTime? FirstResponseAt, int? Rating);
}
