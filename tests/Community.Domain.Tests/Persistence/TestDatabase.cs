using Community.Domain.Persistence;
using Community.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// One test's own database on the engine of this run (<see cref="TestProvider"/>), brought up by the real migrations:
/// a SQLite file in the temp folder, or a PostgreSQL database on the test server. Deleted on dispose.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<CommunityDbContext>, IAsyncDisposable
{
    private TestDatabase(DatabaseProvider provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    public bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>A database with no tables yet: on SQLite a file that does not exist yet.</summary>
    public static async Task<TestDatabase> EmptyAsync() => TestProvider.IsPostgres
        ? new TestDatabase(DatabaseProvider.Postgres, await TestPostgres.CreateEmptyDatabaseAsync())
        : new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"community-test-{Guid.NewGuid():N}.db")};Pooling=False");

    /// <summary>A database through every migration, as the app brings one up (on PostgreSQL, copied from a migrated template).</summary>
    public static async Task<TestDatabase> MigratedAsync()
    {
        if (TestProvider.IsPostgres)
            return new TestDatabase(DatabaseProvider.Postgres, await TestPostgres.CreateMigratedDatabaseAsync());
        var database = await EmptyAsync();
        await new DatabaseMigrator(database).MigrateAsync();
        return database;
    }

    /// <summary>The SQLite file (SQLite only).</summary>
    public string FilePath => new SqliteConnectionStringBuilder(ConnectionString).DataSource;

    public CommunityDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, Provider, ConnectionString);
        return new CommunityDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            await TestPostgres.DropDatabaseAsync(ConnectionString);
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { FilePath, FilePath + "-wal", FilePath + "-shm" })
            File.Delete(file);
    }
}

/// <summary>The former name of <see cref="TestDatabase"/>: it runs on the engine of the test run too.</summary>
public static class SqliteTestDatabase
{
    public static Task<TestDatabase> MigratedAsync() => TestDatabase.MigratedAsync();
}
