using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.KnowledgeBase;

/// <summary>
/// "This thread's article must be brought up to date", written in the same transaction as the change to the thread
/// (DESIGN.md §6). Done when the feed has made the article follow; until then the recurring sweep enqueues it again,
/// so a job lost with the in-memory job storage is never a lost article.
/// </summary>
public sealed class KnowledgeBaseOutboxEntry
{
    public const int ErrorMaxLength = 2_000;
    public const int SummaryMaxLength = 30_000;

    public long Id { get; set; }
    public int QuestionId { get; set; }
    public ResolutionKind Kind { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Escalations only: the public summary staff wrote (Markdown), credited to <see cref="SummaryAuthorId"/>.</summary>
    public string? Summary { get; set; }
    public string? SummaryAuthorId { get; set; }

    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>What went wrong the last time, for the admin page; cleared when it succeeds.</summary>
    public string? LastError { get; set; }

    public DateTime? DoneAt { get; set; }

    public bool IsDone => DoneAt is not null;
}

internal sealed class KnowledgeBaseOutboxEntryConfiguration : IEntityTypeConfiguration<KnowledgeBaseOutboxEntry>
{
    public void Configure(EntityTypeBuilder<KnowledgeBaseOutboxEntry> entry)
    {
        entry.ToTable("KbOutbox");
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.LastError).HasMaxLength(KnowledgeBaseOutboxEntry.ErrorMaxLength);
        entry.Property(e => e.Summary).HasMaxLength(KnowledgeBaseOutboxEntry.SummaryMaxLength);
        entry.Property(e => e.SummaryAuthorId).HasMaxLength(450);
        entry.HasIndex(e => e.QuestionId);
        // The sweep reads only what is not done: a small partial index however long the history grows.
        entry.HasIndex(e => e.CreatedAt).HasDatabaseName("IX_KbOutbox_Pending").HasFilter("\"DoneAt\" IS NULL");
    }
}
