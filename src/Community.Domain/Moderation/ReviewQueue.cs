using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

/// <param name="MatchedTerm">The watch-list term a system flag matched: for moderators' eyes only.</param>
public sealed record QueueFlag(long Id, FlagReason Reason, string? Note, string? FlaggerId, string FlaggerName, DateTime CreatedAt, int Weight, string? MatchedTerm);

public sealed record PriorFlag(FlagReason Reason, FlagStatus Status, DateTime CreatedAt, string? Outcome);

/// <summary>The author as moderators need to judge them: standing, what they wrote, how often they were flagged or sanctioned before.</summary>
public sealed record AuthorHistory(
    string Id, string DisplayName, int Reputation, DateTime JoinedAt, int Posts, int HelpfulFlagsAgainst, int DeclinedFlagsAgainst,
    int Warnings, int Suspensions, DateTime? SuspendedUntil);

/// <summary>One post or comment with pending flags, as the queue shows it.</summary>
public sealed record QueueItem(
    FlagTarget Target, string Kind, int QuestionId, string QuestionTitle, string BodyHtml, bool IsHeld, string? HiddenReason, bool IsDeleted,
    bool QuestionClosed, bool ThreadLocked, AuthorHistory Author, IReadOnlyList<QueueFlag> Flags, IReadOnlyList<PriorFlag> PriorFlags, bool ModeratorsOnly)
{
    public int Weight => Flags.Sum(f => f.Weight);
    public DateTime Oldest => Flags.Min(f => f.CreatedAt);
    public string Key => Target.PostId is { } p ? $"post-{p}" : $"comment-{Target.CommentId}";
    public string Url => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}" + (Target.PostId is { } p && p != QuestionId ? $"#answer-{p}" : Target.CommentId is { } c ? $"#comment-{c}" : "");
    public string SeenFlagIds => string.Join(',', Flags.Select(f => f.Id));
}

