using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Community.Domain.Badges;

/// <summary>
/// Badge checks that frequent writes (votes, the knowledge-base feed) leave for after the request.
/// Checking a member reads everything about them (<see cref="MemberFacts"/>), which cost a busy author's voters far
/// more than the vote itself
/// (bench/RESULTS.md). Here a check reads only what the writes can have changed (<see cref="BadgeScope"/>), and a
/// member voted on fifty times while a check runs is checked once more, not fifty times.
/// One drain at a time, so at most one check at a time competes with the writes it follows for the database's
/// writer. What a failed or lost check missed (the queue is in memory), the recurring sweep (BadgeSweepJob) awards.
/// </summary>
public sealed class DeferredBadgeChecks(BadgeAwarder badges, ILogger<DeferredBadgeChecks>? logger = null)
{
    private readonly ConcurrentDictionary<string, BadgeScope> waiting = new();
    private readonly ILogger logger = logger ?? NullLogger<DeferredBadgeChecks>.Instance;
    private int draining;
    private Task drain = Task.CompletedTask;

    private readonly ConcurrentQueue<VoteEvent> votes = new();

    /// <summary>
    /// After a vote: only what the vote can have earned (<see cref="VoteBadges"/>), and nothing at all when that is
    /// known to be held already. Most votes cross no threshold and come from voters who hold Supporter: they cost no query.
    /// </summary>
    /// <returns>Whether a check was scheduled.</returns>
    public bool AfterVote(VoteEvent vote)
    {
        if (!VoteBadges.ReadsTags(vote) && VoteBadges.AllCandidates(vote).All(badges.IsKnownHeld))
            return false;
        votes.Enqueue(vote);
        Start();
        return true;
    }

    /// <summary>After an article was published: the credited members' article counts (Knowledge contributor).</summary>
    public void AfterPublished(IEnumerable<string> creditedIds) => Schedule(creditedIds.Select(id => (id, BadgeScope.Published)));

    public void Schedule(IEnumerable<(string UserId, BadgeScope Scope)> checks)
    {
        foreach (var (userId, scope) in checks)
            waiting.AddOrUpdate(userId, scope, (_, earlier) => earlier.With(scope));
        Start();
    }

    private void Start()
    {
        if (Interlocked.CompareExchange(ref draining, 1, 0) == 0)
            drain = Task.Run(DrainAsync);
    }

    private bool IsEmpty => waiting.IsEmpty && votes.IsEmpty;

    /// <summary>Completes once every scheduled check has run (for tests and the benchmark).</summary>
    public async Task WhenIdleAsync()
    {
        while (Volatile.Read(ref draining) == 1 || !IsEmpty)
        {
            await drain;
            await Task.Yield();
        }
    }

    private const int VoteBatch = 256;

    private async Task DrainAsync()
    {
        while (true)
        {
            // The votes waiting, in one pass: a member voted on many times meanwhile is read once.
            var batch = new List<VoteEvent>();
            while (batch.Count < VoteBatch && votes.TryDequeue(out var vote))
                batch.Add(vote);
            if (batch.Count > 0)
            {
                try
                {
                    // The first drain reads what every member holds of the once-only badges (one query), so that the
                    // votes of members who hold Supporter, on authors who hold Teacher, need no query of their own.
                    await badges.LoadHeldAsync();
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "Reading the badges members hold failed; the badge checks ask for them instead");
                }
                try
                {
                    await badges.AwardAfterVotesAsync(batch.SelectMany(VoteBadges.AllCandidates),
                        batch.Where(VoteBadges.ReadsTags).Select(v => (v.AuthorId, v.QuestionId)));
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "The badge checks after {Votes} votes failed; the badge sweep will award what they missed", batch.Count);
                }
            }
            foreach (var userId in waiting.Keys)
            {
                if (!waiting.TryRemove(userId, out var scope))
                    continue;
                try
                {
                    await badges.CheckMemberAsync(userId, scope);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A deferred badge check for member {UserId} failed; the badge sweep will award what it missed", userId);
                }
            }
            if (!votes.IsEmpty)
                continue;
            Volatile.Write(ref draining, 0);
            // A member scheduled after the last look but before the flag was cleared must not wait for the next vote.
            if (IsEmpty || Interlocked.CompareExchange(ref draining, 1, 0) != 0)
                return;
        }
    }
}
