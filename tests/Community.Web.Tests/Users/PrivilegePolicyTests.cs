using System.Security.Claims;
using Community.Domain.Privileges;
using Community.Web.Accounts;
using Community.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Users;

/// <summary>The privilege policies, evaluated as a page or endpoint would: through the app's own authorization service.</summary>
public sealed class PrivilegePolicyTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private async Task<bool> AllowedAsync(ClaimsPrincipal user, Privilege privilege) =>
        (await factory.Services.GetRequiredService<IAuthorizationService>().AuthorizeAsync(user, PrivilegePolicies.For(privilege))).Succeeded;

    private async Task SetReputationAsync(string userId, int reputation)
    {
        await using var db = await factory.DbAsync();
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.Reputation, reputation), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task AMemberBelowAThresholdIsRefusedAndAtItIsAllowed()
    {
        var (id, _) = await factory.AddMemberAsync("Threshold Theo", (DateTime.UtcNow, 99)); // reputation 100
        var member = await factory.PrincipalAsync(id);

        Assert.True(await AllowedAsync(member, Privilege.VoteUp));
        Assert.True(await AllowedAsync(member, Privilege.CommentEverywhere));
        Assert.False(await AllowedAsync(member, Privilege.VoteDown));

        await SetReputationAsync(id, new PrivilegeOptions().VoteDown);

        Assert.True(await AllowedAsync(member, Privilege.VoteDown));
    }

    [Fact]
    public async Task ThePolicyReadsTheReputationOfNowNotOfTheSignIn()
    {
        var (id, _) = await factory.AddMemberAsync("Reversed Rita", (DateTime.UtcNow, 2_999));
        var signedIn = await factory.PrincipalAsync(id);
        Assert.True(await AllowedAsync(signedIn, Privilege.VoteToClose));

        // Serial voting reversed, say: the same cookie no longer carries the privilege.
        await SetReputationAsync(id, 50);

        Assert.False(await AllowedAsync(signedIn, Privilege.VoteToClose));
        Assert.True(await AllowedAsync(signedIn, Privilege.CommentEverywhere));
    }

    [Theory]
    [InlineData("moderator@demo.local")]
    [InlineData("staff@demo.local")]
    [InlineData("admin@demo.local")]
    public async Task ModeratorsStaffAndAdminsHoldEveryPrivilegeWhateverTheirReputation(string email)
    {
        var id = await factory.UserIdAsync(email);
        await SetReputationAsync(id, 1);
        var user = await factory.PrincipalAsync(id);

        foreach (var privilege in Enum.GetValues<Privilege>())
            Assert.True(await AllowedAsync(user, privilege), $"{email} was refused {privilege}.");
    }

    [Fact]
    public async Task AVisitorAndAnUnknownAccountAreRefused()
    {
        var visitor = new ClaimsPrincipal(new ClaimsIdentity());
        var unknown = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "no-such-member")], "Identity.Application"));

        Assert.False(await AllowedAsync(visitor, Privilege.VoteUp));
        Assert.False(await AllowedAsync(unknown, Privilege.VoteUp));
    }

    [Fact]
    public async Task EveryPrivilegeHasANamedPolicy()
    {
        var policies = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();

        foreach (var privilege in Enum.GetValues<Privilege>())
        {
            var policy = await policies.GetPolicyAsync($"Privilege:{privilege}");
            Assert.NotNull(policy);
            Assert.Equal(privilege, Assert.Single(policy.Requirements.OfType<PrivilegeRequirement>()).Privilege);
        }
        Assert.Equal("Privilege:VoteDown", PrivilegePolicies.VoteDown);
    }
}
