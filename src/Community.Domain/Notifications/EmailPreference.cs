using Community.Domain.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Notifications;

/// <summary>A member's choice of e-mail delivery for one kind of notification; without a row, the kind's default applies.</summary>
public sealed class EmailPreference
{
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }
    public NotificationKind Kind { get; set; }
    public EmailDelivery Delivery { get; set; }
}

internal sealed class EmailPreferenceConfiguration : IEntityTypeConfiguration<EmailPreference>
{
    public void Configure(EntityTypeBuilder<EmailPreference> preference)
    {
        preference.ToTable("EmailPreferences");
        preference.HasKey(p => new { p.UserId, p.Kind });
        preference.Property(p => p.Kind).HasConversion<string>().HasMaxLength(32);
        preference.Property(p => p.Delivery).HasConversion<string>().HasMaxLength(16);
        preference.HasOne(p => p.User).WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
