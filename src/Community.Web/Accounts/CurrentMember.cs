using System.Security.Claims;
using Community.Domain.Posting;

namespace Community.Web.Accounts;

public static class CurrentMember
{
    /// <summary>The signed-in member as the domain sees them; null for an anonymous visitor.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user, string? address = null)
    {
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return user.Identity?.IsAuthenticated == true && id is not null
            ? Actor.FromRoles(id, user.FindAll(ClaimTypes.Role).Select(r => r.Value), address)
            : null;
    }

    public static Actor? ToActor(this HttpContext context) =>
        context.User.ToActor(context.Connection.RemoteIpAddress?.ToString());
}
