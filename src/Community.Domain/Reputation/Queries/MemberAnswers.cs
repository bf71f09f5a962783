using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Reputation.Queries;

/// <summary>One answer on a profile: what it earned and where it is.</summary>
public sealed record MemberAnswer(int Id, int QuestionId, string QuestionTitle, int Score, bool IsAccepted, DateTime AnsweredAt)
{
    public string Url => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}#answer-{Id}";
}

/// <summary>A member's best answers, for their profile: the posts their reputation mostly comes from.</summary>
public sealed class MemberAnswers(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<IReadOnlyList<MemberAnswer>> TopAsync(string authorId, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Answers.AsNoTracking()
            .Where(a => a.AuthorId == authorId && a.DeletedAt == null && a.HiddenAt == null && a.Question!.DeletedAt == null && a.Question!.HiddenAt == null)
            .OrderByDescending(a => a.Score).ThenByDescending(a => a.CreatedAt)
            .Take(count)
            .Select(a => new MemberAnswer(a.Id, a.QuestionId, a.Question!.Title, a.Score, a.Question.AcceptedAnswerId == a.Id, a.CreatedAt))
            .ToListAsync(cancellationToken);
    }
}
