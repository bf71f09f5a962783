namespace Community.Domain.Badges;

/// <summary>
/// What a committed vote knows: who voted what on which post, and the post's new score (from the vote's own
/// <c>UPDATE … RETURNING</c>, so exact whatever else was voted meanwhile).
/// </summary>
/// <param name="Change">How far the vote moved the score (−2…+2).</param>
/// <param name="IsAccepted">The post is the accepted answer of its question (Guru).</param>
/// <param name="ThreadLive">Neither the post nor its question is deleted: only live posts earn badges.</param>
/// <param name="Tags">
/// When the vote raised an answer's score: the author's totals in the question's tags (within reach of a tag badge) as
/// the vote's own transaction left them (SQLite's vote writer reads them); null when not read, and the check reads them.
/// </param>
public sealed record VoteEvent(string VoterId, int Value, string AuthorId, int PostId, int QuestionId, bool IsAnswer, bool IsAccepted, bool ThreadLive, int Score, int Change,
    IReadOnlyList<TagFact>? Tags = null);

/// <summary>A badge a vote may have made due; due if the member does not hold it yet.</summary>
public sealed record BadgeCandidate(string UserId, Badge Badge, string AwardKey, int? PostId);

/// <summary>
/// Which badges a vote can award, decided from the vote alone, pure. The voter: Supporter on an up vote, Critic on a down
/// vote (their vote count is at least one). The author: a post badge only when this vote carried the post's score across
/// its threshold, and the tag badges of the answer's tags only when the vote raised the score (those totals are counters,
/// read after the vote). Everything else a vote cannot change. A badge that was due before the vote and missed (a lost
/// check, rows written in SQL) is the badge sweep's (BadgeSweepJob), as any badge a check missed.
/// </summary>
public static class VoteBadges
{
    public static IReadOnlyList<BadgeCandidate> Candidates(VoteEvent vote)
    {
        var candidates = new List<BadgeCandidate>();
        if (vote.Value > 0)
            candidates.Add(new(vote.VoterId, BadgeCatalogue.Supporter, BadgeRules.OnceKey, null));
        else if (vote.Value < 0)
            candidates.Add(new(vote.VoterId, BadgeCatalogue.Critic, BadgeRules.OnceKey, null));
        if (vote.Change <= 0 || !vote.ThreadLive)
            return candidates;
        var before = vote.Score - vote.Change;
        foreach (var badge in BadgeCatalogue.All)
        {
            var measured = badge.Rule switch
            {
                BadgeRule.QuestionScore => !vote.IsAnswer,
                BadgeRule.AnswerScore => vote.IsAnswer,
                BadgeRule.AcceptedAnswerScore => vote.IsAnswer && vote.IsAccepted,
                _ => false,
            };
            if (measured && before < badge.Threshold && BadgeRules.IsEarned(badge, vote.Score))
                candidates.Add(new(vote.AuthorId, badge, badge.Repeat == BadgeRepeat.Once ? BadgeRules.OnceKey : BadgeRules.PostKey(vote.PostId), vote.PostId));
        }
        return candidates;
    }

    /// <summary>The vote raised the total of the author's answers in each tag of the question: the tag badges are worth a look.</summary>
    public static bool ChecksTags(VoteEvent vote) => vote.IsAnswer && vote.Change > 0 && vote.ThreadLive;

    /// <summary>The tag badges still to be read from the counters: the vote raised the totals and did not bring them.</summary>
    public static bool ReadsTags(VoteEvent vote) => ChecksTags(vote) && vote.Tags is null;

    /// <summary>
    /// Everything the vote can have earned once its tag totals are known: <see cref="Candidates"/> and, when the vote brought
    /// the author's totals, the tag badges they earn (as the check would find them in the counters).
    /// </summary>
    public static IEnumerable<BadgeCandidate> AllCandidates(VoteEvent vote) =>
        ChecksTags(vote) && vote.Tags is { } tags
            ? Candidates(vote).Concat(tags.SelectMany(totals => TagLevels(totals).Select(level => new BadgeCandidate(vote.AuthorId, level, totals.Tag, null))))
            : Candidates(vote);

    /// <summary>The tag badges the author's totals in one tag earn (the levels, in order).</summary>
    public static IEnumerable<Badge> TagLevels(TagFact totals) => BadgeCatalogue.TagBadges.Where(b => BadgeRules.IsEarned(b, totals.Score, totals.Answers));

    /// <summary>The least a tag's totals must be for any tag badge: the counters are read only from there.</summary>
    public static readonly int TagScoreFloor = BadgeCatalogue.TagBadges.Min(b => b.Threshold);

    public static readonly int TagAnswersFloor = BadgeCatalogue.TagBadges.Min(b => b.MinimumAnswers);
}
