using Community.Domain.Accounts;

namespace Community.Domain.Posting;

/// <summary>Who is acting, as the domain needs to know it: their id, whether they moderate, and where from (for rate limits).</summary>
public sealed record Actor(string UserId, bool IsModerator, string? Address = null)
{
    public static Actor FromRoles(string userId, IEnumerable<string> roles, string? address = null) =>
        new(userId, roles.Any(r => r is Roles.Moderator or Roles.Staff or Roles.Admin), address);
}
