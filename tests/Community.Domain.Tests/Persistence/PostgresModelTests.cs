using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Persistence;

/// <summary>PostgreSQL's migration set against the model, checked without a server (building the model opens no connection).</summary>
public sealed class PostgresModelTests
{
    private static CommunityDbContext Context()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, DatabaseProvider.Postgres, "Host=localhost;Database=model-only");
        return new CommunityDbContext(options.Options);
    }

    [Fact]
    public void PostgreSQLs_migrations_match_the_model()
    {
        using var db = Context();

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a PostgreSQL migration: run scripts/add-migration NAME (it adds the migration to both providers).");
    }

    [Fact]
    public void Posts_use_PostgreSQLs_row_version_as_their_concurrency_token()
    {
        using var db = Context();
        var post = db.Model.FindEntityType(typeof(Post))!;

        var rowVersion = post.FindProperty(PostgresModel.RowVersion)!;
        Assert.True(rowVersion.IsConcurrencyToken);
        Assert.Equal("xmin", rowVersion.GetColumnName());
        Assert.False(post.FindProperty(nameof(Post.Version))!.IsConcurrencyToken);
    }
}
