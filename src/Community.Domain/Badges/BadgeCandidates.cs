using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

/// <summary>A badge a member has earned but does not hold yet.</summary>
internal sealed record DueAward(string UserId, Badge Badge, string AwardKey, int? PostId, int Year = 0);

/// <summary>
/// The sweep's side of <see cref="MemberBadges.Due"/>: one set-based query per badge over every member, for who meets its
/// threshold and has no award under the key yet. SQL narrows by the catalogue's thresholds; <see cref="BadgeRules"/> has
/// the last word on each row.
/// </summary>
internal static class BadgeCandidates
{
    public static Task<List<DueAward>> ForAsync(CommunityDbContext db, Badge badge, DateTime now, CancellationToken cancellationToken) => badge.Rule switch
    {
        BadgeRule.QuestionScore => PerPostAsync(db, badge, db.Questions.Where(q => q.DeletedAt == null)
            .Select(q => new Measure { UserId = q.AuthorId, PostId = q.Id, Value = q.Score }), cancellationToken),
        BadgeRule.AnswerScore => PerPostAsync(db, badge, db.Answers.Where(a => a.DeletedAt == null && a.Question!.DeletedAt == null)
            .Select(a => new Measure { UserId = a.AuthorId, PostId = a.Id, Value = a.Score }), cancellationToken),
        BadgeRule.AcceptedAnswerScore => PerPostAsync(db, badge, db.Answers.Where(a => a.DeletedAt == null && a.Question!.DeletedAt == null && a.Question.AcceptedAnswerId == a.Id)
            .Select(a => new Measure { UserId = a.AuthorId, PostId = a.Id, Value = a.Score }), cancellationToken),
        BadgeRule.QuestionViews => PerPostAsync(db, badge, db.Questions.Where(q => q.DeletedAt == null)
            .Select(q => new Measure { UserId = q.AuthorId, PostId = q.Id, Value = q.ViewCount }), cancellationToken),
        BadgeRule.AcceptedOnOwnQuestions => CountedAsync(db, badge, db.Questions.Where(q => q.DeletedAt == null && q.AcceptedAnswerId != null)
            .Select(q => new Counted { UserId = q.AuthorId, PostId = q.Id }), cancellationToken),
        BadgeRule.UpVotesCast => CountedAsync(db, badge, db.Votes.Where(v => v.Value > 0)
            .Select(v => new Counted { UserId = v.VoterId, PostId = null }), cancellationToken),
        BadgeRule.DownVotesCast => CountedAsync(db, badge, db.Votes.Where(v => v.Value < 0)
            .Select(v => new Counted { UserId = v.VoterId, PostId = null }), cancellationToken),
        BadgeRule.EditsMade => CountedAsync(db, badge, db.PostRevisions.Where(r => r.Number > 1)
            .Select(r => new Counted { UserId = r.EditorId, PostId = r.PostId }), cancellationToken),
        BadgeRule.HelpfulFlags => CountedAsync(db, badge, db.Flags.Where(f => f.Status == Moderation.FlagStatus.Helpful && f.FlaggerId != null)
            .Select(f => new Counted { UserId = f.FlaggerId!, PostId = f.PostId }), cancellationToken),
        BadgeRule.MembershipYears => MembershipYearsAsync(db, badge, now, cancellationToken),
        BadgeRule.PublishedArticles => CountedAsync(db, badge, KnowledgeBase.KnowledgeContributions.Published(db)
            .Select(c => new Counted { UserId = c.UserId, PostId = null }), cancellationToken),
        BadgeRule.TagAnswerScore => throw new ArgumentException("Tag badges are found together by TagBadgesAsync.", nameof(badge)),
        _ => throw new ArgumentOutOfRangeException(nameof(badge), badge.Rule, "No query for this rule."),
    };

