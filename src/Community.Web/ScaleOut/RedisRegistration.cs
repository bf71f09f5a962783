using Community.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Community.Web.ScaleOut;

public static class RedisRegistration
{
    /// <summary>The name every node signs its cookies and tokens under, whatever folder it was installed in.</summary>
    public const string ApplicationName = "Community";

    /// <summary>
    /// With <c>Redis:Configuration</c> set: one connection for the node, live events between nodes, the data-protection
    /// key ring (sign-in cookies, antiforgery and unsubscribe tokens) and the output cache in Redis. Without it, nothing
    /// changes: one node keeps all three in its own memory and key folder.
    /// </summary>
    public static IServiceCollection AddCommunityRedis(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section)
            .Validate(redis => !redis.Enabled || TryParse(redis.Configuration!),
                "Redis:Configuration is not a valid Redis configuration: use host:port with options, such as \"127.0.0.1:6379,password=secret\".")
            .Validate(redis => !string.IsNullOrWhiteSpace(redis.InstanceName), "Redis:InstanceName must not be empty: it prefixes every Redis key and channel.")
            .ValidateOnStart();
        var redis = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new();
        if (!redis.Enabled)
            return services;

        services.AddSingleton<IConnectionMultiplexer>(provider => Connect(provider.GetRequiredService<IOptions<RedisOptions>>().Value));

        services.AddSingleton<RedisLiveEvents>();
        services.Replace(ServiceDescriptor.Singleton<ILiveEvents>(provider => provider.GetRequiredService<RedisLiveEvents>()));
        services.AddHostedService(provider => provider.GetRequiredService<RedisLiveEvents>());

        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((keys, connection, options) =>
            keys.XmlRepository = new RedisXmlRepository(() => connection.GetDatabase(), $"{options.Value.InstanceName}:data-protection-keys"));

        // Only the store: which pages are cached, and the tags that evict them, stay with the output-cache registration.
        services.RemoveAll<IOutputCacheStore>();
        services.AddStackExchangeRedisOutputCache(_ => { });
        var redisStore = services.Last(service => service.ServiceType == typeof(IOutputCacheStore));
        services.Remove(redisStore);
        services.AddSingleton<IOutputCacheStore>(provider => new ResilientOutputCacheStore(
            (IOutputCacheStore)(redisStore.ImplementationInstance
                ?? redisStore.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, redisStore.ImplementationType!)),
            provider.GetRequiredService<ILogger<ResilientOutputCacheStore>>()));
        services.AddOptions<RedisOutputCacheOptions>().Configure<IConnectionMultiplexer, IOptions<RedisOptions>>((cache, connection, options) =>
        {
            cache.ConnectionMultiplexerFactory = () => Task.FromResult(connection);
            cache.InstanceName = options.Value.InstanceName + ":";
        });

        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis");
        return services;
    }

    private static IConnectionMultiplexer Connect(RedisOptions redis)
    {
        var options = ConfigurationOptions.Parse(redis.Configuration!);
        options.ClientName ??= $"{redis.InstanceName}-{Environment.MachineName}-{Environment.ProcessId}";
        return ConnectionMultiplexer.Connect(options);
    }

    private static bool TryParse(string configuration)
    {
        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

/// <summary>
/// A node whose Redis is gone misses other nodes' events and cannot read new keys: degraded, not down, since a load
/// balancer that took every node out for a shared Redis would turn a slow site into no site.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var latency = await redis.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"Redis answered in {latency.TotalMilliseconds:0} ms");
        }
        catch (RedisException exception)
        {
            return HealthCheckResult.Degraded("Redis does not answer", exception);
        }
    }
}
