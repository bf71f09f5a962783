namespace Community.Web.Database;

/// <summary>
/// Opens once the database is migrated (and, in demo mode, seeded). The host starts its services together, so the
/// server listens while the migrations are checked on another core (a shorter start, bench/README.md); requests
/// (<see cref="WaitForDatabaseAsync"/>) and the services that use the database (<see cref="StartsAfterDatabase"/>) wait
/// for it here instead.
/// </summary>
public sealed class DatabaseReady
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsOpen => ready.Task.IsCompletedSuccessfully;

    /// <summary>Completes when the database is ready; throws what stopped it if it never will be.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);

    public void Open() => ready.TrySetResult();

    public void Fail(Exception reason) => ready.TrySetException(reason);

    /// <summary>Middleware: a request that arrives during start-up is held until the database is ready.</summary>
    public static Task WaitForDatabaseAsync(HttpContext context, Func<Task> next)
    {
        var database = context.RequestServices.GetRequiredService<DatabaseReady>();
        return database.IsOpen ? next() : WaitThenAsync(database, context, next);

        static async Task WaitThenAsync(DatabaseReady database, HttpContext context, Func<Task> next)
        {
            await database.WaitAsync(context.RequestAborted);
            await next();
        }
    }
}

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
