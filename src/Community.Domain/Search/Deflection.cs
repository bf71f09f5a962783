using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Search;

public enum DeflectionStep
{
    /// <summary>The visitor opened a suggestion shown while asking.</summary>
    Opened,

    /// <summary>The visitor posted a question after all.</summary>
    Asked,
}

/// <summary>One step of a visitor on the way to asking: what deflection is counted from (<see cref="Deflections"/>).</summary>
public sealed class DeflectionEvent
{
    public const int VisitorMaxLength = 80;

    public long Id { get; set; }
    public string VisitorId { get; set; } = "";
    public DeflectionStep Step { get; set; }
    public SearchHitKind? TargetKind { get; set; }
    public int? TargetId { get; set; }
    public DateTime At { get; set; }
}

internal sealed class DeflectionEventConfiguration : IEntityTypeConfiguration<DeflectionEvent>
{
    public void Configure(EntityTypeBuilder<DeflectionEvent> e)
    {
        e.ToTable("DeflectionEvents");
        e.Property(x => x.VisitorId).HasMaxLength(DeflectionEvent.VisitorMaxLength);
        e.Property(x => x.Step).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.TargetKind).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => new { x.VisitorId, x.At });
        e.HasIndex(x => new { x.Step, x.At });
    }
}

public sealed record DeflectionCounts(int Opened, int Deflected, int AskedAnyway);

internal sealed class CountsRow
{
    public int Opened { get; set; }
    public int AskedAnyway { get; set; }
    public int Deflected { get; set; }
}

/// <summary>
/// A suggestion opened while asking, with no question from the same visitor within <see cref="Window"/> afterwards,
/// is a support contact that did not happen: a deflection. Counted by a query, so nothing needs a job to settle it;
/// an open younger than the window is not counted yet.
/// </summary>
public sealed class Deflections(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    public async Task RecordAsync(string visitorId, DeflectionStep step, SearchHitKind? kind = null, int? id = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(visitorId) || visitorId.Length > DeflectionEvent.VisitorMaxLength)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.Add(new DeflectionEvent { VisitorId = visitorId, Step = step, TargetKind = kind, TargetId = id, At = time.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Opens, deflections and opens followed by a question, among suggestions opened since <paramref name="since"/>.</summary>
    public async Task<DeflectionCounts> CountAsync(DateTime since, CancellationToken cancellationToken = default)
    {
        var settled = time.GetUtcNow().UtcDateTime - Window;
        var minutes = $"+{(int)Window.TotalMinutes} minutes";
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One pass in SQL: each open, and whether the same visitor asked within the window after it.
        var row = db.Database.IsNpgsql() ? await db.Database.SqlQuery<CountsRow>($"""
            SELECT count(*)::int AS "Opened",
                   count(*) FILTER (WHERE "Asked")::int AS "AskedAnyway",
                   count(*) FILTER (WHERE NOT "Asked" AND "At" <= {settled})::int AS "Deflected"
            FROM (SELECT o."At",
                         EXISTS (SELECT 1 FROM "DeflectionEvents" a WHERE a."Step" = 'Asked' AND a."VisitorId" = o."VisitorId"
                                 AND a."At" >= o."At" AND a."At" <= o."At" + {Window}) AS "Asked"
                  FROM "DeflectionEvents" o WHERE o."Step" = 'Opened' AND o."At" >= {DateTime.SpecifyKind(since, DateTimeKind.Utc)}) opens
            """).SingleAsync(cancellationToken) : await db.Database.SqlQuery<CountsRow>($"""
            SELECT count(*) AS Opened,
                   coalesce(sum(Asked), 0) AS AskedAnyway,
                   coalesce(sum(CASE WHEN Asked = 0 AND At <= {settled} THEN 1 ELSE 0 END), 0) AS Deflected
            FROM (SELECT o.At AS At,
                         EXISTS (SELECT 1 FROM DeflectionEvents a WHERE a.Step = 'Asked' AND a.VisitorId = o.VisitorId
                                 AND a.At >= o.At AND a.At <= datetime(o.At, {minutes})) AS Asked
                  FROM DeflectionEvents o WHERE o.Step = 'Opened' AND o.At >= {since})
            """).SingleAsync(cancellationToken);
        return new DeflectionCounts(row.Opened, row.Deflected, row.AskedAnyway);
    }
}
