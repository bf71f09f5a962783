using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Revisions;

public enum SuggestedEditState
{
    Pending,
    Approved,
    Rejected,

    /// <summary>The post was edited another way before anyone reviewed the suggestion, so it no longer applies.</summary>
    Superseded,
}

/// <summary>
/// An edit of someone else's post by a member who cannot yet edit directly: it waits in the review queue until a member
/// with the edit privilege, a moderator or the post's author approves or rejects it.
/// </summary>
public sealed class SuggestedEdit
{
    public const int RejectReasonMaxLength = 500;

    public int Id { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
    public string SuggesterId { get; set; } = "";
    public CommunityUser? Suggester { get; set; }

    /// <summary>The post version the suggestion was written against; if the post moved on, it is superseded, not applied blindly.</summary>
    public int BaseVersion { get; set; }

    public string? Title { get; set; }
    public string Body { get; set; } = "";
    public string? Tags { get; set; }
    public string Summary { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    public SuggestedEditState State { get; set; }
    public string? ReviewerId { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public string? RejectReason { get; set; }
}

internal sealed class SuggestedEditConfiguration : IEntityTypeConfiguration<SuggestedEdit>
{
    public void Configure(EntityTypeBuilder<SuggestedEdit> edit)
    {
        edit.ToTable("SuggestedEdits");
        edit.HasOne(e => e.Post).WithMany().HasForeignKey(e => e.PostId).OnDelete(DeleteBehavior.Cascade);
        edit.HasOne(e => e.Suggester).WithMany().HasForeignKey(e => e.SuggesterId).OnDelete(DeleteBehavior.Restrict);
        edit.Property(e => e.State).HasConversion<string>().HasMaxLength(16);
        edit.Property(e => e.Title).HasMaxLength(Question.TitleMaxLength);
        edit.Property(e => e.Tags).HasMaxLength(500);
        edit.Property(e => e.Summary).HasMaxLength(PostRevision.SummaryMaxLength);
        edit.Property(e => e.RejectReason).HasMaxLength(SuggestedEdit.RejectReasonMaxLength);
        // One suggestion waits per post at a time: a second suggester is told one is already pending, and a double
        // submit of the same suggestion finds the first.
        edit.HasIndex(e => e.PostId).IsUnique().HasFilter("\"State\" = 'Pending'").HasDatabaseName("IX_SuggestedEdits_OnePendingPerPost");
        edit.HasIndex(e => e.SuggesterId);
        edit.HasIndex(e => new { e.State, e.CreatedAt });
    }
}
