namespace Community.Web.ScaleOut;

/// <summary>
/// Settings under <c>Redis</c>. Unset (the default), a single node keeps its events, output cache and data-protection
/// keys to itself; set, every node that shares the Redis server shares them (docs/scale-out.md).
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, such as <c>127.0.0.1:6379,password=…</c>; empty for one node.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so that several communities can share one Redis server.</summary>
    public string InstanceName { get; set; } = "community";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
