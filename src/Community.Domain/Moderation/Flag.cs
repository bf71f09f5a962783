using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Moderation;

public enum FlagStatus
{
    Pending,
    Helpful,
    Declined,
}

/// <summary>
/// A member's (or the system's) report that a post or a comment needs a moderator. One per member and target: the unique
/// keys make a double click or a retry harmless. <see cref="Status"/> is a concurrency token, so two moderators settling
/// the same flag cannot both win.
/// </summary>
public sealed class Flag
{
    public const int NoteMaxLength = 500;
    public const int OutcomeMaxLength = 500;

    public long Id { get; set; }

    /// <summary>The flagged question or answer; null when a comment is flagged.</summary>
    public int? PostId { get; set; }

    /// <summary>The flagged comment; null when a post is flagged.</summary>
    public int? CommentId { get; set; }

    /// <summary>Who wrote the flagged text, kept here so the queue can show their history without joining both kinds.</summary>
    public string TargetAuthorId { get; set; } = "";

    /// <summary>Null for the system (watch list, spam rules).</summary>
    public string? FlaggerId { get; set; }
    public CommunityUser? Flagger { get; set; }

    public FlagReason Reason { get; set; }
    public string? Note { get; set; }

    /// <summary>What the flag counts towards an automatic hold (see <see cref="FlagRules.WeightOf"/>).</summary>
    public int Weight { get; set; }

    public DateTime CreatedAt { get; set; }

    public FlagStatus Status { get; set; }
    public DateTime? HandledAt { get; set; }
    public string? HandledById { get; set; }

    /// <summary>What the flagger is told ("Helpful: the post was deleted").</summary>
    public string? Outcome { get; set; }

    /// <summary>The watch-list term a system flag matched; shown to moderators only.</summary>
    public string? MatchedTerm { get; set; }

    public bool IsSystem => FlaggerId is null;
}

internal sealed class FlagConfiguration : IEntityTypeConfiguration<Flag>
{
    public void Configure(EntityTypeBuilder<Flag> flag)
    {
        flag.ToTable("Flags");
        flag.Property(f => f.Reason).HasConversion<string>().HasMaxLength(32);
        flag.Property(f => f.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        flag.Property(f => f.Note).HasMaxLength(Flag.NoteMaxLength);
        flag.Property(f => f.Outcome).HasMaxLength(Flag.OutcomeMaxLength);
        flag.Property(f => f.MatchedTerm).HasMaxLength(WatchTerm.PhraseMaxLength);
        flag.Property(f => f.TargetAuthorId).HasMaxLength(450);
        flag.HasOne(f => f.Flagger).WithMany().HasForeignKey(f => f.FlaggerId).OnDelete(DeleteBehavior.Restrict);
        flag.HasOne<Questions.Post>().WithMany().HasForeignKey(f => f.PostId).OnDelete(DeleteBehavior.Cascade);
        flag.HasOne<Comments.Comment>().WithMany().HasForeignKey(f => f.CommentId).OnDelete(DeleteBehavior.Cascade);
        // One flag per member per post or comment (system flags have no flagger, so they are not limited here).
        flag.HasIndex(f => new { f.PostId, f.FlaggerId }).IsUnique().HasFilter("\"PostId\" IS NOT NULL AND \"FlaggerId\" IS NOT NULL");
        flag.HasIndex(f => new { f.CommentId, f.FlaggerId }).IsUnique().HasFilter("\"CommentId\" IS NOT NULL AND \"FlaggerId\" IS NOT NULL");
        // The queue reads pending flags; a member's page and the daily limit read by flagger and time.
        flag.HasIndex(f => new { f.Status, f.CreatedAt });
        flag.HasIndex(f => new { f.FlaggerId, f.CreatedAt });
        flag.HasIndex(f => f.TargetAuthorId);
        flag.ToTable(t => t.HasCheckConstraint("CK_Flags_OneTarget", "(\"PostId\" IS NULL) <> (\"CommentId\" IS NULL)"));
    }
}
