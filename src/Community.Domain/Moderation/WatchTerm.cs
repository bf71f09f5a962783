using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Moderation;

public enum WatchAction
{
    /// <summary>The post stays visible; the system flags it for a moderator.</summary>
    FlagForReview,

    /// <summary>The post is hidden at once until a moderator reviews it.</summary>
    HoldUntilReviewed,
}

/// <summary>A word or phrase admins watch for in new and edited posts: plain text, never a pattern.</summary>
public sealed class WatchTerm
{
    public const int PhraseMaxLength = 100;

    public int Id { get; set; }

    /// <summary>As the admin typed it; shown to moderators.</summary>
    public string Phrase { get; set; } = "";

    /// <summary>The phrase's words as <see cref="WatchListMatcher.Normalize"/> makes them, space-separated; unique.</summary>
    public string Normalized { get; set; } = "";

    public WatchAction Action { get; set; }
    public DateTime CreatedAt { get; set; }
    public string CreatedById { get; set; } = "";
}

internal sealed class WatchTermConfiguration : IEntityTypeConfiguration<WatchTerm>
{
    public void Configure(EntityTypeBuilder<WatchTerm> term)
    {
        term.ToTable("WatchTerms");
        term.Property(t => t.Phrase).HasMaxLength(WatchTerm.PhraseMaxLength);
        term.Property(t => t.Normalized).HasMaxLength(WatchTerm.PhraseMaxLength * 2);
        term.Property(t => t.Action).HasConversion<string>().HasMaxLength(32);
        term.Property(t => t.CreatedById).HasMaxLength(450);
        term.HasIndex(t => t.Normalized).IsUnique();
    }
}
