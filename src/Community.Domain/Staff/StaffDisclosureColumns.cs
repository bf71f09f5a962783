using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Staff;

internal static class StaffDisclosureColumns
{
    /// <summary>The snapshot's columns on the post or comment row itself: Staff_Name, Staff_Title, Staff_Team, Staff_Company.</summary>
    public static void Configure<TOwner>(OwnedNavigationBuilder<TOwner, StaffDisclosure> disclosure) where TOwner : class
    {
        disclosure.Property(d => d.Name).HasColumnName("Staff_Name").HasMaxLength(StaffProfile.NameMaxLength);
        disclosure.Property(d => d.Title).HasColumnName("Staff_Title").HasMaxLength(StaffProfile.TitleMaxLength);
        disclosure.Property(d => d.Team).HasColumnName("Staff_Team").HasMaxLength(StaffProfile.TeamMaxLength);
        disclosure.Property(d => d.Company).HasColumnName("Staff_Company").HasMaxLength(120);
    }
}
