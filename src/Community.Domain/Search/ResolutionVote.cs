using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Search;

/// <summary>"Did this solve your problem?" on a question or article page: one answer per visitor and page (a unique index).</summary>
public sealed class ResolutionVote
{
    public long Id { get; set; }
    public SearchHitKind TargetKind { get; set; }
    public int TargetId { get; set; }
    public string VisitorId { get; set; } = "";
    public bool Solved { get; set; }
    public DateTime At { get; set; }
}

internal sealed class ResolutionVoteConfiguration : IEntityTypeConfiguration<ResolutionVote>
{
    public void Configure(EntityTypeBuilder<ResolutionVote> vote)
    {
        vote.ToTable("ResolutionVotes");
        vote.Property(v => v.TargetKind).HasConversion<string>().HasMaxLength(16);
        vote.Property(v => v.VisitorId).HasMaxLength(DeflectionEvent.VisitorMaxLength);
        vote.HasIndex(v => new { v.TargetKind, v.TargetId, v.VisitorId }).IsUnique();
    }
}

public sealed record ResolutionCounts(int Solved, int NotSolved);

/// <summary>A page visitors said did not solve their problem, for staff: where an answer or article needs work.</summary>
public sealed record UnsolvedPage(SearchHitKind Kind, int Id, string Title, int Solved, int NotSolved)
{
    public string Url => Kind == SearchHitKind.Article ? $"kb/{Id}" : $"questions/{Id}";
}

/// <param name="reads">Pooled contexts for <see cref="HasVotedAsync"/>, asked on every page a member opens (the plain factory when null).</param>
public sealed class ResolutionVotes(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, Persistence.ReadContexts? reads = null)
{
    /// <summary>Records the visitor's answer; false when they had already answered for this page (the first answer stands).</summary>
    public async Task<bool> RecordAsync(SearchHitKind kind, int id, string visitorId, bool solved, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(visitorId) || visitorId.Length > DeflectionEvent.VisitorMaxLength)
            return false;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Set<ResolutionVote>().AnyAsync(v => v.TargetKind == kind && v.TargetId == id && v.VisitorId == visitorId, cancellationToken))
            return false;
        db.Add(new ResolutionVote { TargetKind = kind, TargetId = id, VisitorId = visitorId, Solved = solved, At = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Two clicks raced past the check: the unique index kept one.
            return false;
        }
    }

    public async Task<ResolutionCounts> CountAsync(SearchHitKind kind, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var votes = await db.Set<ResolutionVote>().Where(v => v.TargetKind == kind && v.TargetId == id)
            .GroupBy(v => v.Solved).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        return new ResolutionCounts(votes.Where(v => v.Key).Sum(v => v.Count), votes.Where(v => !v.Key).Sum(v => v.Count));
    }

    /// <summary>All answers since a date, and the pages most often said not to solve the problem.</summary>
    public async Task<(ResolutionCounts Totals, IReadOnlyList<UnsolvedPage> Unsolved)> SummaryAsync(DateTime since, int count = 10, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var votes = db.Set<ResolutionVote>().Where(v => v.At >= since);
        var solved = await votes.CountAsync(v => v.Solved, cancellationToken);
        var notSolved = await votes.CountAsync(v => !v.Solved, cancellationToken);
        var pages = await votes.GroupBy(v => new { v.TargetKind, v.TargetId })
            .Select(g => new { g.Key.TargetKind, g.Key.TargetId, Solved = g.Count(v => v.Solved), NotSolved = g.Count(v => !v.Solved) })
            .Where(p => p.NotSolved > 0).OrderByDescending(p => p.NotSolved).Take(count).ToListAsync(cancellationToken);
        var questionIds = pages.Where(p => p.TargetKind == SearchHitKind.Question).Select(p => p.TargetId).ToList();
        var articleIds = pages.Where(p => p.TargetKind == SearchHitKind.Article).Select(p => p.TargetId).ToList();
        var questionTitles = await db.Questions.Where(q => questionIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id, q => q.Title, cancellationToken);
        var articleTitles = await db.KnowledgeBaseArticles.Where(a => articleIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Title, cancellationToken);
        var unsolved = pages.Select(p => new UnsolvedPage(p.TargetKind, p.TargetId,
            (p.TargetKind == SearchHitKind.Question ? questionTitles.GetValueOrDefault(p.TargetId) : articleTitles.GetValueOrDefault(p.TargetId)) ?? $"#{p.TargetId}",
            p.Solved, p.NotSolved)).ToList();
        return (new ResolutionCounts(solved, notSolved), unsolved);
    }

    public async Task<bool> HasVotedAsync(SearchHitKind kind, int id, string visitorId, CancellationToken cancellationToken = default)
    {
        await using var db = await (reads ?? contexts).CreateDbContextAsync(cancellationToken);
        return await HasVoted.For(db)(db, kind, id, visitorId);
    }

    // Compiled: asked on every question page a member or a returning visitor opens.
    private static readonly CompiledPerModel<Func<CommunityDbContext, SearchHitKind, int, string, Task<bool>>> HasVoted = new(() => EF.CompileAsyncQuery(
        (CommunityDbContext db, SearchHitKind kind, int id, string visitorId) =>
            db.Set<ResolutionVote>().Any(v => v.TargetKind == kind && v.TargetId == id && v.VisitorId == visitorId)));
}
