namespace Community.Domain.Badges;

/// <summary>
/// What a committed acceptance knows: who asked and who answered, the two posts, the answer's score (read with the
/// acceptance's facts), and whether the thread is live.
/// </summary>
public sealed record AcceptanceEvent(string AskerId, int QuestionId, string AnswererId, int AnswerId, int AnswerScore, bool ThreadLive);

/// <summary>
/// Which badges an acceptance can award, decided from the acceptance alone, pure (as <see cref="VoteBadges"/> for a vote).
/// The asker: Scholar (their question now has an accepted answer). The answerer: Guru on this answer when its score is
/// there (it is now the accepted one), and the tag badges of the question's tags (an answer earns nothing when posted:
/// the acceptance is its first check, which a tag badge's fifth answer relies on; the totals are counters, read by the
/// check). An acceptance changes no score, view count or membership year: those badges are the votes', the views' and
/// the sweep's (BadgeSweepJob), as any badge a check missed.
/// </summary>
public static class AcceptanceBadges
{
    public static IReadOnlyList<BadgeCandidate> Candidates(AcceptanceEvent acceptance)
    {
        if (!acceptance.ThreadLive)
            return [];
        var candidates = new List<BadgeCandidate>
        {
            new(acceptance.AskerId, BadgeCatalogue.Scholar, BadgeRules.OnceKey, acceptance.QuestionId),
        };
        if (BadgeRules.IsEarned(BadgeCatalogue.Guru, acceptance.AnswerScore))
            candidates.Add(new(acceptance.AnswererId, BadgeCatalogue.Guru, BadgeRules.PostKey(acceptance.AnswerId), acceptance.AnswerId));
        return candidates;
    }

    /// <summary>
    /// Everything the acceptance can have earned once the answerer's totals in the question's tags are known (the SQLite
    /// acceptance writer reads them inside its batch, as the vote writer does): <see cref="Candidates(AcceptanceEvent)"/> and
    /// the tag levels those totals reach, so the check needs no query when every one is known held.
    /// </summary>
    public static IReadOnlyList<BadgeCandidate> Candidates(AcceptanceEvent acceptance, IReadOnlyList<TagFact> answererTags) =>
        acceptance.ThreadLive
            ? [.. Candidates(acceptance), .. answererTags.SelectMany(totals => VoteBadges.TagLevels(totals).Select(level => new BadgeCandidate(acceptance.AnswererId, level, totals.Tag, null)))]
            : [];

    /// <summary>The answerer's totals in the question's tags are worth a look (the check reads them from the counters).</summary>
    public static IReadOnlyList<(string AuthorId, int QuestionId)> TagChecks(AcceptanceEvent acceptance) =>
        acceptance.ThreadLive ? [(acceptance.AnswererId, acceptance.QuestionId)] : [];
}
