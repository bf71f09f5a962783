using Community.Domain.Reputation;

namespace Community.Web.Jobs;

/// <summary>Rebuilds every total from the ledger; a difference means a bug somewhere, so each is logged and corrected.</summary>
public sealed class RebuildReputationJob(RebuildReputation rebuild, ILogger<RebuildReputationJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await rebuild.RunAsync(cancellationToken);
        foreach (var difference in report.Corrected)
            logger.LogWarning("Reputation of {UserId} was {Cached} points but the ledger says {Ledger}; corrected",
                difference.UserId, difference.CachedPoints, difference.LedgerPoints);
        logger.LogInformation("Checked the reputation of {Members} members against the ledger; corrected {Corrected}", report.MembersChecked, report.Corrected.Count);
    }
}

public sealed class ReverseSerialVotingJob(ReverseSerialVoting reverse, ILogger<ReverseSerialVotingJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var report = await reverse.RunAsync(cancellationToken);
        if (report.VotesReversed > 0)
            logger.LogWarning("Serial voting: {Pairs} voter/author pairs, reputation of {Votes} votes reversed", report.PairsFound, report.VotesReversed);
    }
}
