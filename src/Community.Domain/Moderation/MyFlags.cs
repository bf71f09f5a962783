using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

public sealed record MyFlag(long Id, FlagReason Reason, string? Note, DateTime CreatedAt, FlagStatus Status, string? Outcome, DateTime? HandledAt, string Title, string Url);

public sealed record MyFlagsSummary(int Helpful, int Declined, int Pending, int RaisedToday, int DailyLimit, IReadOnlyList<MyFlag> Flags);

/// <summary>A member's own flags and what became of them, and where they stand against the daily limit.</summary>
public sealed class MyFlags(IDbContextFactory<CommunityDbContext> contexts, ModerationOptions options, TimeProvider time)
{
    public async Task<MyFlagsSummary> ForAsync(string userId, int take = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dayStart = time.GetUtcNow().UtcDateTime.Date;
        var counts = await db.Set<Flag>().Where(f => f.FlaggerId == userId).GroupBy(f => f.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, cancellationToken);
        var today = await db.Set<Flag>().CountAsync(f => f.FlaggerId == userId && f.CreatedAt >= dayStart, cancellationToken);
        var rows = await db.Set<Flag>().AsNoTracking().Where(f => f.FlaggerId == userId).OrderByDescending(f => f.Id).Take(take)
            .Select(f => new
            {
                f.Id, f.Reason, f.Note, f.CreatedAt, f.Status, f.Outcome, f.HandledAt, f.CommentId,
                PostId = f.PostId ?? db.Comments.Where(c => c.Id == f.CommentId).Select(c => c.PostId).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var postIds = rows.Select(r => r.PostId).Distinct().ToList();
        var threads = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id))
            .Select(p => new { p.Id, QuestionId = p is Answer ? ((Answer)p).QuestionId : p.Id }).ToDictionaryAsync(p => p.Id, p => p.QuestionId, cancellationToken);
        var questionIds = threads.Values.Distinct().ToList();
        var titles = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Title, cancellationToken);
        var flags = rows.Select(r =>
        {
            var questionId = threads.GetValueOrDefault(r.PostId);
            var title = titles.GetValueOrDefault(questionId) ?? "a removed post";
            var anchor = r.CommentId is { } c ? $"#comment-{c}" : r.PostId != questionId ? $"#answer-{r.PostId}" : "";
            return new MyFlag(r.Id, r.Reason, r.Note, r.CreatedAt, r.Status, r.Outcome, r.HandledAt,
                r.CommentId is not null ? $"Comment in {title}" : r.PostId != questionId ? $"Answer to {title}" : title,
                $"questions/{questionId}/{Slug.From(title)}{anchor}");
        }).ToList();
        return new MyFlagsSummary(counts.GetValueOrDefault(FlagStatus.Helpful), counts.GetValueOrDefault(FlagStatus.Declined), counts.GetValueOrDefault(FlagStatus.Pending),
            today, FlagRules.DailyLimit(counts.GetValueOrDefault(FlagStatus.Helpful), options), flags);
    }
}
