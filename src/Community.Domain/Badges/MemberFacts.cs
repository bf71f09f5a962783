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
    public static async Task<MemberFacts?> LoadAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken)
    {
        var memberSince = await db.Users.Where(u => u.Id == userId).Select(u => (DateTime?)u.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        if (memberSince is null)
            return null;
        // Through the base set with no kind in the filter: SQLite without statistics would otherwise walk the (Kind, …) list indexes instead of the author's.
        var posts = await db.Posts.Where(p => p.AuthorId == userId && p.DeletedAt == null)
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
        var tagged = questionIds.Count == 0 ? [] : await db.Set<Dictionary<string, object>>(QuestionTags)
            .Where(qt => questionIds.Contains(EF.Property<int>(qt, "QuestionsId")))
            .Join(db.Tags, qt => EF.Property<int>(qt, "TagsId"), t => t.Id, (qt, t) => new { QuestionId = EF.Property<int>(qt, "QuestionsId"), t.Name })
            .ToListAsync(cancellationToken);
        var tagsOf = tagged.ToLookup(t => t.QuestionId, t => t.Name);
        var answers = posts.Where(p => p.QuestionId is { } q && answered.ContainsKey(q)).ToList();

        var votes = await db.Votes.Where(v => v.VoterId == userId).GroupBy(v => v.Value > 0)
            .Select(g => new { Up = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var edits = await db.PostRevisions.Where(r => r.EditorId == userId && r.Number > 1).GroupBy(r => r.EditorId)
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
            HelpfulFlags: await db.Flags.CountAsync(f => f.FlaggerId == userId && f.Status == Moderation.FlagStatus.Helpful, cancellationToken),
            answers.SelectMany(a => tagsOf[a.QuestionId!.Value], (a, tag) => (a.Score, Tag: tag))
                .GroupBy(x => x.Tag).Select(g => new TagFact(g.Key, g.Sum(x => x.Score), g.Count())).ToList(),
            held)
        {
            PublishedArticles = await KnowledgeBase.KnowledgeContributions.PublishedArticlesOf(db, userId).CountAsync(cancellationToken),
        };
    }
}
