using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

public sealed class MigrationsTests
{
    [Fact]
    public async Task MigrationsBringAnEmptyDatabaseToTheCurrentModel()
    {
        await using var database = await TestDatabase.MigratedAsync();
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: run dotnet ef migrations add.");
        Assert.Equal(0, await db.Posts.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TheDatabaseRunsInWriteAheadLogMode()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "Write-ahead logging is a SQLite setting; PostgreSQL always logs ahead.");
        await using var database = await TestDatabase.MigratedAsync();
        await using var db = database.CreateDbContext();

        Assert.Equal("wal", await SqliteDatabase.JournalModeAsync(db, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task MigratingTwiceChangesNothing()
    {
        await using var database = await TestDatabase.MigratedAsync();

        await new DatabaseMigrator(database).MigrateAsync(TestContext.Current.CancellationToken);

        await using var db = database.CreateDbContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void ARelativeDatabaseFileLivesUnderTheContentRootInAFolderThatIsCreated()
    {
        var root = Path.Combine(Path.GetTempPath(), $"community-root-{Guid.NewGuid():N}");
        try
        {
            var resolved = new SqliteConnectionStringBuilder(SqliteDatabase.ResolveConnectionString("Data Source=data/community.db", root));

            Assert.Equal(Path.Combine(root, "data", "community.db"), resolved.DataSource);
            Assert.True(Directory.Exists(Path.Combine(root, "data")));
        }
        finally
        {
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void AnAbsoluteDatabaseFileIsKeptWhateverTheContentRoot()
    {
        var file = Path.Combine(Path.GetTempPath(), $"community-{Guid.NewGuid():N}.db");

        var resolved = new SqliteConnectionStringBuilder(SqliteDatabase.ResolveConnectionString($"Data Source={file}", "/somewhere/else"));

        Assert.Equal(file, resolved.DataSource);
    }
}
