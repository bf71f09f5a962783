using System.Collections.Concurrent;
using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

public sealed record BadgeEarned(string UserId, Badge Badge, string AwardKey, int? PostId);

/// <summary>
/// Awards what is due. <see cref="CheckMemberAsync"/> is the event path (after a vote, an accept, an edit: call it once
/// the write has committed); <see cref="SweepAsync"/> is the recurring catch-all. Both apply the catalogue's rules (to one
/// member's facts in memory, to everyone in SQL) and insert under the award's unique key, so running them together or
/// twice awards nothing twice. Each award and its notice are saved together.
/// </summary>
public sealed class BadgeAwarder(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    /// <summary>Awards what one member is due, from a few queries about them; returns what was newly awarded.</summary>
    public Task<IReadOnlyList<BadgeEarned>> CheckMemberAsync(string userId, CancellationToken cancellationToken = default) =>
        CheckMemberAsync(userId, BadgeScope.All, cancellationToken);

    /// <summary>Awards what one member is due from the facts <paramref name="scope"/> can have changed.</summary>
    public async Task<IReadOnlyList<BadgeEarned>> CheckMemberAsync(string userId, BadgeScope scope, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (await MemberFacts.LoadAsync(db, userId, scope, cancellationToken) is not { } facts)
            return [];
        var due = MemberBadges.Due(facts, now).Select(d => new DueAward(userId, d.Badge, d.AwardKey, d.PostId, d.Year)).ToList();
        return await SaveAsync(db, due, now, cancellationToken);
    }

    /// <summary>
    /// Several members' scoped checks (an acceptance: the asker and the answerer) on one context, their awards saved
    /// together: one write turn for all of them instead of one a member.
    /// </summary>
    public async Task<IReadOnlyList<BadgeEarned>> CheckMembersAsync(IEnumerable<(string UserId, BadgeScope Scope)> checks, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var due = new List<DueAward>();
        foreach (var (userId, scope) in checks)
        {
            if (await MemberFacts.LoadAsync(db, userId, scope, cancellationToken) is not { } facts)
                continue;
            due.AddRange(MemberBadges.Due(facts, now).Select(d => new DueAward(userId, d.Badge, d.AwardKey, d.PostId, d.Year)));
        }
        return await SaveAsync(db, due.DistinctBy(d => (d.UserId, d.Badge.Id, d.AwardKey)).ToList(), now, cancellationToken);
    }

    /// <summary>For an event that concerns several members (a vote: the voter and the author).</summary>
    public async Task<IReadOnlyList<BadgeEarned>> CheckMembersAsync(IEnumerable<string> userIds, CancellationToken cancellationToken = default)
    {
        var earned = new List<BadgeEarned>();
        foreach (var userId in userIds.Distinct())
            earned.AddRange(await CheckMemberAsync(userId, cancellationToken));
        return earned;
    }

    /// <summary>
    /// Awards are never taken back, so an award once seen held stays held: the vote path skips such candidates without a
    /// query (a voter's Supporter, checked on every up vote, is then free). Bounded; forgetting only costs a query.
    /// Once-only awards (Supporter, Critic, Student, Teacher…) are kept apart, one bit a badge per member
    /// (<see cref="heldOnce"/>), and loaded for every member by <see cref="LoadHeldAsync"/>; per-post and per-tag awards
    /// are remembered as they are seen (<see cref="knownHeld"/>).
    /// </summary>
    private readonly ConcurrentDictionary<(string UserId, int BadgeId, string AwardKey), byte> knownHeld = new();

    private int knownHeldCount;

    /// <summary>Each member's once-only awards seen held, one bit a badge id (ids below 64).</summary>
    private readonly ConcurrentDictionary<string, long> heldOnce = new(StringComparer.Ordinal);

    private const int KnownHeldLimit = 200_000;

    /// <summary>Members whose once-only awards are kept (about 100 bytes each); past it, their candidates cost a query.</summary>
    private const int HeldOnceLimit = 500_000;

    private int heldOnceCount;

    private Task? heldLoad;

    private readonly Lock heldLoadLock = new();

    /// <summary>Whether this process has seen the award held (then a candidate for it is not worth a query).</summary>
    public bool IsKnownHeld(BadgeCandidate candidate) =>
        IsOnceBit(candidate.Badge.Id, candidate.AwardKey)
            ? heldOnce.TryGetValue(candidate.UserId, out var mask) && (mask & (1L << candidate.Badge.Id)) != 0
            : knownHeld.ContainsKey((candidate.UserId, candidate.Badge.Id, candidate.AwardKey));

    private static bool IsOnceBit(int badgeId, string awardKey) => badgeId is >= 0 and < 64 && awardKey == BadgeRules.OnceKey;

    private void RememberHeld(string userId, int badgeId, string awardKey)
    {
        if (IsOnceBit(badgeId, awardKey))
        {
            RememberOnce(userId, badgeId);
            return;
        }
        // ConcurrentDictionary.Count takes every lock of the table: the count is kept apart.
        if (Volatile.Read(ref knownHeldCount) >= KnownHeldLimit)
        {
            knownHeld.Clear();
            Volatile.Write(ref knownHeldCount, 0);
        }
        if (knownHeld.TryAdd((userId, badgeId, awardKey), 0))
            Interlocked.Increment(ref knownHeldCount);
    }

    private void RememberOnce(string userId, int badgeId)
    {
        var bit = 1L << badgeId;
        while (true)
        {
            if (heldOnce.TryGetValue(userId, out var mask))
            {
                if ((mask & bit) != 0 || heldOnce.TryUpdate(userId, mask | bit, mask))
                    return;
                continue;
            }
            if (Volatile.Read(ref heldOnceCount) >= HeldOnceLimit)
                return;
            if (heldOnce.TryAdd(userId, bit))
            {
                Interlocked.Increment(ref heldOnceCount);
                return;
            }
        }
    }

    /// <summary>
    /// Reads once, for every member, the once-only awards they hold (one query over <c>BadgeAwards</c>), so that a
    /// process's first votes by members who hold Supporter, on authors who hold Teacher, cost no query either. Later calls
    /// return the same load; a failed load is tried again by the next call. Awards are never taken back, so what it read
    /// stays true; awards saved meanwhile are remembered as they are saved.
    /// </summary>
    public Task LoadHeldAsync(CancellationToken cancellationToken = default)
    {
        lock (heldLoadLock)
        {
            if (heldLoad is not { IsFaulted: false, IsCanceled: false })
                heldLoad = LoadHeldCoreAsync(cancellationToken);
            return heldLoad;
        }
    }

    private async Task LoadHeldCoreAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var once = BadgeRules.OnceKey;
        await foreach (var award in db.BadgeAwards.AsNoTracking().Where(a => a.AwardKey == once && a.BadgeId < 64)
                           .Select(a => new { a.UserId, a.BadgeId }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            RememberOnce(award.UserId, award.BadgeId);
    }

    /// <summary>
    /// After votes (<see cref="VoteBadges"/>): awards the <paramref name="candidates"/> the members do not hold, and the tag
    /// badges the authors' counters in the tags of <paramref name="tagChecks"/>' questions earn. One query for the
    /// authors' counters, one for what the members hold of their candidates (whatever their number: a drain passes up to
    /// 256 votes at once), then the awards; nothing at all when every candidate is known held.
    /// </summary>
    public async Task<IReadOnlyList<BadgeEarned>> AwardAfterVotesAsync(IEnumerable<BadgeCandidate> candidates, IEnumerable<(string AuthorId, int QuestionId)> tagChecks,
        CancellationToken cancellationToken = default)
    {
        var all = candidates.ToList();
        var checks = tagChecks.ToList();
        if (checks.Count == 0 && all.All(IsKnownHeld))
            return [];
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (checks.Count > 0)
        {
            foreach (var totals in await TagTotalsAsync(db, checks, cancellationToken))
                all.AddRange(VoteBadges.TagLevels(totals.Totals).Select(level => new BadgeCandidate(totals.AuthorId, level, totals.Totals.Tag, null)));
        }
        var open = all.Where(c => !IsKnownHeld(c)).DistinctBy(c => (c.UserId, c.Badge.Id, c.AwardKey)).ToList();
        if (open.Count == 0)
            return [];
        // What the members hold of their candidates, in one query for the whole batch (by the awards' unique index).
        var userIds = open.Select(c => c.UserId).Distinct().ToList();
        var badgeIds = open.Select(c => c.Badge.Id).Distinct().ToList();
        var keys = open.Select(c => c.AwardKey).Distinct().ToList();
        var held = (await db.BadgeAwards.Where(a => userIds.Contains(a.UserId) && badgeIds.Contains(a.BadgeId) && keys.Contains(a.AwardKey))
            .Select(a => new { a.UserId, a.BadgeId, a.AwardKey }).ToListAsync(cancellationToken)).Select(a => (a.UserId, a.BadgeId, a.AwardKey)).ToHashSet();
        foreach (var (userId, badgeId, awardKey) in held)
            RememberHeld(userId, badgeId, awardKey);
        var due = open.Where(c => !held.Contains((c.UserId, c.Badge.Id, c.AwardKey))).Select(c => new DueAward(c.UserId, c.Badge, c.AwardKey, c.PostId)).ToList();
        var earned = await SaveAsync(db, due, time.GetUtcNow().UtcDateTime, cancellationToken);
        // Saved, or already awarded by someone else meanwhile (SaveAsync skips those): held either way.
        foreach (var award in due)
            RememberHeld(award.UserId, award.Badge.Id, award.AwardKey);
        return earned;
    }

    /// <summary>
    /// Each author's totals in their voted-on questions' tags, only where a tag badge is within reach: one query for all
    /// of them (the counters, one row a member and tag).
    /// </summary>
    private static async Task<List<(string AuthorId, TagFact Totals)>> TagTotalsAsync(CommunityDbContext db, List<(string AuthorId, int QuestionId)> checks,
        CancellationToken cancellationToken)
    {
        var authorIds = checks.Select(c => c.AuthorId).Distinct().ToList();
        var questionIds = checks.Select(c => c.QuestionId).Distinct().ToList();
        var rows = await db.Set<Dictionary<string, object>>("QuestionTags")
            .Where(qt => questionIds.Contains(EF.Property<int>(qt, "QuestionsId")))
            .Join(db.MemberTagScores.Where(s => authorIds.Contains(s.UserId) && s.Score >= VoteBadges.TagScoreFloor && s.Answers >= VoteBadges.TagAnswersFloor),
                qt => EF.Property<int>(qt, "TagsId"), s => s.TagId, (qt, s) => new { QuestionId = EF.Property<int>(qt, "QuestionsId"), s.UserId, s.TagId, s.Score, s.Answers })
            .Join(db.Tags, r => r.TagId, t => t.Id, (r, t) => new { r.QuestionId, r.UserId, t.Name, r.Score, r.Answers })
            .ToListAsync(cancellationToken);
        var wanted = checks.ToHashSet();
        return rows.Where(r => wanted.Contains((r.UserId, r.QuestionId)))
            .Select(r => (r.UserId, new TagFact(r.Name, r.Score, r.Answers))).Distinct().ToList();
    }

    /// <summary>Awards what every member is due, one set-based query per badge.</summary>
    public async Task<IReadOnlyList<BadgeEarned>> SweepAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var due = new List<DueAward>();
        foreach (var badge in BadgeCatalogue.All.Where(b => !b.IsTagBadge))
            due.AddRange(await BadgeCandidates.ForAsync(db, badge, now, cancellationToken));
        due.AddRange(await BadgeCandidates.TagBadgesAsync(db, cancellationToken));
        var earned = new List<BadgeEarned>();
        // In chunks, so that a first sweep over a large forum neither holds one long write nor tracks every row at once.
        foreach (var chunk in due.Chunk(SweepChunk))
        {
            earned.AddRange(await SaveAsync(db, chunk, now, cancellationToken));
            db.ChangeTracker.Clear();
        }
        return earned;
    }

    private const int SweepChunk = 500;

    private static async Task<IReadOnlyList<BadgeEarned>> SaveAsync(CommunityDbContext db, IReadOnlyList<DueAward> due, DateTime now, CancellationToken cancellationToken)
    {
        if (due.Count == 0)
            return [];
        var subjects = await BadgeLinks.SubjectsAsync(db, due.Select(d => d.PostId), cancellationToken);
        var awards = due.Select(d => (Due: d, Award: NewAward(d, now), Notice: NewNotice(d, subjects, now))).ToList();
        try
        {
            foreach (var (_, award, notice) in awards)
            {
                db.BadgeAwards.Add(award);
                db.Notices.Add(notice);
            }
            await SaveInTurnAsync(db, cancellationToken);
            return awards.Select(a => Earned(a.Due)).ToList();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
        }

        // Another awarder got some of these first: save one by one, and what it already awarded is simply skipped.
        var earned = new List<BadgeEarned>();
        foreach (var (dueAward, award, notice) in awards)
        {
            award.Id = 0;
            notice.Id = 0;
            db.BadgeAwards.Add(award);
            db.Notices.Add(notice);
            try
            {
                await SaveInTurnAsync(db, cancellationToken);
                earned.Add(Earned(dueAward));
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Already awarded: nothing to do, and no second notice.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        return earned;
    }

    /// <summary>
    /// On SQLite, the save waits for the process's write turn (<see cref="UnitOfWork.BeginWriteTransactionAsync"/>), as
    /// the group commits of votes do: saved on its own it took SQLite's lock in the middle of their batches, and each
    /// side then waited in SQLite's busy handler (deferred checks awarding a busy community's first badges cut votes from
    /// ~150/s to ~40/s in the benchmark). PostgreSQL's rows lock by themselves, and its retrying strategy refuses a
    /// transaction begun outside it.
    /// </summary>
    private static async Task SaveInTurnAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }
        await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static BadgeAward NewAward(DueAward due, DateTime now) => new()
    {
        UserId = due.UserId, BadgeId = due.Badge.Id, AwardKey = due.AwardKey, PostId = due.PostId, AwardedAt = now,
    };

    private static Notice NewNotice(DueAward due, Dictionary<int, BadgeSubject> subjects, DateTime now)
    {
        var badge = due.Badge.IsTagBadge ? BadgeCatalogue.ForTag(due.Badge, due.AwardKey) : due.Badge;
        var subject = due.PostId is { } postId ? subjects.GetValueOrDefault(postId) : null;
        var text = due.Badge.Repeat == BadgeRepeat.PerYear ? BadgeRules.YearNoticeText(badge, due.Year) : BadgeRules.NoticeText(badge, subject?.Title);
        return new Notice
        {
            UserId = due.UserId,
            Text = text.Length <= Notice.TextMaxLength ? text : text[..(Notice.TextMaxLength - 1)] + "…",
            Link = subject?.Link ?? BadgeLinks.Badge(badge),
            Key = $"badge:{due.Badge.Id}:{due.AwardKey}",
            Kind = Notifications.NotificationKind.BadgeEarned,
            CreatedAt = now,
        };
    }

    private static BadgeEarned Earned(DueAward due) => new(due.UserId, due.Badge, due.AwardKey, due.PostId);
}
