namespace Community.Web.Database;

/// <summary>A hosted service that uses the database (the job server, the recurring jobs' registration), started once <see cref="DatabaseReady"/> opens.</summary>
public sealed class StartsAfterDatabase(IHostedService inner, DatabaseReady database) : IHostedService, IAsyncDisposable
{
    private bool started;

    public IHostedService Inner => inner;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.WaitAsync(cancellationToken);
        await inner.StartAsync(cancellationToken);
        started = true;
    }

    public Task StopAsync(CancellationToken cancellationToken) => started ? inner.StopAsync(cancellationToken) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable asyncDisposable)
            await asyncDisposable.DisposeAsync();
        else if (inner is IDisposable disposable)
            disposable.Dispose();
    }

    /// <summary>
    /// Replaces the hosted services that <paramref name="register"/> adds (Hangfire's server registers its own) with ones
    /// that wait for the database.
    /// </summary>
    public static IServiceCollection Wrap(IServiceCollection services, Action<IServiceCollection> register)
    {
        var before = services.Where(d => d.ServiceType == typeof(IHostedService)).ToHashSet();
        register(services);
        foreach (var added in services.Where(d => d.ServiceType == typeof(IHostedService) && !before.Contains(d)).ToList())
        {
            services.Remove(added);
            services.AddSingleton<IHostedService>(provider => new StartsAfterDatabase(
                (IHostedService)(added.ImplementationInstance
                    ?? added.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, added.ImplementationType!)),
                provider.GetRequiredService<DatabaseReady>()));
        }
        return services;
    }
}
