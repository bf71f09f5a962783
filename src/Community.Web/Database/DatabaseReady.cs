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
