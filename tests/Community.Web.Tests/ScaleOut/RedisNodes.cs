using Community.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Community.Web.Tests.ScaleOut;

/// <summary>
/// Two nodes of one community, each its own host with its own services, sharing one database and one real Redis
/// server, as two machines behind a load balancer would. Node A creates and seeds the database; node B starts on it.
/// </summary>
public sealed class RedisNodes : IAsyncLifetime
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-nodes-{Guid.NewGuid():N}");

    public RedisServer Redis { get; } = new();
    public Node A { get; private set; } = null!;
    public Node B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Redis.InitializeAsync();
        Directory.CreateDirectory(folder);
        var database = $"Data Source={Path.Combine(folder, "community.db")}";
        A = new Node(database, Redis);
        B = new Node(database, Redis);
        _ = A.Services;
        _ = B.Services;
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await Redis.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// One node: the test app on the shared database (or a database of its own when <paramref name="database"/> is null),
    /// with <c>Redis:Configuration</c> when the server runs.
    /// </summary>
    public sealed class Node(string? database, RedisServer redis) : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            .. database is null ? [] : new[] { new KeyValuePair<string, string?>("ConnectionStrings:Community", database) },
            new("Redis:Configuration", redis.Port == 0 ? "" : redis.Configuration),
        ];
    }
}
