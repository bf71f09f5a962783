using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Badges;

/// <summary>The question or answer a badge was earned for, as a title and a link relative to the site's base.</summary>
public sealed record BadgeSubject(string Title, string Link);

public static class BadgeLinks
{
    /// <summary><c>badges/10/nice-answer</c>; a tag badge's page is its level's id with the tag as slug (<c>badges/20/billing</c>).</summary>
    public static string Badge(Badge badge) => $"badges/{badge.Id}/{badge.Slug}";

    public static string Post(int questionId, string title, int? answerId) =>
        $"questions/{questionId}/{Slug.From(title)}" + (answerId is null ? "" : $"#answer-{answerId}");

    /// <summary>Titles and links of the posts that are still there, in two queries whatever the number.</summary>
    internal static async Task<Dictionary<int, BadgeSubject>> SubjectsAsync(CommunityDbContext db, IEnumerable<int?> postIds, CancellationToken cancellationToken)
    {
        var ids = postIds.OfType<int>().Distinct().ToList();
        if (ids.Count == 0)
            return [];
        var questions = await db.Questions.Where(q => ids.Contains(q.Id) && q.DeletedAt == null)
            .Select(q => new { q.Id, q.Title }).ToListAsync(cancellationToken);
        var answers = await db.Answers.Where(a => ids.Contains(a.Id) && a.DeletedAt == null && a.Question!.DeletedAt == null)
            .Select(a => new { a.Id, a.QuestionId, a.Question!.Title }).ToListAsync(cancellationToken);
        return questions.Select(q => (q.Id, Subject: new BadgeSubject(q.Title, Post(q.Id, q.Title, null))))
            .Concat(answers.Select(a => (a.Id, Subject: new BadgeSubject(a.Title, Post(a.QuestionId, a.Title, a.Id)))))
            .ToDictionary(s => s.Id, s => s.Subject);
    }
}
