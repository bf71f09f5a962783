using Community.Domain.Persistence;

namespace Community.Web.Database;

/// <summary>Settings under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (one machine, the default) or <c>Postgres</c> (scaled out); the connection string is <c>ConnectionStrings:Community</c>.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply checked-in migrations at start-up (on by default; off only for tests of a broken database).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
