using Community.Domain.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Community.Web.Jobs;

/// <summary>
/// Hangfire's storage when the forum runs on PostgreSQL: its own schema in the forum's database, so every node's job
/// server takes work from one durable queue, a job lost with a node is fetched again by another once its invisibility
/// timeout passes, and recurring jobs (added idempotently by every node under stable ids) are fired once per schedule
/// under the storage's distributed lock.
/// </summary>
public static class PostgresJobStorage
{
    public const string Schema = "hangfire";

    /// <summary>The forum's PostgreSQL connection string, or null on SQLite.</summary>
    public static string? ConnectionString(IServiceProvider services) =>
        services.GetService<DatabaseSettings>() is { Provider: DatabaseProvider.Postgres } settings ? settings.ConnectionString : null;

    /// <summary>How long a job whose node died stays invisible to the others: <c>Jobs:InvisibilityTimeout</c>, 5 minutes by default.</summary>
    public static TimeSpan InvisibilityTimeout(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetValue("Jobs:InvisibilityTimeout", TimeSpan.FromMinutes(5));

    public static JobStorage Create(string connectionString, TimeSpan? invisibilityTimeout = null)
    {
        var options = Options(invisibilityTimeout ?? TimeSpan.FromMinutes(5));
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static PostgreSqlStorageOptions Options(TimeSpan invisibilityTimeout) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        // LISTEN/NOTIFY: a job enqueued on one node starts at once on any node, not at the next poll.
        EnableLongPolling = true,
        QueuePollInterval = TimeSpan.FromSeconds(5),
        // A job whose node died is handed to another after this long (kept alive meanwhile while its node runs it).
        InvisibilityTimeout = invisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = TimeSpan.FromMinutes(1),
    };
}
