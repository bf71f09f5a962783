using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

public sealed record BadgeSummary(Badge Badge, int Holders);

/// <summary>The catalogue with holder counts, and each tag badge (a level in one tag) that someone holds.</summary>
public sealed record BadgeOverview(IReadOnlyList<BadgeSummary> Badges, IReadOnlyList<BadgeSummary> TagBadges);

/// <param name="AwardKey">The tag of a tag badge; <c>year-N</c> for the yearly badge.</param>
/// <param name="Subject">The question or answer it was earned for, if it is still there.</param>
public sealed record BadgeHolder(string UserId, string DisplayName, DateTime AwardedAt, string AwardKey, BadgeSubject? Subject);

/// <param name="Awards">How many times it was awarded: more than <paramref name="Members"/> for a badge earned per post, tag or year.</param>
public sealed record BadgeHolders(int Members, int Awards, IReadOnlyList<BadgeHolder> Newest);

public sealed record MemberBadge(Badge Badge, int Times);

/// <summary>What the badge pages read.</summary>
public sealed class BadgeQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public const int HoldersShown = 100;

    public async Task<BadgeOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var holders = await db.BadgeAwards.GroupBy(a => a.BadgeId)
            .Select(g => new { BadgeId = g.Key, Members = g.Select(a => a.UserId).Distinct().Count() })
            .ToDictionaryAsync(g => g.BadgeId, g => g.Members, cancellationToken);
        var tagIds = BadgeCatalogue.TagBadges.Select(b => b.Id).ToList();
        var perTag = await db.BadgeAwards.Where(a => tagIds.Contains(a.BadgeId))
            .GroupBy(a => new { a.BadgeId, a.AwardKey })
            .Select(g => new { g.Key.BadgeId, Tag = g.Key.AwardKey, Members = g.Count() })
            .ToListAsync(cancellationToken);
        return new BadgeOverview(
            BadgeCatalogue.All.Select(b => new BadgeSummary(b, holders.GetValueOrDefault(b.Id))).ToList(),
            perTag.Select(t => new BadgeSummary(BadgeCatalogue.ForTag(BadgeCatalogue.Find(t.BadgeId)!, t.Tag), t.Members))
                .OrderByDescending(t => t.Badge.Level).ThenBy(t => t.Badge.Name, StringComparer.OrdinalIgnoreCase).ToList());
    }

    /// <summary>Who holds a badge, newest award first; for a tag badge, in one tag or (<paramref name="tag"/> null) in any.</summary>
    public async Task<BadgeHolders> HoldersAsync(Badge badge, string? tag = null, int take = HoldersShown, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var awards = db.BadgeAwards.Where(a => a.BadgeId == badge.Id);
        if (tag is not null)
            awards = awards.Where(a => a.AwardKey == tag);
        var members = await awards.Select(a => a.UserId).Distinct().CountAsync(cancellationToken);
        var count = await awards.CountAsync(cancellationToken);
        var newest = await awards.OrderByDescending(a => a.AwardedAt).ThenByDescending(a => a.Id).Take(take)
            .Select(a => new { a.UserId, a.User!.DisplayName, a.AwardedAt, a.AwardKey, a.PostId })
            .ToListAsync(cancellationToken);
        var subjects = await BadgeLinks.SubjectsAsync(db, newest.Select(a => a.PostId), cancellationToken);
        return new BadgeHolders(members, count, newest
            .Select(a => new BadgeHolder(a.UserId, a.DisplayName, a.AwardedAt, a.AwardKey, a.PostId is { } id ? subjects.GetValueOrDefault(id) : null))
            .ToList());
    }

    /// <summary>A member's badges, each with how many times they hold it, best level first (for a profile).</summary>
    public async Task<IReadOnlyList<MemberBadge>> ForMemberAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var awards = await db.BadgeAwards.Where(a => a.UserId == userId).Select(a => new { a.BadgeId, a.AwardKey }).ToListAsync(cancellationToken);
        return awards
            .Select(a => BadgeCatalogue.Find(a.BadgeId) is { } badge ? (badge.IsTagBadge ? BadgeCatalogue.ForTag(badge, a.AwardKey) : badge) : null)
            .OfType<Badge>()
            .GroupBy(b => (b.Id, b.Slug))
            .Select(g => new MemberBadge(g.First(), g.Count()))
            .OrderByDescending(s => s.Badge.Level).ThenBy(s => s.Badge.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
