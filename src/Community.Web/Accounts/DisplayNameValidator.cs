using Community.Domain.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Accounts;

/// <summary>Checks a display name's form and that no one else has the same normalized name.</summary>
public sealed class DisplayNameValidator : IUserValidator<CommunityUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<CommunityUser> manager, CommunityUser user)
    {
        var problem = DisplayNames.Validate(user.DisplayName);
        if (problem is not null)
            return IdentityResult.Failed(new IdentityError { Code = "InvalidDisplayName", Description = problem });

        var normalized = DisplayNames.Normalize(user.DisplayName);
        var taken = await manager.Users.AnyAsync(other => other.NormalizedDisplayName == normalized && other.Id != user.Id);
        return taken
            ? IdentityResult.Failed(new IdentityError { Code = "DuplicateDisplayName", Description = $"The display name \"{user.DisplayName}\" is taken (names differing only in case or width count as the same). Choose another." })
            : IdentityResult.Success;
    }
}
