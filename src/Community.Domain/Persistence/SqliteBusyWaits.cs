using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Persistence;

/// <summary>
/// SQLite's busy handler for every connection the app opens: what a connection does when another process holds the
/// file's lock (this process's writers take turns before they ask for it, <see cref="SqliteWriterQueue"/>, so only
/// another process, such as a tool or the bench's harness beside the web server, makes them wait here).
/// SQLite's own handler (<c>busy_timeout</c>) sleeps 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 then 100 ms at a time, so a
/// lock held for 30 ms cost the waiting writer up to 50 ms more, and a few such holds in a row up to 328 ms, while every
/// writer of its process queued behind it. This one sleeps 1 ms at a time (a few µs of CPU each) for the same
/// <see cref="SqliteConnectionSettings.BusyTimeoutMilliseconds"/>, and counts the waits for the benchmarks' notes.
/// </summary>
internal static class SqliteBusyWaits
{
    private static long waits, waitedTicks, longestTicks, timeouts;

    [ThreadStatic]
    private static long started;

    /// <summary>Replaces the connection's busy handler (false: SQLite's <c>busy_timeout</c> stays, as for a native library other than the bundled one).</summary>
    /// <param name="patience">How long it waits before SQLite gives up (<c>SQLITE_BUSY</c>): the app's 30 s if null, and
    /// only those waits are counted; the checkpointer's restart waits 20 ms for readers, in the same 1 ms steps (SQLite's
    /// own looked 4 times in 20 ms, at 1, 3, 8 and 18 ms).</param>
    internal static bool Install(SqliteConnection connection, TimeSpan? patience = null)
    {
        if (!SqliteCheckpointer.BundledLibrary.Value || connection.Handle is not { } handle)
            return false;
        var argument = patience is { } limit ? (IntPtr)Math.Max(1, (int)limit.TotalMilliseconds) : IntPtr.Zero;
        return sqlite3_busy_handler(handle.DangerousGetHandle(), HandlerPointer, argument) == 0;
    }

    /// <summary>Waits since the process started: how many, their time in all, the longest, and those that gave up.</summary>
    public static (long Waits, TimeSpan Waited, TimeSpan Longest, long TimedOut) Counts =>
        (Interlocked.Read(ref waits), Stopwatch.GetElapsedTime(0, Interlocked.Read(ref waitedTicks)),
         Stopwatch.GetElapsedTime(0, Interlocked.Read(ref longestTicks)), Interlocked.Read(ref timeouts));

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int BusyHandler(IntPtr argument, int count);

    private static readonly BusyHandler Handler = OnBusy;
    private static readonly IntPtr HandlerPointer = Marshal.GetFunctionPointerForDelegate(Handler);

    /// <summary>Called by SQLite, in the waiting connection's thread, each time the lock is still taken: nonzero to try again.</summary>
    private static int OnBusy(IntPtr argument, int count)
    {
        try
        {
            var now = Stopwatch.GetTimestamp();
            if (count == 0)
                started = now;
            if (argument != IntPtr.Zero)
            {
                // A patience of its own (the checkpointer's restart): not a wait for another process, not counted.
                if (Stopwatch.GetElapsedTime(started, now).TotalMilliseconds >= (long)argument)
                    return 0;
                Thread.Sleep(1);
                return 1;
            }
            if (count == 0)
                Interlocked.Increment(ref waits);
            var waited = now - started;
            if (waited > Interlocked.Read(ref longestTicks))
                Interlocked.Exchange(ref longestTicks, waited);
            if (Stopwatch.GetElapsedTime(started, now).TotalMilliseconds >= SqliteConnectionSettings.BusyTimeoutMilliseconds)
            {
                Interlocked.Increment(ref timeouts);
                return 0;
            }
            Thread.Sleep(1);
            Interlocked.Add(ref waitedTicks, Stopwatch.GetTimestamp() - now);
            return 1;
        }
        catch (Exception)
        {
            // Never into SQLite's stack: give up this wait, which surfaces as "database is locked".
            return 0;
        }
    }

    [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
    private static extern int sqlite3_busy_handler(IntPtr db, IntPtr callback, IntPtr argument);
}
