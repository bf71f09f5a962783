using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>Brings a database to the latest checked-in migration; never <c>EnsureCreated</c>.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Migrate also diffs the model against the last migration's snapshot (EF's pending-model-changes check), a third
        // of a start-up's CPU on an up-to-date database (~0.3 s, bench/README.md). Only a database that lacks a migration
        // needs it; a fresh one (every test's) still gets the check.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await SqliteDatabase.UseWriteAheadLogAsync(db, cancellationToken);
    }

    /// <summary>
    /// Builds the EF model on another core while the host assembles itself; the migration check and the first
    /// request would otherwise build it on the start-up's one thread (~0.5 s).
    /// </summary>
    public Task WarmUpModelAsync() => Task.Run(() =>
    {
        using var db = contexts.CreateDbContext();
        _ = db.Model;
    });
}
