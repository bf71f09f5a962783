using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Accounts;

internal sealed class CommunityUserConfiguration : IEntityTypeConfiguration<CommunityUser>
{
    public void Configure(EntityTypeBuilder<CommunityUser> user)
    {
        user.Property(u => u.DisplayName).HasMaxLength(DisplayNames.MaxLength * 2);
        user.Property(u => u.NormalizedDisplayName).HasMaxLength(DisplayNames.MaxLength * 4);
        user.HasIndex(u => u.NormalizedDisplayName).IsUnique();
        user.HasIndex(u => u.Reputation);
        user.Property(u => u.AboutMe).HasMaxLength(2000);
    }
}
