using Community.Domain.Accounts;
using Microsoft.AspNetCore.Authorization;

namespace Community.Web.Accounts;

/// <summary>Named authorization policies; pages and endpoints ask these, never a hidden button.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    public const string Moderation = "Moderation";
    public const string Staff = "Staff";

    public static AuthorizationBuilder AddCommunityPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Admin, policy => policy.RequireRole(Roles.Admin))
        .AddPolicy(Moderation, policy => policy.RequireRole(Roles.Moderator, Roles.Staff, Roles.Admin))
        .AddPolicy(Staff, policy => policy.RequireRole(Roles.Staff, Roles.Admin));
}
