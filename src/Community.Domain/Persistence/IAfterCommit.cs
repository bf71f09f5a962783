using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Community.Domain.Persistence;

/// <summary>
/// An interceptor that acts once a context's transaction commits (cache eviction, the outbox's hand-over). A unit of a
/// group commit (<see cref="SqliteGroupCommit"/>) never commits its context's transaction itself: the writer takes
/// what the unit left pending when its turn ends and runs it after the batch's COMMIT, or drops it on a rollback.
/// </summary>
internal interface IAfterCommit
{
    /// <summary>What this context has pending for after its commit, taken out of the interceptor; null when nothing.</summary>
    Func<CancellationToken, Task>? TakePending(DbContext context);
}

internal static class AfterCommit
{
    /// <summary>Everything the context's interceptors hold for after its commit, taken out of them.</summary>
    public static List<Func<CancellationToken, Task>> Take(DbContext context)
    {
        var interceptors = context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors;
        var pending = new List<Func<CancellationToken, Task>>();
        if (interceptors is null)
            return pending;
        foreach (var interceptor in interceptors.OfType<IAfterCommit>())
            if (interceptor.TakePending(context) is { } action)
                pending.Add(action);
        return pending;
    }
}
