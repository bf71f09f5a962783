using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Persistence;

/// <summary>How the scaled-out forum opens PostgreSQL.</summary>
public static class PostgresDatabase
{
    /// <summary>The assembly holding PostgreSQL's own migration set (src/Community.Migrations.Postgres).</summary>
    public const string MigrationsAssembly = "Community.Migrations.Postgres";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly));
}
