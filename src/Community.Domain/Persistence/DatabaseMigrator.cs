using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>Brings a database to the latest checked-in migration; never <c>EnsureCreated</c>.</summary>
public sealed class DatabaseMigrator(IDbContextFactory<CommunityDbContext> contexts)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
            await SqliteDatabase.UseWriteAheadLogAsync(db, cancellationToken);
    }
}
