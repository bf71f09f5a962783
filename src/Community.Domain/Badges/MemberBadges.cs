namespace Community.Domain.Badges;

/// <summary>
/// The rules applied to one member's <see cref="MemberFacts"/>, pure: which badges are due (the event path) and how far
/// each badge not yet held is (the profile's next goal). The sweep asks the same of everyone in SQL.
/// </summary>
public static class MemberBadges
{
    public static IReadOnlyList<(Badge Badge, string AwardKey, int? PostId, int Year)> Due(MemberFacts facts, DateTime now)
    {
        var due = new List<(Badge, string, int?, int)>();
        foreach (var badge in BadgeCatalogue.All)
        {
            if (badge.Rule == BadgeRule.TagAnswerScore)
                due.AddRange(facts.Tags.Where(t => BadgeRules.IsEarned(badge, t.Score, t.Answers) && !facts.Held.Contains((badge.Id, t.Tag)))
                    .Select(t => (badge, t.Tag, (int?)null, 0)));
            else if (badge.Rule == BadgeRule.MembershipYears)
                due.AddRange(Enumerable.Range(1, BadgeRules.MembershipYears(facts.MemberSince, now))
                    .Where(year => BadgeRules.IsEarned(badge, year) && !facts.Held.Contains((badge.Id, BadgeRules.YearKey(year))))
                    .Select(year => (badge, BadgeRules.YearKey(year), (int?)null, year)));
            else if (Posts(facts, badge) is { } posts)
            {
                var earning = posts.Where(p => BadgeRules.IsEarned(badge, p.Value)).Select(p => p.Post.Id).Order().ToList();
                if (badge.Repeat == BadgeRepeat.Once && earning.Count > 0 && !facts.Held.Contains((badge.Id, BadgeRules.OnceKey)))
                    due.Add((badge, BadgeRules.OnceKey, earning[0], 0));
                else if (badge.Repeat == BadgeRepeat.PerPost)
                    due.AddRange(earning.Where(id => !facts.Held.Contains((badge.Id, BadgeRules.PostKey(id)))).Select(id => (badge, BadgeRules.PostKey(id), (int?)id, 0)));
            }
            else if (Count(facts, badge) is var (count, postId) && BadgeRules.IsEarned(badge, count) && !facts.Held.Contains((badge.Id, BadgeRules.OnceKey)))
                due.Add((badge, BadgeRules.OnceKey, postId, 0));
        }
        return due;
    }

    /// <summary>Progress towards every badge the member could still earn, measured on their best post or tag for it.</summary>
    public static IReadOnlyList<BadgeProgress> Progress(MemberFacts facts, DateTime now)
    {
        var progress = new List<BadgeProgress>();
        foreach (var badge in BadgeCatalogue.All)
        {
            if (badge.Rule == BadgeRule.TagAnswerScore)
                progress.AddRange(facts.Tags.Where(t => !facts.Held.Contains((badge.Id, t.Tag)))
                    .Select(t => BadgeRules.Progress(BadgeCatalogue.ForTag(badge, t.Tag), t.Score, t.Answers)));
            else if (badge.Rule == BadgeRule.MembershipYears)
                progress.Add(BadgeRules.MembershipProgress(badge, facts.MemberSince, now));
            else if (badge.Repeat == BadgeRepeat.Once && facts.Held.Contains((badge.Id, BadgeRules.OnceKey)))
                continue;
            else if (Posts(facts, badge) is { } posts)
            {
                var open = badge.Repeat == BadgeRepeat.PerPost ? posts.Where(p => !facts.Held.Contains((badge.Id, BadgeRules.PostKey(p.Post.Id)))).ToList() : posts.ToList();
                if (open.Count > 0)
                    progress.Add(BadgeRules.Progress(badge, open.Max(p => p.Value)));
            }
            // Citizen Patrol is earned by a first helpful flag; "0 of 1" is not a goal worth showing.
            else if (badge.Rule != BadgeRule.HelpfulFlags && Count(facts, badge) is var (count, _))
                progress.Add(BadgeRules.Progress(badge, count));
        }
        return progress;
    }

    private static IEnumerable<(PostFact Post, int Value)>? Posts(MemberFacts facts, Badge badge) => badge.Rule switch
    {
        BadgeRule.QuestionScore => facts.Questions.Select(q => (q, q.Score)),
        BadgeRule.QuestionViews => facts.Questions.Select(q => (q, q.Views)),
        BadgeRule.AnswerScore => facts.Answers.Select(a => (a, a.Score)),
        BadgeRule.AcceptedAnswerScore => facts.Answers.Where(a => a.HasAcceptedAnswer).Select(a => (a, a.Score)),
        _ => null,
    };

    private static (int Count, int? PostId) Count(MemberFacts facts, Badge badge) => badge.Rule switch
    {
        BadgeRule.AcceptedOnOwnQuestions => (facts.Questions.Count(q => q.HasAcceptedAnswer), facts.Questions.Where(q => q.HasAcceptedAnswer).Select(q => (int?)q.Id).Min()),
        BadgeRule.UpVotesCast => (facts.UpVotes, null),
        BadgeRule.DownVotesCast => (facts.DownVotes, null),
        BadgeRule.EditsMade => (facts.Edits, facts.FirstEditedPostId),
        BadgeRule.HelpfulFlags => (facts.HelpfulFlags, null),
        BadgeRule.PublishedArticles => (facts.PublishedArticles, null),
        _ => throw new ArgumentOutOfRangeException(nameof(badge), badge.Rule, "No measure for this rule."),
    };
}
