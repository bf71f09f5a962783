using Community.Domain.Badges;

namespace Community.Web.Jobs;

/// <summary>The recurring catch-all: awards every badge that the event path missed (views, a failed check, a new rule).</summary>
public sealed class BadgeSweepJob(BadgeAwarder awarder, ILogger<BadgeSweepJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var earned = await awarder.SweepAsync(cancellationToken);
        if (earned.Count > 0)
            logger.LogInformation("Badge sweep awarded {Awards} badges to {Members} members", earned.Count, earned.Select(e => e.UserId).Distinct().Count());
    }
}

/// <summary>Checks one member's badges off the request path: enqueue it with the member's id after a write commits.</summary>
public sealed class CheckMemberBadgesJob(BadgeAwarder awarder)
{
    public Task RunAsync(string userId, CancellationToken cancellationToken) => awarder.CheckMemberAsync(userId, cancellationToken);
}
