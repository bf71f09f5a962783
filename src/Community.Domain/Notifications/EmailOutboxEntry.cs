using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Notifications;

/// <summary>
/// One e-mail to send, written in the same transaction as the notification it tells about; a job sends it and marks it
/// sent, and a sweep retries what failed. A digest entry gathers a member's notifications of one day.
/// </summary>
public sealed class EmailOutboxEntry
{
    public const int SubjectMaxLength = 200;
    public const int ErrorMaxLength = 1000;

    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }

    /// <summary>The notification this e-mail tells about; null for a digest.</summary>
    public long? NoticeId { get; set; }
    public NotificationKind Kind { get; set; }
    public bool IsDigest { get; set; }

    /// <summary>A digest is for one member and one UTC day: at most one each.</summary>
    public DateTime? DigestDay { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }

    /// <summary>Not sent, and never will be: the content became invisible to the member, or they chose no e-mail since.</summary>
    public DateTime? SkippedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

internal sealed class EmailOutboxEntryConfiguration : IEntityTypeConfiguration<EmailOutboxEntry>
{
    public void Configure(EntityTypeBuilder<EmailOutboxEntry> entry)
    {
        entry.ToTable("EmailOutbox");
        entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        entry.Property(e => e.LastError).HasMaxLength(EmailOutboxEntry.ErrorMaxLength);
        entry.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        entry.HasIndex(e => e.NoticeId).IsUnique().HasFilter("\"NoticeId\" IS NOT NULL");
        entry.HasIndex(e => new { e.UserId, e.DigestDay }).IsUnique().HasFilter("\"DigestDay\" IS NOT NULL");
        entry.HasIndex(e => new { e.SentAt, e.SkippedAt, e.CreatedAt });
    }
}
