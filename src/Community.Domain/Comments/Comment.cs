using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Comments;

/// <summary>A short remark under a question or answer: limited Markdown (links, code, emphasis).</summary>
public sealed class Comment
{
    public const int MinLength = 15;
    public const int MaxLength = 600;

    public int Id { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
    public string AuthorId { get; set; } = "";
    public CommunityUser? Author { get; set; }
    public string Body { get; set; } = "";
    public string BodyHtml { get; set; } = "";
    public int RenderVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? ClientToken { get; set; }

    /// <summary>Held by moderation pending review; its author and moderators still see it, with the reason.</summary>
    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }

    /// <summary>The author's staff disclosure when they wrote it; null for members.</summary>
    public Staff.StaffDisclosure? StaffDisclosure { get; set; }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> comment)
    {
        comment.HasIndex(c => new { c.PostId, c.CreatedAt });
        comment.HasOne(c => c.Post).WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        comment.Property(c => c.Body).HasMaxLength(Comment.MaxLength);
        comment.Property(c => c.ClientToken).HasMaxLength(64);
        comment.Property(c => c.HiddenReason).HasMaxLength(300);
        comment.OwnsOne(c => c.StaffDisclosure, Staff.StaffDisclosureColumns.Configure);
        comment.HasIndex(c => new { c.AuthorId, c.ClientToken }).IsUnique().HasFilter("\"ClientToken\" IS NOT NULL");
    }
}
