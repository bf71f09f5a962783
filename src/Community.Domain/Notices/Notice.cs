using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Notices;

/// <summary>Something a member is told in the app (a badge earned, a privilege unlocked) until they mark it read.</summary>
public sealed class Notice
{
    public const int TextMaxLength = 500;
    public const int LinkMaxLength = 500;
    public const int KeyMaxLength = 128;

    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }
    public string Text { get; set; } = "";

    /// <summary>Where it points, relative to the site's base (<c>badges/10/nice-answer</c>).</summary>
    public string? Link { get; set; }

    /// <summary>What it is about (<c>badge:10:42</c>, <c>privilege:VoteUp</c>); a member is told about one key once.</summary>
    public string? Key { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>What it is about, for the member's e-mail choices and the list's icons.</summary>
    public Notifications.NotificationKind Kind { get; set; }

    /// <summary>The thread it is about, if any: an e-mail is not sent when the member can no longer see it.</summary>
    public int? QuestionId { get; set; }

    /// <summary>Who caused it (the answerer, the commenter); null for the system.</summary>
    public string? ActorId { get; set; }

    public bool IsRead => ReadAt is not null;
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> notice)
    {
        notice.Property(n => n.Text).HasMaxLength(Notice.TextMaxLength);
        notice.Property(n => n.Link).HasMaxLength(Notice.LinkMaxLength);
        notice.Property(n => n.Key).HasMaxLength(Notice.KeyMaxLength);
        notice.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32).HasDefaultValue(Notifications.NotificationKind.General).HasSentinel(Notifications.NotificationKind.General);
        notice.HasIndex(n => new { n.UserId, n.CreatedAt });
        // The bell's count on every signed-in page, from the index alone: an active member's thousands of notices were
        // each a row lookup for its ReadAt (bench/README.md). ReadAt is in the key only so that SQLite sees the index
        // covers the query's own "ReadAt IS NULL" (every entry holds NULL).
        notice.HasIndex(n => new { n.UserId, n.ReadAt }, "IX_Notices_Unread").HasFilter("\"ReadAt\" IS NULL");
        notice.HasIndex(n => new { n.UserId, n.Key }).IsUnique().HasFilter("\"Key\" IS NOT NULL");
        notice.HasOne(n => n.User).WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
