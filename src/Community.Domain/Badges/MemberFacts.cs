using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

/// <param name="HasAcceptedAnswer">Questions: an answer is accepted. Answers: this is the accepted answer.</param>
public sealed record PostFact(int Id, int Score, int Views = 0, bool HasAcceptedAnswer = false);

public sealed record TagFact(string Tag, int Score, int Answers);

/// <summary>
/// What the badge rules need to know about one member, read in a few queries. Only live posts count: a deleted
/// post, or an answer on a deleted question, is left out.
/// </summary>
public sealed record MemberFacts(
    string UserId,
    DateTime MemberSince,
    IReadOnlyList<PostFact> Questions,
    IReadOnlyList<PostFact> Answers,
    int UpVotes,
    int DownVotes,
    int Edits,
    int? FirstEditedPostId,
    int HelpfulFlags,
    IReadOnlyList<TagFact> Tags,
    IReadOnlySet<(int BadgeId, string AwardKey)> Held)
{
    /// <summary>Published knowledge-base articles that credit the member (the Knowledge contributor badges).</summary>
    public int PublishedArticles { get; init; }

    private const string QuestionTags = "QuestionTags";

    /// <summary>Null for an unknown member.</summary>
    public static async Task<MemberFacts?> LoadAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        await LoadAsync(db, userId, BadgeScope.All, cancellationToken);

    /// <summary>
    /// The facts a <paramref name="scope"/> can have changed, the rest left empty (zero), so the rules can only award
    /// fewer badges than on all the facts, never more: a vote changes the voter's vote counts and the score of one post
    /// (and the tag totals of its tags), an acceptance the accepted-answer facts of the question and the answer;
    /// re-reading every post of a busy author for each vote or acceptance cost more than the write itself.
    /// </summary>
    public static async Task<MemberFacts?> LoadAsync(CommunityDbContext db, string userId, BadgeScope scope, CancellationToken cancellationToken)
    {
        var memberSince = await db.Users.Where(u => u.Id == userId).Select(u => (DateTime?)u.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        if (memberSince is null)
            return null;
        var everything = scope.Everything;
        var postIds = scope.PostIds;
        // Through the base set with no kind in the filter: SQLite without statistics would otherwise walk the (Kind, …) list indexes instead of the author's.
        var posts = !everything && postIds.Count == 0 ? [] : await db.Posts.Where(p => p.AuthorId == userId && p.DeletedAt == null && (everything || postIds.Contains(p.Id)))
            .Select(p => new
            {
                p.Id, p.Score,
                Views = p is Question ? ((Question)p).ViewCount : 0,
                HasAccepted = p is Question && ((Question)p).AcceptedAnswerId != null,
                QuestionId = p is Answer ? ((Answer)p).QuestionId : (int?)null,
            })
            .ToListAsync(cancellationToken);
        var questionIds = posts.Where(p => p.QuestionId is not null).Select(p => p.QuestionId!.Value).Distinct().ToList();
        var answered = questionIds.Count == 0 ? [] : await db.Posts.Where(p => questionIds.Contains(p.Id) && p.DeletedAt == null)
            .Select(p => new { p.Id, Accepted = ((Question)p).AcceptedAnswerId })
            .ToDictionaryAsync(q => q.Id, q => q.Accepted, cancellationToken);
        // The join table directly: through the Tags navigation SQLite would build the whole question–tag join first.
        var tagQuestionIds = everything ? questionIds
            : posts.Where(p => p.QuestionId is not null && scope.TagPostIds.Contains(p.Id)).Select(p => p.QuestionId!.Value).Distinct().ToList();
        var tagged = tagQuestionIds.Count == 0 ? [] : await db.Set<Dictionary<string, object>>(QuestionTags)
            .Where(qt => tagQuestionIds.Contains(EF.Property<int>(qt, "QuestionsId")))
            .Join(db.Tags, qt => EF.Property<int>(qt, "TagsId"), t => t.Id, (qt, t) => new { QuestionId = EF.Property<int>(qt, "QuestionsId"), t.Name })
            .ToListAsync(cancellationToken);
        var tagsOf = tagged.ToLookup(t => t.QuestionId, t => t.Name);
        var answers = posts.Where(p => p.QuestionId is { } q && answered.ContainsKey(q)).ToList();
        var tags = everything
            ? answers.SelectMany(a => tagsOf[a.QuestionId!.Value], (a, tag) => (a.Score, Tag: tag))
                .GroupBy(x => x.Tag).Select(g => new TagFact(g.Key, g.Sum(x => x.Score), g.Count())).ToList()
            : await TagTotalsAsync(db, userId, tagged.Select(t => t.Name).Distinct().ToList(), cancellationToken);

        var votes = !everything && !scope.VotesCast ? [] : await db.Votes.Where(v => v.VoterId == userId).GroupBy(v => v.Value > 0)
            .Select(g => new { Up = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var edits = !everything ? null : await db.PostRevisions.Where(r => r.EditorId == userId && r.Number > 1).GroupBy(r => r.EditorId)
            .Select(g => new { Count = g.Count(), First = g.Min(r => r.PostId) }).SingleOrDefaultAsync(cancellationToken);
        var held = (await db.BadgeAwards.Where(a => a.UserId == userId).Select(a => new { a.BadgeId, a.AwardKey }).ToListAsync(cancellationToken))
            .Select(a => (a.BadgeId, a.AwardKey)).ToHashSet();

        return new MemberFacts(
            userId,
            memberSince.Value,
            posts.Where(p => p.QuestionId is null).Select(p => new PostFact(p.Id, p.Score, p.Views, p.HasAccepted)).ToList(),
            answers.Select(a => new PostFact(a.Id, a.Score, 0, answered[a.QuestionId!.Value] == a.Id)).ToList(),
            votes.SingleOrDefault(v => v.Up)?.Count ?? 0,
            votes.SingleOrDefault(v => !v.Up)?.Count ?? 0,
            edits?.Count ?? 0,
            edits?.First,
            HelpfulFlags: !everything ? 0 : await db.Flags.CountAsync(f => f.FlaggerId == userId && f.Status == Moderation.FlagStatus.Helpful, cancellationToken),
            tags,
            held)
        {
            PublishedArticles = !everything && !scope.Articles ? 0 : await KnowledgeBase.KnowledgeContributions.PublishedArticlesOf(db, userId).CountAsync(cancellationToken),
        };
    }

    /// <summary>
    /// The member's answer score and count in each of <paramref name="tags"/>, over all their live answers: their counters
    /// (<see cref="MemberTagScore"/>), one row a tag, where adding up every answer of a busy member cost ~290 ms.
    /// </summary>
    private static async Task<List<TagFact>> TagTotalsAsync(CommunityDbContext db, string userId, List<string> tags, CancellationToken cancellationToken)
    {
        if (tags.Count == 0)
            return [];
        return await db.MemberTagScores.Where(s => s.UserId == userId && s.Answers > 0)
            .Join(db.Tags.Where(t => tags.Contains(t.Name)), s => s.TagId, t => t.Id, (s, t) => new TagFact(t.Name, s.Score, s.Answers))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>
/// What a badge check looks at: everything about a member, or only what some events can have changed (votes cast,
/// votes on or acceptances of some posts, articles published).
/// </summary>
/// <param name="PostIds">Posts of the member whose own facts (score, views, accepted) are read.</param>
/// <param name="TagPostIds">Of those, the answers whose tags' totals are read (a vote moves them; an acceptance does not).</param>
/// <param name="Articles">The member's published-article count (an article made from their answer was published).</param>
public sealed record BadgeScope(bool Everything, bool VotesCast, IReadOnlyList<int> PostIds, IReadOnlyList<int> TagPostIds, bool Articles = false)
{
    /// <summary>Everything: edits, flags, articles, every post.</summary>
    public static readonly BadgeScope All = new(true, false, [], []);

    /// <summary>The member cast a vote: their vote counts.</summary>
    public static readonly BadgeScope Voted = new(false, true, [], []);

    /// <summary>An article crediting the member was published: their published-article count.</summary>
    public static readonly BadgeScope Published = new(false, false, [], [], Articles: true);

    /// <summary>A vote on the member's post: that post's score, and their totals in its tags.</summary>
    public static BadgeScope VotedOn(int postId) => new(false, false, [postId], [postId]);

    /// <summary>
    /// An acceptance on the member's post: their question now has an accepted answer (Scholar), or their answer is the
    /// accepted one (Guru, on its score), and the answerer's totals in its tags (an answer earns nothing when posted:
    /// the acceptance is its first check, which a tag badge's fifth answer relies on).
    /// </summary>
    public static BadgeScope AcceptedOn(int postId) => new(false, false, [postId], [postId]);

    /// <summary>Both scopes together (a member voted and was voted on while the check waited).</summary>
    public BadgeScope With(BadgeScope other) => Everything || other.Everything
        ? All
        : new BadgeScope(false, VotesCast || other.VotesCast, PostIds.Union(other.PostIds).ToList(), TagPostIds.Union(other.TagPostIds).ToList(),
            Articles || other.Articles);
}
