namespace Community.Web.Database;

/// <summary>Settings under <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply checked-in migrations at start-up (on by default; off only for tests of a broken database).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
