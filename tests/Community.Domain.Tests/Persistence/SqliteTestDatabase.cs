using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>A real SQLite file in the temp folder, brought up by the real migrations; deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IDbContextFactory<CommunityDbContext>, IAsyncDisposable
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"community-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => $"Data Source={path};Pooling=False";

    public static async Task<SqliteTestDatabase> MigratedAsync()
    {
        var database = new SqliteTestDatabase();
        await new DatabaseMigrator(database).MigrateAsync();
        return database;
    }

    public CommunityDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        SqliteDatabase.ConfigureStandalone(options, ConnectionString);
        return new CommunityDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);
        return ValueTask.CompletedTask;
    }
}
