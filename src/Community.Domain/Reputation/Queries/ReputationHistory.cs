using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation.Queries;

/// <summary>Where an entry's post is: its question, and the answer's anchor when it is an answer.</summary>
public sealed record HistoryPost(int QuestionId, string Title, int? AnswerId)
{
    public string Url => $"questions/{QuestionId}/{Slug.From(Title)}" + (AnswerId is { } id ? $"#answer-{id}" : "");
}

public sealed record HistoryEntry(long Id, DateTime At, int Amount, ReputationReason Reason, HistoryPost? Post)
{
    public string Description => ReputationReasons.Describe(Reason);

    /// <summary>A vote that earned nothing because the day's cap was already reached.</summary>
    public bool WasCapped => Amount == 0 && ReputationRules.IsCappedReason(Reason);
}

/// <summary>A page of history, newest first; <see cref="NextCursor"/> continues with older entries.</summary>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Items, string? NextCursor);

/// <summary>A member's reputation history with reasons and links, for the member alone, without votes undone within the grace period.</summary>
public sealed class ReputationHistory(IDbContextFactory<CommunityDbContext> contexts, ReputationOptions options)
{
    public const int PageSize = 50;

    // Bounds the work of one page when nearly everything in a stretch of the ledger is hidden.
    private const int MaxBatches = 10;

    public async Task<HistoryPage> PageAsync(string userId, string? cursor = null, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var mine = db.ReputationEntries.AsNoTracking().Where(e => e.UserId == userId);
        var after = ParseCursor(cursor);
        var shown = new List<ReputationEntry>();
        for (var batch = 0; batch < MaxBatches && shown.Count < pageSize; batch++)
        {
            var older = after is { } c ? mine.Where(e => e.CreatedAt < c.At || e.CreatedAt == c.At && e.Id < c.Id) : mine;
            var entries = await older.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Take(pageSize).ToListAsync(cancellationToken);
            if (entries.Count == 0)
                break;
            // Each entry's partner lies within the grace period of it: read that margin too.
            var (from, to) = (entries[^1].CreatedAt - options.VoteGracePeriod, entries[0].CreatedAt + options.VoteGracePeriod);
            var around = await mine.Where(e => e.CreatedAt >= from && e.CreatedAt <= to).ToListAsync(cancellationToken);
            var hidden = GraceUndos.Hidden(around, options.VoteGracePeriod);
            foreach (var entry in entries)
            {
                if (shown.Count == pageSize)
                    break;
                after = (entry.CreatedAt, entry.Id);
                if (!hidden.Contains(entry.Id))
                    shown.Add(entry);
            }
            if (entries.Count < pageSize)
                break;
        }
        var posts = await PostsAsync(db, shown.Where(e => e.PostId is not null).Select(e => e.PostId!.Value).Distinct().ToList(), cancellationToken);
        var items = shown.Select(e => new HistoryEntry(e.Id, e.CreatedAt, e.Amount, e.Reason, e.PostId is { } id ? posts.GetValueOrDefault(id) : null)).ToList();
        var next = after is { } last && await mine.AnyAsync(e => e.CreatedAt < last.At || e.CreatedAt == last.At && e.Id < last.Id, cancellationToken)
            ? $"{last.At.Ticks}_{last.Id}"
            : null;
        return new HistoryPage(items, next);
    }

    private static async Task<Dictionary<int, HistoryPost>> PostsAsync(CommunityDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return [];
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id))
            .Select(q => new { q.Id, q.Title }).ToListAsync(cancellationToken);
        var answers = await db.Answers.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.QuestionId, a.Question!.Title }).ToListAsync(cancellationToken);
        return questions.Select(q => (q.Id, Post: new HistoryPost(q.Id, q.Title, null)))
            .Concat(answers.Select(a => (a.Id, Post: new HistoryPost(a.QuestionId, a.Title, a.Id))))
            .ToDictionary(p => p.Id, p => p.Post);
    }

    private static (DateTime At, long Id)? ParseCursor(string? cursor)
    {
        var parts = (cursor ?? "").Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            && long.TryParse(parts[1], out var id)
            ? (new DateTime(ticks, DateTimeKind.Utc), id)
            : null;
    }
}
