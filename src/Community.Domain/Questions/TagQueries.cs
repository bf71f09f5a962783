using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

public sealed record TagSummary(string Name, string Description, int QuestionCount);

public sealed class TagQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task<IReadOnlyList<TagSummary>> AllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking()
            .Select(t => new { t.Name, t.Description, Count = t.Questions.Count(q => q.DeletedAt == null && q.HiddenAt == null) })
            .OrderByDescending(t => t.Count).ThenBy(t => t.Name)
            .ToListAsync(cancellationToken);
        return tags.Select(t => new TagSummary(t.Name, t.Description, t.Count)).ToList();
    }

    public async Task<TagSummary?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Tags.AsNoTracking().Where(t => t.Name == name)
            .Select(t => new TagSummary(t.Name, t.Description, t.Questions.Count(q => q.DeletedAt == null && q.HiddenAt == null)))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
