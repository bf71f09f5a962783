using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Moderation;

public enum SanctionKind
{
    Warning,
    Suspension,
}

/// <summary>A warning or a suspension a moderator gave a member, with the reason the member sees. Kept after it ends, as history.</summary>
public sealed class MemberSanction
{
    public const int ReasonMaxLength = 1000;

    public int Id { get; set; }
    public string MemberId { get; set; } = "";
    public CommunityUser? Member { get; set; }
    public SanctionKind Kind { get; set; }
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string ById { get; set; } = "";

    /// <summary>Suspensions: the member may write again from this moment. Null for warnings.</summary>
    public DateTime? EndsAt { get; set; }

    /// <summary>A moderator ended the suspension early.</summary>
    public DateTime? LiftedAt { get; set; }

    public bool IsActiveSuspension(DateTime now) => Kind == SanctionKind.Suspension && LiftedAt is null && EndsAt > now;
}

internal sealed class MemberSanctionConfiguration : IEntityTypeConfiguration<MemberSanction>
{
    public void Configure(EntityTypeBuilder<MemberSanction> sanction)
    {
        sanction.ToTable("MemberSanctions");
        sanction.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        sanction.Property(s => s.Reason).HasMaxLength(MemberSanction.ReasonMaxLength);
        sanction.Property(s => s.ById).HasMaxLength(450);
        sanction.HasOne(s => s.Member).WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Cascade);
        // Every write checks the author's active suspension by this key.
        sanction.HasIndex(s => new { s.MemberId, s.EndsAt });
    }
}
