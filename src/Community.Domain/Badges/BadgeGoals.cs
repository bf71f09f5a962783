using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

/// <param name="Progress">0 to 1.</param>
public sealed record BadgeGoal(Badge Badge, string Text, double Progress, string Link);

/// <summary>A member's nearest badge, for "your next goal" on their profile.</summary>
public sealed class BadgeGoals(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<BadgeGoal?> NextAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await MemberFacts.LoadAsync(db, userId, cancellationToken) is not { } facts)
            return null;
        return BadgeRules.Nearest(MemberBadges.Progress(facts, time.GetUtcNow().UtcDateTime)) is { } nearest
            ? new BadgeGoal(nearest.Badge, BadgeRules.GoalText(nearest), nearest.Fraction, BadgeLinks.Badge(nearest.Badge))
            : null;
    }
}
