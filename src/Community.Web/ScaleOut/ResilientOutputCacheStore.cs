using Microsoft.AspNetCore.OutputCaching;
using StackExchange.Redis;

namespace Community.Web.ScaleOut;

/// <summary>
/// The Redis output-cache store, made to fail soft: while Redis is unreachable a read is a miss (the page is rendered)
/// and a write or an eviction is skipped, instead of turning every cached page into an error. The cache is only ever
/// a copy of what the database says.
/// </summary>
internal sealed class ResilientOutputCacheStore(IOutputCacheStore redis, ILogger<ResilientOutputCacheStore> logger) : IOutputCacheStore
{
    public async ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.GetAsync(key, cancellationToken);
        }
        catch (Exception exception) when (IsOutage(exception))
        {
            logger.LogWarning(exception, "Redis is unreachable: the page is rendered instead of read from the cache");
            return null;
        }
    }

    public async ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken)
    {
        try
        {
            await redis.SetAsync(key, value, tags, validFor, cancellationToken);
        }
        catch (Exception exception) when (IsOutage(exception))
        {
            logger.LogWarning(exception, "Redis is unreachable: a page was not cached");
        }
    }

    public async ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken)
    {
        try
        {
            await redis.EvictByTagAsync(tag, cancellationToken);
        }
        catch (Exception exception) when (IsOutage(exception))
        {
            logger.LogWarning(exception, "Redis is unreachable: cached pages tagged {Tag} expire on their own", tag);
        }
    }

    private static bool IsOutage(Exception exception) => exception is RedisException or TimeoutException or ObjectDisposedException;
}
