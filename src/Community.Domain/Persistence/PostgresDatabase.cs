using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>How the scaled-out forum opens PostgreSQL.</summary>
public static class PostgresDatabase
{
    /// <summary>The assembly holding PostgreSQL's own migration set (src/Community.Migrations.Postgres).</summary>
    public const string MigrationsAssembly = "Community.Migrations.Postgres";

    /// <summary>
    /// What is retried besides what Npgsql itself calls transient (a dropped connection, a server starting or shutting
    /// down): a lost serialization race or deadlock, and a connection ended by the server (a restart, pg_terminate_backend).
    /// </summary>
    public static readonly string[] RetriedErrors = ["40001", "40P01", "57P01", "57P02", "57P03", "08000", "08003", "08006"];

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(MigrationsAssembly)
            // Every explicit transaction runs inside the strategy (UnitOfWork.RunAsync), so a retry repeats the whole unit.
            .EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: RetriedErrors));
}
