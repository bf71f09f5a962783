using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Questions;

public enum CloseVoteKind
{
    Close,
    Reopen,
}

/// <summary>
/// One member's vote to close an open question (with a reason) or to reopen a closed one. Votes count until enough agree,
/// then the question changes state and the votes are spent; a vote that waits too long ages away.
/// </summary>
public sealed class CloseVote
{
    public int Id { get; set; }
    public int QuestionId { get; set; }
    public Question? Question { get; set; }
    public string VoterId { get; set; } = "";
    public CommunityUser? Voter { get; set; }
    public CloseVoteKind Kind { get; set; }

    /// <summary>Why to close; null for a reopen vote.</summary>
    public CloseReason? Reason { get; set; }
    public int? DuplicateOfId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When the vote did its work (the question closed or reopened); spent votes no longer count.</summary>
    public DateTime? SpentAt { get; set; }
}

internal sealed class CloseVoteConfiguration : IEntityTypeConfiguration<CloseVote>
{
    public void Configure(EntityTypeBuilder<CloseVote> vote)
    {
        vote.ToTable("CloseVotes");
        vote.HasOne(v => v.Question).WithMany().HasForeignKey(v => v.QuestionId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne(v => v.Voter).WithMany().HasForeignKey(v => v.VoterId).OnDelete(DeleteBehavior.Restrict);
        vote.Property(v => v.Kind).HasConversion<string>().HasMaxLength(16);
        vote.Property(v => v.Reason).HasConversion<string>().HasMaxLength(32);
        // One live vote per member, question and kind: a double click or a second tab counts once.
        vote.HasIndex(v => new { v.QuestionId, v.VoterId, v.Kind }).IsUnique().HasFilter("\"SpentAt\" IS NULL").HasDatabaseName("IX_CloseVotes_OneLiveVote");
        vote.HasIndex(v => new { v.SpentAt, v.CreatedAt });
    }
}