    /// <summary>Every tag badge level in one pass over answers and their questions' tags; the tag is the award key.</summary>
    public static async Task<List<DueAward>> TagBadgesAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        var levels = BadgeCatalogue.TagBadges;
        var minimumScore = levels.Min(b => b.Threshold);
        var minimumAnswers = levels.Min(b => b.MinimumAnswers);
        var totals = await db.Answers.Where(a => a.DeletedAt == null && a.Question!.DeletedAt == null)
            .SelectMany(a => a.Question!.Tags, (a, t) => new { a.AuthorId, Tag = t.Name, a.Score })
            .GroupBy(x => new { x.AuthorId, x.Tag })
            .Select(g => new { g.Key.AuthorId, g.Key.Tag, Score = g.Sum(x => x.Score), Answers = g.Count() })
            .Where(t => t.Score >= minimumScore && t.Answers >= minimumAnswers)
            .ToListAsync(cancellationToken);
        if (totals.Count == 0)
            return [];
        var ids = levels.Select(b => b.Id).ToList();
        var held = (await db.BadgeAwards.Where(a => ids.Contains(a.BadgeId)).Select(a => new { a.UserId, a.BadgeId, a.AwardKey }).ToListAsync(cancellationToken))
            .Select(a => (a.UserId, a.BadgeId, a.AwardKey)).ToHashSet();
        return totals
            .SelectMany(t => levels.Where(b => BadgeRules.IsEarned(b, t.Score, t.Answers)), (t, b) => new DueAward(t.AuthorId, b, t.Tag, null))
            .Where(d => !held.Contains((d.UserId, d.Badge.Id, d.AwardKey)))
            .ToList();
    }

    private static async Task<List<DueAward>> PerPostAsync(CommunityDbContext db, Badge badge, IQueryable<Measure> measures, CancellationToken cancellationToken)
    {
        var query = measures.Where(m => m.Value >= badge.Threshold);
        if (badge.Repeat == BadgeRepeat.Once)
        {
            // The member's first post that meets it (lowest id) is the one the badge is for.
            var firsts = await query
                .Where(m => !db.BadgeAwards.Any(a => a.UserId == m.UserId && a.BadgeId == badge.Id && a.AwardKey == BadgeRules.OnceKey))
                .GroupBy(m => m.UserId)
                .Select(g => new { UserId = g.Key, PostId = g.Min(m => m.PostId), Value = g.Max(m => m.Value) })
                .ToListAsync(cancellationToken);
            return firsts.Where(f => BadgeRules.IsEarned(badge, f.Value))
                .Select(f => new DueAward(f.UserId, badge, BadgeRules.OnceKey, f.PostId)).ToList();
        }
        var posts = await query
            .Where(m => !db.BadgeAwards.Any(a => a.UserId == m.UserId && a.BadgeId == badge.Id && a.AwardKey == m.PostId.ToString()))
            .ToListAsync(cancellationToken);
        return posts.Where(p => BadgeRules.IsEarned(badge, p.Value))
            .Select(p => new DueAward(p.UserId, badge, BadgeRules.PostKey(p.PostId), p.PostId)).ToList();
    }

    private static async Task<List<DueAward>> CountedAsync(CommunityDbContext db, Badge badge, IQueryable<Counted> items, CancellationToken cancellationToken)
    {
        if (badge.Repeat != BadgeRepeat.Once)
            throw new ArgumentException($"{badge.Name}: a counted badge is earned once.", nameof(badge));
        var counts = await items
            .Where(i => !db.BadgeAwards.Any(a => a.UserId == i.UserId && a.BadgeId == badge.Id && a.AwardKey == BadgeRules.OnceKey))
            .GroupBy(i => i.UserId)
            .Where(g => g.Count() >= badge.Threshold)
            .Select(g => new { UserId = g.Key, Count = g.Count(), PostId = g.Min(i => i.PostId) })
            .ToListAsync(cancellationToken);
        return counts.Where(c => BadgeRules.IsEarned(badge, c.Count))
            .Select(c => new DueAward(c.UserId, badge, BadgeRules.OnceKey, c.PostId)).ToList();
    }

    private static async Task<List<DueAward>> MembershipYearsAsync(CommunityDbContext db, Badge badge, DateTime now, CancellationToken cancellationToken)
    {
        // A day of slack for members who joined on 29 February; the rule decides.
        var joinedBy = now.AddYears(-badge.Threshold).AddDays(1);
        var joined = await db.Users.Where(u => u.CreatedAt <= joinedBy).Select(u => new { u.Id, u.CreatedAt }).ToListAsync(cancellationToken);
        if (joined.Count == 0)
            return [];
        var held = (await db.BadgeAwards.Where(a => a.BadgeId == badge.Id).Select(a => new { a.UserId, a.AwardKey }).ToListAsync(cancellationToken)).Select(a => (a.UserId, a.AwardKey)).ToHashSet();
        return joined
            .SelectMany(m => Enumerable.Range(1, BadgeRules.MembershipYears(m.CreatedAt, now)), (m, year) => new DueAward(m.Id, badge, BadgeRules.YearKey(year), null, year))
            .Where(d => d.Year >= badge.Threshold && !held.Contains((d.UserId, d.AwardKey)))
            .ToList();
    }

    private sealed class Measure
    {
        public string UserId { get; init; } = "";
        public int PostId { get; init; }
        public int Value { get; init; }
    }

    private sealed class Counted
    {
        public string UserId { get; init; } = "";
        public int? PostId { get; init; }
    }
}
