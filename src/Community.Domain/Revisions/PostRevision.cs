using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Revisions;

/// <summary>One version of a post, append-only: revision 1 is what was first posted, each edit adds the next.</summary>
public sealed class PostRevision
{
    public const int SummaryMaxLength = 200;

    public int Id { get; set; }
    public int PostId { get; set; }
    public int Number { get; set; }
    public string EditorId { get; set; } = "";
    public CommunityUser? Editor { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>The question's title at this revision; null for answers.</summary>
    public string? Title { get; set; }
    public string Body { get; set; } = "";

    /// <summary>The question's tags at this revision, space-separated; null for answers.</summary>
    public string? Tags { get; set; }
    public string? Summary { get; set; }
}

internal sealed class PostRevisionConfiguration : IEntityTypeConfiguration<PostRevision>
{
    public void Configure(EntityTypeBuilder<PostRevision> revision)
    {
        revision.HasIndex(r => new { r.PostId, r.Number }).IsUnique();
        revision.HasOne<Questions.Post>().WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        revision.HasOne(r => r.Editor).WithMany().HasForeignKey(r => r.EditorId).OnDelete(DeleteBehavior.Restrict);
        revision.Property(r => r.Summary).HasMaxLength(PostRevision.SummaryMaxLength);
    }
}
