using System.Security.Claims;
using Community.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Community.Web.Accounts;

public static class CommunityClaims
{
    /// <summary>The public name, so the header never needs to show the (private) e-mail address.</summary>
    public const string DisplayName = "community:display_name";
}

/// <summary>Adds the display name to the sign-in cookie's identity.</summary>
public sealed class CommunityClaimsPrincipalFactory(UserManager<CommunityUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<CommunityUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CommunityUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CommunityClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
