using Community.Domain.Accounts;

namespace Community.Domain.Questions;

/// <summary>
/// What questions and answers share: one id space, so that votes, revisions, comments and flags
/// point at a post whatever its kind (<c>/posts/{id}</c>).
/// </summary>
public abstract class Post
{
    public int Id { get; set; }

    public string AuthorId { get; set; } = "";
    public CommunityUser? Author { get; set; }

    /// <summary>The Markdown the author wrote.</summary>
    public string Body { get; set; } = "";

    /// <summary>Sanitized HTML rendered at write time; views show this and never render Markdown.</summary>
    public string BodyHtml { get; set; } = "";

    public int RenderVersion { get; set; }

    public int Score { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public string? DeletedById { get; set; }

    /// <summary>Bumped by every edit; a concurrency token, so a second editor working on an old version is told.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The form's one-time key: posting the same form twice (a double click, a retry) finds this post instead of making another.</summary>
    public string? ClientToken { get; set; }

    /// <summary>The author's staff disclosure when they wrote it; null for members. Never changed afterwards.</summary>
    public Staff.StaffDisclosure? StaffDisclosure { get; set; }

    public bool IsDeleted => DeletedAt is not null;

    /// <summary>Held by moderation (flags, the watch list, spam rules) pending review: hidden like a deleted post, with the reason its author sees.</summary>
    public DateTime? HiddenAt { get; set; }
    public string? HiddenReason { get; set; }

    public bool IsHidden => HiddenAt is not null;
}
