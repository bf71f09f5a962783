using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Community.Bench;

/// <summary>
/// Caps one call's time: SQLite's progress handler (run every few thousand VM instructions) interrupts the statement
/// once the deadline has passed, and the call fails with SQLITE_INTERRUPT. Some list queries take minutes deep in a
/// large list; the harness reports them as "&gt; limit" instead of running for an hour. The calls are sequential, so one
/// deadline for the process is enough.
/// </summary>
public static class CallLimit
{
    private const int SqliteInterrupt = 9;
    private static long deadline; // Stopwatch timestamp; 0: none

    // Kept in a field: SQLite holds it for as long as the connection lives.
    private static readonly delegate_progress Handler = _ => deadline != 0 && Stopwatch.GetTimestamp() > Interlocked.Read(ref deadline) ? 1 : 0;

    public static void Install(SqliteConnection connection) =>
        raw.sqlite3_progress_handler(connection.Handle, 10_000, Handler, null);

    /// <summary>Runs <paramref name="call"/>; false if it was interrupted at <paramref name="limit"/>.</summary>
    public static async Task<bool> RunAsync(Func<Task> call, TimeSpan limit)
    {
        Interlocked.Exchange(ref deadline, Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency));
        try
        {
            await call();
            return true;
        }
        catch (Exception e) when (IsInterrupt(e))
        {
            return false;
        }
        finally
        {
            Interlocked.Exchange(ref deadline, 0);
        }
    }

    public static bool Run(Action call, TimeSpan limit)
    {
        Interlocked.Exchange(ref deadline, Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency));
        try
        {
            call();
            return true;
        }
        catch (Exception e) when (IsInterrupt(e))
        {
            return false;
        }
        finally
        {
            Interlocked.Exchange(ref deadline, 0);
        }
    }

    private static bool IsInterrupt(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is SqliteException { SqliteErrorCode: SqliteInterrupt } || e is InterruptedException)
                return true;
        }
        return false;
    }

    /// <summary>Thrown by the harness's own C-API calls when SQLite says SQLITE_INTERRUPT.</summary>
    public sealed class InterruptedException() : Exception("SQLite interrupted the statement at the call's time limit.");

    public static bool IsInterruptCode(int rc) => rc == SqliteInterrupt;
}

/// <summary>Installs <see cref="CallLimit"/>'s handler on every connection EF Core opens.</summary>
public sealed class CallLimitInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        CallLimit.Install((SqliteConnection)connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CallLimit.Install((SqliteConnection)connection);
        return Task.CompletedTask;
    }
}
