using System.Diagnostics;

namespace Community.Domain.Persistence;

/// <summary>
/// How long this process held SQLite's write turn (<see cref="SqliteWriterQueue"/>), and so the file's write lock, and
/// who held it longest: another process waiting for the lock (<see cref="SqliteBusyWaits"/>) waits for these. For the
/// benchmarks' notes (bench/README.md); each hold costs two timestamps, a slow one a stack trace.
/// </summary>
internal static class SqliteWriteHolds
{
    /// <summary>Holds this long or longer are remembered with who held the turn.</summary>
    internal static readonly TimeSpan Slow = TimeSpan.FromMilliseconds(50);

    private const int Remembered = 8;

    private static long holds, heldTicks, longestTicks;
    private static readonly Queue<string> slowest = new();

    /// <summary>A hold that began at <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) ends now.</summary>
    /// <param name="holder">Who held it; null names the caller from the stack (a slow transaction's code).</param>
    public static void Ended(long started, string? holder)
    {
        var held = Stopwatch.GetTimestamp() - started;
        Interlocked.Increment(ref holds);
        Interlocked.Add(ref heldTicks, held);
        if (held > Interlocked.Read(ref longestTicks))
            Interlocked.Exchange(ref longestTicks, held);
        var elapsed = Stopwatch.GetElapsedTime(0, held);
        if (elapsed < Slow)
            return;
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {elapsed.TotalMilliseconds:F0} ms {holder ?? Caller()}";
        lock (slowest)
        {
            slowest.Enqueue(line);
            if (slowest.Count > Remembered)
                slowest.Dequeue();
        }
    }

    public static string Summary()
    {
        string[] slow;
        lock (slowest)
            slow = [.. slowest];
        return $"{Interlocked.Read(ref holds)} holds of the write turn ({Stopwatch.GetElapsedTime(0, Interlocked.Read(ref heldTicks)).TotalMilliseconds:F0} ms in all, "
            + $"longest {Stopwatch.GetElapsedTime(0, Interlocked.Read(ref longestTicks)).TotalMilliseconds:F0} ms)"
            + (slow.Length > 0 ? $"; the last {slow.Length} of {Slow.TotalMilliseconds:F0} ms or more (UTC, ending): {string.Join("; ", slow)}" : "");
    }

    /// <summary>The first frame outside persistence and the framework: whose transaction it was.</summary>
    private static string Caller()
    {
        foreach (var frame in new StackTrace(2, false).GetFrames())
        {
            var type = frame.GetMethod()?.DeclaringType;
            var name = type?.FullName;
            if (name is null || !name.StartsWith("Community.", StringComparison.Ordinal) || name.StartsWith("Community.Domain.Persistence.", StringComparison.Ordinal))
                continue;
            // An async method's frames are its state machine, nested in the type that declares it: "<CountAsync>d__2".
            return type!.DeclaringType is { } outer && type.Name.StartsWith('<') ? $"{outer.Name}.{type.Name[1..type.Name.IndexOf('>')]}" : $"{type.Name}.{frame.GetMethod()!.Name}";
        }
        return "a write transaction";
    }
}
