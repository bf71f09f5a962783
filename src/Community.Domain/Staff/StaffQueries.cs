using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Staff;

public sealed record StaffMember(string UserId, string DisplayName, string RealName, string JobTitle, string Team, string? PhotoUrl, string? Bio,
    DateTime StartedAt, DateTime? EndedAt, IReadOnlyList<QuestionSummary> RecentAnswers)
{
    public string Url => $"staff/{UserId}";
}

public sealed record StaffAuditLine(string Action, string TargetUserId, string TargetName, string ActorName, DateTime At, string Details);

public sealed class StaffQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    /// <summary>Current staff first (by team, then name), then former staff with their dates.</summary>
    public async Task<IReadOnlyList<StaffMember>> DirectoryAsync(int recentAnswers = 3, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profiles = await db.StaffProfiles.AsNoTracking().Include(p => p.User)
            .OrderBy(p => p.EndedAt != null).ThenBy(p => p.Team).ThenBy(p => p.RealName)
            .ToListAsync(cancellationToken);
        var members = new List<StaffMember>();
        foreach (var profile in profiles)
            members.Add(await ToMemberAsync(db, profile, recentAnswers, cancellationToken));
        return members;
    }

    public async Task<StaffMember?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var profile = await db.StaffProfiles.AsNoTracking().Include(p => p.User).SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        return profile is null ? null : await ToMemberAsync(db, profile, 10, cancellationToken);
    }

    /// <summary>Names no one else may take or imitate: the real and display names of current and former staff.</summary>
    public async Task<IReadOnlyList<string>> ProtectedNamesAsync(string? exceptUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var staff = await db.StaffProfiles.AsNoTracking().Where(p => p.UserId != exceptUserId)
            .Select(p => new { p.RealName, p.User!.DisplayName }).ToListAsync(cancellationToken);
        return staff.SelectMany(s => new[] { s.RealName, s.DisplayName }).Distinct().ToList();
    }

    public async Task<IReadOnlyList<StaffAuditLine>> AuditAsync(int count = 100, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.StaffAudit.AsNoTracking().OrderByDescending(a => a.At).Take(count)
            .Select(a => new StaffAuditLine(a.Action.ToString(), a.TargetUserId,
                db.Users.Where(u => u.Id == a.TargetUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "(deleted)",
                db.Users.Where(u => u.Id == a.ActorId).Select(u => u.DisplayName).FirstOrDefault() ?? "(deleted)", a.At, a.Details))
            .ToListAsync(cancellationToken);
    }

    private static async Task<StaffMember> ToMemberAsync(CommunityDbContext db, StaffProfile profile, int recentAnswers, CancellationToken cancellationToken)
    {
        var answered = await db.Answers.AsNoTracking()
            .Where(a => a.AuthorId == profile.UserId && a.DeletedAt == null && a.HiddenAt == null && a.Question!.DeletedAt == null && a.Question!.HiddenAt == null)
            .OrderByDescending(a => a.CreatedAt).Take(recentAnswers)
            .Select(a => new QuestionSummary(a.QuestionId, a.Question!.Title, a.Question.Score, a.Question.AnswerCount, a.Question.AcceptedAnswerId != null,
                a.Question.ViewCount, a.Question.CreatedAt, a.CreatedAt, a.Question.AuthorId, a.Question.Author!.DisplayName,
                a.Question.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList(), a.Question.ClosedAt != null, a.Question.StaffDisclosure))
            .ToListAsync(cancellationToken);
        return new StaffMember(profile.UserId, profile.User!.DisplayName, profile.RealName, profile.JobTitle, profile.Team, profile.PhotoUrl, profile.Bio,
            profile.StartedAt, profile.EndedAt, answered);
    }
}
