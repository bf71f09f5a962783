using Community.Domain.Accounts;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Community.Domain.Badges;

/// <summary>
/// One badge held by one member for one reason. The unique (member, badge, award key) makes a second award for the same
/// reason impossible, whoever tries it (the event path, the sweep, both at once). Awards are never taken back.
/// </summary>
public sealed class BadgeAward
{
    public const int AwardKeyMaxLength = 64;

    public long Id { get; set; }
    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }

    /// <summary>A <see cref="Badge.Id"/> from <see cref="BadgeCatalogue"/>.</summary>
    public int BadgeId { get; set; }

    /// <summary><c>once</c>, the post id, the tag name or <c>year-N</c>, by the badge's <see cref="BadgeRepeat"/>.</summary>
    public string AwardKey { get; set; } = "";

    /// <summary>The question or answer it was earned for, if any.</summary>
    public int? PostId { get; set; }

    public DateTime AwardedAt { get; set; }
}

internal sealed class BadgeAwardConfiguration : IEntityTypeConfiguration<BadgeAward>
{
    public void Configure(EntityTypeBuilder<BadgeAward> award)
    {
        award.Property(a => a.AwardKey).HasMaxLength(BadgeAward.AwardKeyMaxLength);
        award.HasIndex(a => new { a.UserId, a.BadgeId, a.AwardKey }).IsUnique();
        // The badge pages: holders of one badge, newest first.
        award.HasIndex(a => new { a.BadgeId, a.AwardedAt });
        award.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        award.HasOne<Post>().WithMany().HasForeignKey(a => a.PostId).OnDelete(DeleteBehavior.SetNull);
    }
}
