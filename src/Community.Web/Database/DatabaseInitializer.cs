using Community.Domain.Accounts;
using Community.Domain.Demo;
using Community.Domain.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Community.Web.Database;

/// <summary>
/// Runs before the server accepts requests: applies migrations, makes sure the roles exist and, in demo
/// mode, seeds an empty database.
/// </summary>
public sealed class DatabaseInitializer(
    DatabaseMigrator migrator,
    IDbContextFactory<CommunityDbContext> contexts,
    IServiceScopeFactory scopes,
    DatabaseReady ready,
    IOptions<DatabaseOptions> database,
    IOptions<DemoDataOptions> demo,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Off the host's thread at once: it starts the other services (the server) while this one waits for the model.
        await Task.Yield();
        try
        {
            await InitializeAsync(cancellationToken);
            ready.Open();
        }
        catch (Exception e)
        {
            ready.Fail(e);
            throw;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (!database.Value.MigrateOnStartup)
            return;
        await migrator.MigrateAsync(cancellationToken);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            await RoleSeeder.EnsureRolesAsync(db, cancellationToken);

        if (demo.Value.Enabled)
        {
            // One hash for every demo account: they share the password, and hashing is deliberately slow.
            await using var scope = scopes.CreateAsyncScope();
            var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<CommunityUser>>();
            var hash = hasher.HashPassword(new CommunityUser(), demo.Value.Password!);
            // Resolved here, not injected: the seeder needs the Markdown renderer (~60 ms to make), which a server
            // without demo content makes on its first post instead of before its first response.
            var seeder = scope.ServiceProvider.GetRequiredService<DemoDataSeeder>();
            if (await seeder.SeedAsync(hash, cancellationToken))
                logger.LogInformation("Seeded the demo community into an empty database");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
