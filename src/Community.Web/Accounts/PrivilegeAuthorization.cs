using System.Security.Claims;
using Community.Domain.Accounts;
using Community.Domain.Privileges;
using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Accounts;

/// <summary>The member holds <see cref="Privilege"/>: enough reputation now, or a moderator, staff or admin role.</summary>
public sealed record PrivilegeRequirement(Privilege Privilege) : IAuthorizationRequirement;

/// <summary>
/// Reads the member's reputation from the database on every check, not from a claim: a claim would keep a privilege
/// in the cookie (and in a circuit) after the reputation that earned it was reversed, and keep it locked after a gain.
/// </summary>
public sealed class PrivilegeAuthorizationHandler(MemberReputation reputation, PrivilegeOptions options) : AuthorizationHandler<PrivilegeRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PrivilegeRequirement requirement)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        var isModerator = user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Staff) || user.IsInRole(Roles.Admin);
        if (isModerator)
        {
            context.Succeed(requirement);
            return;
        }
        if (await reputation.CurrentAsync(userId) is { } current && PrivilegeRules.Holds(options, requirement.Privilege, current, isModerator: false))
            context.Succeed(requirement);
    }
}

/// <summary>One named policy per privilege ("Privilege:VoteDown"), for <c>[Authorize(Policy = ...)]</c>, endpoints and <c>AuthorizeView</c>.</summary>
public static class PrivilegePolicies
{
    public const string Prefix = "Privilege:";

    public const string VoteUp = Prefix + nameof(Privilege.VoteUp);
    public const string Flag = Prefix + nameof(Privilege.Flag);
    public const string CommentEverywhere = Prefix + nameof(Privilege.CommentEverywhere);
    public const string VoteDown = Prefix + nameof(Privilege.VoteDown);
    public const string CreateTags = Prefix + nameof(Privilege.CreateTags);
    public const string EditOthersPosts = Prefix + nameof(Privilege.EditOthersPosts);
    public const string VoteToClose = Prefix + nameof(Privilege.VoteToClose);
    public const string AccessReviewQueues = Prefix + nameof(Privilege.AccessReviewQueues);

    public static string For(Privilege privilege) => Prefix + privilege;

    public static AuthorizationBuilder AddPrivilegePolicies(this AuthorizationBuilder authorization)
    {
        foreach (var privilege in Enum.GetValues<Privilege>())
            authorization.AddPolicy(For(privilege), policy => policy.RequireAuthenticatedUser().AddRequirements(new PrivilegeRequirement(privilege)));
        return authorization;
    }
}
