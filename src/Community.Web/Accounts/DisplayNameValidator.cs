using Community.Domain.Accounts;
using Community.Domain.Staff;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Web.Accounts;

/// <summary>
/// Checks a display name's form, that no one else has the same normalized name, and that it does not pass for
/// the company's voice or for a member of staff (<see cref="ImpostorNames"/>).
/// </summary>
public sealed class DisplayNameValidator(IOptions<SiteOptions> site, StaffQueries staffQueries) : IUserValidator<CommunityUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<CommunityUser> manager, CommunityUser user)
    {
        var problem = DisplayNames.Validate(user.DisplayName);
        if (problem is not null)
            return Failed("InvalidDisplayName", problem);

        var normalized = DisplayNames.Normalize(user.DisplayName);
        if (await manager.Users.AnyAsync(other => other.NormalizedDisplayName == normalized && other.Id != user.Id))
            return Failed("DuplicateDisplayName", $"The display name \"{user.DisplayName}\" is taken (names differing only in case or width count as the same). Choose another.");

        var staff = (await manager.GetUsersInRoleAsync(Roles.Staff)).Where(s => s.Id != user.Id).Select(s => s.DisplayName)
            .Concat(await staffQueries.ProtectedNamesAsync(user.Id));
        var impostor = ImpostorNames.Problem(user.DisplayName, site.Value.CompanyName, staff);
        return impostor is null ? IdentityResult.Success : Failed("ImpostorDisplayName", impostor);
    }

    private static IdentityResult Failed(string code, string description) =>
        IdentityResult.Failed(new IdentityError { Code = code, Description = description });
}
