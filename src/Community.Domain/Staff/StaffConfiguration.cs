using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Staff;

internal sealed class StaffProfileConfiguration : IEntityTypeConfiguration<StaffProfile>
{
    public void Configure(EntityTypeBuilder<StaffProfile> profile)
    {
        profile.ToTable("StaffProfiles");
        profile.HasKey(p => p.UserId);
        profile.HasOne(p => p.User).WithOne().HasForeignKey<StaffProfile>(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        profile.Property(p => p.RealName).HasMaxLength(StaffProfile.NameMaxLength);
        profile.Property(p => p.JobTitle).HasMaxLength(StaffProfile.TitleMaxLength);
        profile.Property(p => p.Team).HasMaxLength(StaffProfile.TeamMaxLength);
        profile.Property(p => p.Bio).HasMaxLength(StaffProfile.BioMaxLength);
        profile.Property(p => p.PhotoUrl).HasMaxLength(500);
    }
}

internal sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> entry)
    {
        entry.ToTable("StaffAudit");
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.TargetUserId);
    }
}
