using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;


namespace Community.Bench;

/// <summary>
/// Contexts on one SQLite file, configured as the tests do (<see cref="SqliteDatabase.ConfigureStandalone"/>) but with
/// the options built once and connection pooling on, as the web host's <c>AddDbContextFactory</c> has them.
/// </summary>
public sealed class BenchDatabase : IDbContextFactory<CommunityDbContext>
{
    private readonly DbContextOptions<CommunityDbContext> options;

    public BenchDatabase(string path, params IInterceptor[] interceptors)
    {
        Path = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
        var builder = new DbContextOptionsBuilder<CommunityDbContext>();
        SqliteDatabase.ConfigureStandalone(builder, ConnectionString);
        // The tree is edited by others while the bench runs: a model change whose migration is not written yet would
        // stop MigrateAsync. The bench goes on with the migrations there are and says so (see Dataset.EnsureAsync).
        builder.ConfigureWarnings(warnings => warnings.Log(RelationalEventId.PendingModelChangesWarning));
        if (interceptors.Length > 0)
            builder.AddInterceptors(interceptors);
        options = builder.Options;
    }

    public string Path { get; }
    public string ConnectionString { get; }

    public CommunityDbContext CreateDbContext() => new(options);
}

/// <summary>Where the repository and the results folder are, whatever the working directory.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();
    public static string Results => System.IO.Path.Combine(Root, "bench", "results");

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "Community.sln")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "bench")))
                    return dir.FullName;
            }
        }
        throw new InvalidOperationException("Cannot find the repository root (the folder with Community.sln and bench/).");
    }
}
