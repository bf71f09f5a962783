using Community.Domain.Accounts;

namespace Community.Domain.Staff;

/// <summary>
/// The disclosure of a company employee who speaks in the community: a named person with a title and a team.
/// Admins fill the disclosure; the person edits only their photo and bio. A former employee keeps the profile
/// with <see cref="EndedAt"/> set, so their old posts still say who they were.
/// </summary>
public sealed class StaffProfile
{
    public const int NameMaxLength = 80;
    public const int TitleMaxLength = 80;
    public const int TeamMaxLength = 60;
    public const int BioMaxLength = 1_000;

    public string UserId { get; set; } = "";
    public CommunityUser? User { get; set; }

    public string RealName { get; set; } = "";
    public string JobTitle { get; set; } = "";
    public string Team { get; set; } = "";

    /// <summary>An http(s) address of a photo, or null.</summary>
    public string? PhotoUrl { get; set; }
    public string? Bio { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }

    public bool IsCurrent => EndedAt is null;
}
