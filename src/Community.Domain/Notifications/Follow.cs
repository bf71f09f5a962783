using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Notifications;

/// <summary>A member follows a question (automatically the ones they asked or answered) or a tag, and hears about its activity.</summary>
public sealed class Follow
{
    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }
    public int? QuestionId { get; set; }
    public Question? Question { get; set; }
    public int? TagId { get; set; }
    public Tag? Tag { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class FollowConfiguration : IEntityTypeConfiguration<Follow>
{
    public void Configure(EntityTypeBuilder<Follow> follow)
    {
        follow.ToTable("Follows", table => table.HasCheckConstraint("CK_Follows_OneTarget", "(\"QuestionId\" IS NULL) <> (\"TagId\" IS NULL)"));
        follow.HasOne(f => f.User).WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
        follow.HasOne(f => f.Question).WithMany().HasForeignKey(f => f.QuestionId).OnDelete(DeleteBehavior.Cascade);
        follow.HasOne(f => f.Tag).WithMany().HasForeignKey(f => f.TagId).OnDelete(DeleteBehavior.Cascade);
        // Following twice is following once. "Who follows this question" (every answer asks it, inside its write) reads
        // (QuestionId, UserId) alone: with QuestionId only, SQLite preferred scanning the whole (UserId, QuestionId) index,
        // which covers the query (~3 ms on 55,000 follows, growing with every answer).
        follow.HasIndex(f => new { f.UserId, f.QuestionId }).IsUnique().HasFilter("\"QuestionId\" IS NOT NULL");
        follow.HasIndex(f => new { f.UserId, f.TagId }).IsUnique().HasFilter("\"TagId\" IS NOT NULL");
        follow.HasIndex(f => new { f.QuestionId, f.UserId });
        // Tag follows only: a question's follow (one per new answerer, inside the answer's write) has no tag, and a NULL
        // entry still cost each answer a page of the log (bench/README.md, session 13). "TagId = x" implies the filter, so
        // the tag's followers and the cascade from a tag still read it.
        follow.HasIndex(f => f.TagId).HasFilter("\"TagId\" IS NOT NULL");
    }
}
