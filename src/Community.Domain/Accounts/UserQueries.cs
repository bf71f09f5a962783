using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Accounts;

/// <summary>Public facts about members; never their e-mail address.</summary>
public sealed record MemberSummary(string Id, string DisplayName, int Reputation, DateTime MemberSince, string? AboutMe, int QuestionCount, int AnswerCount);

public sealed class UserQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<IReadOnlyList<MemberSummary>> TopAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Users.AsNoTracking().OrderByDescending(u => u.Reputation).ThenBy(u => u.DisplayName).Take(count))
            .ToListAsync(cancellationToken);
    }

    public async Task<MemberSummary?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.Users.AsNoTracking().Where(u => u.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<MemberSummary> Project(CommunityDbContext db, IQueryable<CommunityUser> users) =>
        users.Select(u => new MemberSummary(u.Id, u.DisplayName, u.Reputation, u.CreatedAt, u.AboutMe,
            db.Questions.Count(q => q.AuthorId == u.Id && q.DeletedAt == null && q.HiddenAt == null),
            db.Answers.Count(a => a.AuthorId == u.Id && a.DeletedAt == null && a.HiddenAt == null)));
}
