namespace Community.Domain.Reputation.Queries;

/// <summary>How the period leaderboards are kept.</summary>
public sealed record LeaderboardOptions
{
    /// <summary>
    /// How long one reading of a period's ledger serves every visitor. A year of a busy ledger is millions of rows;
    /// summing them for each page view would not keep up. Zero reads the ledger on every request.
    /// </summary>
    public TimeSpan SnapshotLifetime { get; init; } = TimeSpan.FromMinutes(1);
}
