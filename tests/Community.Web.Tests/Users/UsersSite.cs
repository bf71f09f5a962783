using System.Security.Claims;
using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Domain.Reputation;
using Community.Domain.Reputation.Queries;
using Community.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Users;

/// <summary>The app with period leaderboards read on every request, so a test sees the ledger rows it just wrote.</summary>
public sealed class FreshLeaderboardFactory : CommunityWebFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton(new LeaderboardOptions { SnapshotLifetime = TimeSpan.Zero }));
    }
}

/// <summary>Members and ledger rows written straight into the app's database, keeping each cached total equal to its ledger.</summary>
internal static class UsersSite
{
    public const string ExpertName = "Priya Raman";
    public const string CustomerName = "Dana Whitfield";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<CommunityDbContext> DbAsync(this CommunityWebFactory factory) =>
        await factory.Services.GetRequiredService<IDbContextFactory<CommunityDbContext>>().CreateDbContextAsync(Ct);

    public static async Task<string> UserIdAsync(this CommunityWebFactory factory, string email)
    {
        await using var db = await factory.DbAsync();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    /// <summary>A new member (display name made unique) whose ledger holds these amounts at these times; returns id and name.</summary>
    public static async Task<(string Id, string Name)> AddMemberAsync(this CommunityWebFactory factory, string name, params (DateTime At, int Amount)[] ledger)
    {
        var unique = $"{name} {Guid.NewGuid().ToString("N")[..6]}";
        var user = new CommunityUser { UserName = $"{Guid.NewGuid():N}@users.test", Email = $"{Guid.NewGuid():N}@users.test", CreatedAt = DateTime.UtcNow.AddYears(-2) };
        user.Rename(unique);
        await using var db = await factory.DbAsync();
        db.Users.Add(user);
        await db.SaveChangesAsync(Ct);
        await factory.CreditAsync(user.Id, ledger);
        return (user.Id, unique);
    }

    /// <summary>A new member who can sign in (with the demo password), with the given ledger; returns id, name and e-mail.</summary>
    public static async Task<(string Id, string Name, string Email)> AddSignInMemberAsync(this CommunityWebFactory factory, string name, params (DateTime At, int Amount)[] ledger)
    {
        var email = $"{Guid.NewGuid():N}@users.test";
        var user = new CommunityUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        user.Rename($"{name} {Guid.NewGuid().ToString("N")[..6]}");
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<CommunityUser>>().CreateAsync(user, CommunityWebFactory.DemoPassword);
            Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        await factory.CreditAsync(user.Id, ledger);
        return (user.Id, user.DisplayName, email);
    }

    /// <summary>Appends bonus rows to a member's ledger and moves their cached total with them.</summary>
    public static async Task CreditAsync(this CommunityWebFactory factory, string userId, params (DateTime At, int Amount)[] ledger)
    {
        await using var db = await factory.DbAsync();
        db.ReputationEntries.AddRange(ledger.Select(l => new ReputationEntry
        {
            UserId = userId, Amount = l.Amount, Reason = ReputationReason.Bonus, SourceKey = $"bonus:test:{Guid.NewGuid():N}", CreatedAt = l.At,
        }));
        await db.SaveChangesAsync(Ct);
        var points = await db.ReputationEntries.Where(e => e.UserId == userId).SumAsync(e => (long)e.Amount, Ct);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set
            .SetProperty(u => u.ReputationPoints, points).SetProperty(u => u.Reputation, ReputationRules.Total(points)), Ct);
    }

    /// <summary>The principal the sign-in cookie would carry for this account (its roles included).</summary>
    public static async Task<ClaimsPrincipal> PrincipalAsync(this CommunityWebFactory factory, string userId)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<CommunityUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException($"No member {userId}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<CommunityUser>>().CreateAsync(user);
    }
}
