using System.Diagnostics;
using System.Globalization;

namespace Community.Bench.Load;

/// <summary>
/// Whether other work shared the CPU during a measurement: the machine's busy time (/proc/stat, steal included: on a
/// virtual machine other guests take it) minus the CPU time of the harness and the servers it started
/// (/proc/&lt;pid&gt;/stat). Reported as a share of all cores; a measurement is flagged when others took more than
/// <see cref="BusyShare"/>.
/// </summary>
public sealed class CpuMonitor
{
    public const double BusyShare = 0.15;

    private readonly List<int> pids = [Environment.ProcessId];

    public void Track(int pid)
    {
        lock (pids)
            pids.Add(pid);
    }

    public void Untrack(int pid)
    {
        lock (pids)
            pids.Remove(pid);
    }

    public readonly record struct Snapshot(long Busy, long Total, long Steal, long Ours, long At);

    public Snapshot Take()
    {
        var (busy, total, steal) = Machine();
        long ours = 0;
        lock (pids)
        {
            foreach (var pid in pids)
                ours += ProcessTicks(pid);
        }
        return new Snapshot(busy, total, steal, ours, Stopwatch.GetTimestamp());
    }

    /// <summary>Others' share of the machine between two snapshots (0–1); null where /proc is not there.</summary>
    public static CpuShare Between(Snapshot from, Snapshot to)
    {
        var total = to.Total - from.Total;
        if (total <= 0)
            return new CpuShare(null, null, null);
        var busy = (double)(to.Busy - from.Busy) / total;
        var ours = (double)(to.Ours - from.Ours) / total;
        var steal = (double)(to.Steal - from.Steal) / total;
        return new CpuShare(Math.Max(0, busy - ours), ours, steal);
    }

    /// <summary>Samples the machine for <paramref name="duration"/> while the harness is idle.</summary>
    public async Task<CpuShare> IdleShareAsync(TimeSpan duration)
    {
        var from = Take();
        await Task.Delay(duration);
        return Between(from, Take());
    }

    private static (long Busy, long Total, long Steal) Machine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal (guest time is already counted in user)
            var idle = f[3] + f[4];
            var total = f.Take(8).Sum();
            return (total - idle, total, f.Length > 7 ? f[7] : 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return (0, 0, 0);
        }
    }

    private static long ProcessTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command (which may hold spaces) in parentheses: utime is the 14th, stime the 15th,
            // cutime and cstime (waited-for children: the build of bench/run) the 16th and 17th.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(rest[11], CultureInfo.InvariantCulture) + long.Parse(rest[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }
}

/// <summary>Shares of all cores (0–1): others' busy time, ours, and steal (part of others').</summary>
public readonly record struct CpuShare(double? Others, double? Ours, double? Steal)
{
    public bool Busy => Others > CpuMonitor.BusyShare;

    public override string ToString() => Others is null ? "?" : $"{Others * 100:F0}%" + (Busy ? " BUSY" : "");
}
