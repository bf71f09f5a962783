using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.ScaleOut;

/// <summary>
/// The scaled-out forum: two nodes on one real PostgreSQL (the forum and Hangfire's queue) and one real Redis. Node A
/// migrates and seeds the demo community; node B starts on it.
/// </summary>
public sealed class PostgresNodes : IAsyncLifetime
{
    public PostgresServer Postgres { get; } = new();
    public RedisServer Redis { get; } = new();
    public string Database { get; private set; } = "";
    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Postgres.InitializeAsync();
        await Redis.InitializeAsync();
        if (!Postgres.IsRunning || Redis.Port == 0)
            return;
        Database = await Postgres.CreateDatabaseAsync("nodes");
        A = new Node(Database, Redis.Configuration);
        B = new Node(Database, Redis.Configuration);
        _ = A.Services;
        _ = B.Services;
    }

    public void Require()
    {
        Postgres.Require();
        Redis.Require();
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
            await A.DisposeAsync();
        if (B is not null)
            await B.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    /// <summary>A node of the scaled-out forum: PostgreSQL, Redis, and Hangfire's short test invisibility timeout.</summary>
    public sealed class Node(string database, string? redis) : CommunityWebFactory
    {
        public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(4);

        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Database:Provider", "Postgres"),
            new("ConnectionStrings:Community", database),
            new("Redis:Configuration", redis ?? ""),
            new("Jobs:InvisibilityTimeout", InvisibilityTimeout.ToString()),
        ];
    }
}