/// <summary>
/// Pending flags grouped by what they flag, held items first, then heaviest, then oldest. Moderators see everything;
/// a member with the review privilege sees only what <see cref="FlagRules.CanHandle"/> lets them settle.
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<CommunityDbContext> contexts, PrivilegeOptions privileges, TimeProvider time)
{
    public const int MaxItems = 100;

    public async Task<IReadOnlyList<QueueItem>> PendingAsync(Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reputation = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.Reputation).SingleOrDefaultAsync(cancellationToken);
        var reviewer = PrivilegeRules.Holds(privileges, Privilege.AccessReviewQueues, reputation, viewer.IsModerator);
        if (!reviewer)
            return [];
        var flags = await db.Set<Flag>().AsNoTracking().Where(f => f.Status == FlagStatus.Pending)
            .OrderBy(f => f.CreatedAt).Take(MaxItems * 10)
            .Select(f => new { f.Id, f.PostId, f.CommentId, f.Reason, f.Note, f.FlaggerId, FlaggerName = f.Flagger != null ? f.Flagger.DisplayName : "System", f.CreatedAt, f.Weight, f.MatchedTerm, f.TargetAuthorId })
            .ToListAsync(cancellationToken);
        var groups = flags.GroupBy(f => (f.PostId, f.CommentId)).ToList();
        var postIds = groups.Select(g => g.Key.PostId).OfType<int>().ToList();
        var commentIds = groups.Select(g => g.Key.CommentId).OfType<int>().ToList();
        var comments = await db.Comments.AsNoTracking().Where(c => commentIds.Contains(c.Id))
            .Select(c => new { c.Id, c.PostId, c.BodyHtml, c.HiddenAt, c.HiddenReason, c.DeletedAt }).ToDictionaryAsync(c => c.Id, cancellationToken);
        var allPostIds = postIds.Concat(comments.Values.Select(c => c.PostId)).Distinct().ToList();
        var posts = await db.Posts.AsNoTracking().Where(p => allPostIds.Contains(p.Id))
            .Select(p => new { p.Id, p.BodyHtml, p.HiddenAt, p.HiddenReason, p.DeletedAt, QuestionId = p is Answer ? ((Answer)p).QuestionId : p.Id })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        var questionIds = posts.Values.Select(p => p.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => questionIds.Contains(q.Id))
            .Select(q => new { q.Id, q.Title, Closed = q.ClosedAt != null, Locked = q.LockedAt != null }).ToDictionaryAsync(q => q.Id, cancellationToken);
        var authorIds = flags.Select(f => f.TargetAuthorId).Distinct().ToList();
        var authors = await HistoriesAsync(db, authorIds, time.GetUtcNow().UtcDateTime, cancellationToken);
        var prior = (await db.Set<Flag>().AsNoTracking()
                .Where(f => f.Status != FlagStatus.Pending && (f.PostId != null && postIds.Contains(f.PostId.Value) || f.CommentId != null && commentIds.Contains(f.CommentId.Value)))
                .Select(f => new { f.PostId, f.CommentId, f.Reason, f.Status, f.CreatedAt, f.Outcome }).ToListAsync(cancellationToken))
            .ToLookup(f => (f.PostId, f.CommentId), f => new PriorFlag(f.Reason, f.Status, f.CreatedAt, f.Outcome));

        var items = new List<QueueItem>();
        foreach (var group in groups)
        {
            var comment = group.Key.CommentId is { } cid ? comments.GetValueOrDefault(cid) : null;
            var postId = group.Key.PostId ?? comment?.PostId;
            if (postId is null || !posts.TryGetValue(postId.Value, out var post) || !questions.TryGetValue(post.QuestionId, out var question))
                continue;
            var authorId = group.First().TargetAuthorId;
            var held = comment is not null ? comment.HiddenAt is not null : post.HiddenAt is not null;
            var reasons = group.Select(f => f.Reason).ToList();
            var system = group.Any(f => f.FlaggerId is null);
            var moderatorsOnly = !FlagRules.CanHandle(new Actor(viewer.UserId, false), true, reasons, held, false, false, system).Allowed;
            if (!viewer.IsModerator && !FlagRules.CanHandle(viewer, true, reasons, held, authorId == viewer.UserId, group.Any(f => f.FlaggerId == viewer.UserId), system).Allowed)
                continue;
            items.Add(new QueueItem(
                new FlagTarget(group.Key.PostId, group.Key.CommentId),
                comment is not null ? "comment" : post.Id == post.QuestionId ? "question" : "answer",
                question.Id, question.Title,
                comment?.BodyHtml ?? post.BodyHtml,
                held, comment is not null ? comment.HiddenReason : post.HiddenReason,
                comment is not null ? comment.DeletedAt is not null : post.DeletedAt is not null,
                question.Closed, question.Locked,
                authors[authorId],
                group.Select(f => new QueueFlag(f.Id, f.Reason, f.Note, f.FlaggerId, f.FlaggerName, f.CreatedAt, f.Weight, viewer.IsModerator ? f.MatchedTerm : null)).ToList(),
                prior[group.Key].ToList(),
                moderatorsOnly));
        }
        return items.OrderByDescending(i => i.IsHeld).ThenByDescending(i => i.Weight).ThenBy(i => i.Oldest).Take(MaxItems).ToList();
    }

    /// <summary>How many items wait: for the header's count.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Set<Flag>().Where(f => f.Status == FlagStatus.Pending).Select(f => new { f.PostId, f.CommentId }).Distinct().CountAsync(cancellationToken);
    }

    internal static async Task<Dictionary<string, AuthorHistory>> HistoriesAsync(CommunityDbContext db, List<string> authorIds, DateTime now, CancellationToken cancellationToken)
    {
        var users = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Reputation, u.CreatedAt, Posts = db.Posts.Count(p => p.AuthorId == u.Id) })
            .ToListAsync(cancellationToken);
        var against = (await db.Set<Flag>().AsNoTracking().Where(f => authorIds.Contains(f.TargetAuthorId) && f.Status != FlagStatus.Pending)
                .GroupBy(f => new { f.TargetAuthorId, f.Status }).Select(g => new { g.Key.TargetAuthorId, g.Key.Status, Count = g.Count() })
                .ToListAsync(cancellationToken))
            .ToLookup(g => g.TargetAuthorId);
        var sanctions = (await db.Set<MemberSanction>().AsNoTracking().Where(s => authorIds.Contains(s.MemberId))
                .Select(s => new { s.MemberId, s.Kind, s.EndsAt, s.LiftedAt }).ToListAsync(cancellationToken))
            .ToLookup(s => s.MemberId);
        return users.ToDictionary(u => u.Id, u => new AuthorHistory(u.Id, u.DisplayName, u.Reputation, u.CreatedAt, u.Posts,
            against[u.Id].Where(g => g.Status == FlagStatus.Helpful).Sum(g => g.Count),
            against[u.Id].Where(g => g.Status == FlagStatus.Declined).Sum(g => g.Count),
            sanctions[u.Id].Count(s => s.Kind == SanctionKind.Warning),
            sanctions[u.Id].Count(s => s.Kind == SanctionKind.Suspension),
            sanctions[u.Id].Where(s => s.Kind == SanctionKind.Suspension && s.LiftedAt == null && s.EndsAt > now).Max(s => s.EndsAt)));
    }
}
