using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("AuditEntries");
        entry.Property(e => e.Action).HasMaxLength(AuditEntry.ActionMaxLength);
        entry.Property(e => e.TargetKind).HasMaxLength(AuditEntry.TargetKindMaxLength);
        entry.Property(e => e.TargetId).HasMaxLength(AuditEntry.TargetIdMaxLength);
        entry.Property(e => e.Reason).HasMaxLength(AuditEntry.ReasonMaxLength);
        entry.Property(e => e.Details).HasMaxLength(AuditEntry.DetailsMaxLength);
        // The log page reads newest first; a member's or a post's history reads by target.
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.TargetKind, e.TargetId });
        entry.HasIndex(e => e.TargetUserId);
        entry.HasIndex(e => e.ActorId);
    }
}
