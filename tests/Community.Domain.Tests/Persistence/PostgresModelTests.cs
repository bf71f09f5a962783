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
    public void Posts_use_their_edit_version_as_the_concurrency_token_as_on_SQLite_and_flags_PostgreSQLs_row_version()
    {
        using var db = Context();
        var post = db.Model.FindEntityType(typeof(Post))!;
        var flag = db.Model.FindEntityType(typeof(Community.Domain.Moderation.Flag))!;

        // xmin changes with any update of the row (a view counted, a vote): a post's token must not.
        Assert.Null(post.FindProperty(PostgresModel.RowVersion));
        Assert.True(post.FindProperty(nameof(Post.Version))!.IsConcurrencyToken);
        Assert.Equal("xmin", flag.FindProperty(PostgresModel.RowVersion)!.GetColumnName());
    }
}
