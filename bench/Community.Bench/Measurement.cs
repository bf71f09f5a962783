using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Community.Bench;

/// <summary>Times of the calls of one case, in milliseconds.</summary>
public sealed record Timing(IReadOnlyList<double> Samples, TimeSpan? InterruptedAt = null)
{
    /// <summary>A call was interrupted at the time limit: the figures are a lower bound, or there are none.</summary>
    public bool TimedOut => InterruptedAt is not null;

    private readonly double[] sorted = Samples.Order().ToArray();

    public int Count => sorted.Length;
    public double Median => Count == 0 ? double.NaN : Count % 2 == 1 ? sorted[Count / 2] : (sorted[Count / 2 - 1] + sorted[Count / 2]) / 2;
    public double P95 => Percentile(0.95);
    public double P99 => Percentile(0.99);
    public double Max => Count == 0 ? double.NaN : sorted[^1];
    public double Mean => Count == 0 ? double.NaN : sorted.Average();

    /// <summary>Calls per second on one connection, one after another (1000 / mean).</summary>
    public double PerSecond => 1000.0 / Mean;

    /// <summary>Nearest rank: with fewer than 100 samples p99 is the maximum, and says so by being equal to it.</summary>
    private double Percentile(double p) => Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * Count) - 1, 0, Count - 1)];

    public static async Task<Timing> MeasureAsync(Func<Task> call, BenchOptions options)
    {
        var limit = TimeSpan.FromMilliseconds(options.LimitMs);
        var warmup = Stopwatch.StartNew();
        for (var i = 0; i < options.Warmup && (i == 0 || warmup.ElapsedMilliseconds < options.BudgetMs / 2); i++)
        {
            if (!await CallLimit.RunAsync(call, limit))
                return new Timing([], limit);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var samples = new List<double>(options.Iterations);
        var budget = Stopwatch.StartNew();
        while (samples.Count < options.Iterations)
        {
            if (budget.ElapsedMilliseconds >= options.BudgetMs
                && (samples.Count >= options.MinIterations || samples.Count >= 3 && samples.Average() > (double)options.BudgetMs / options.MinIterations))
                break;
            var start = Stopwatch.GetTimestamp();
            if (!await CallLimit.RunAsync(call, limit))
                return new Timing(samples, limit);
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return new Timing(samples);
    }
}

/// <summary>What the figures were measured on.</summary>
public static class Machine
{
    public static IReadOnlyList<(string What, string Value)> Describe(string sqliteVersion)
    {
        var efVersion = typeof(Microsoft.EntityFrameworkCore.DbContext).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
        return
        [
            ("CPU", CpuModel()),
            ("cores (Environment.ProcessorCount)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
            ("memory", Memory()),
            ("OS", RuntimeInformation.OSDescription + " " + RuntimeInformation.OSArchitecture),
            ("`dotnet --version`", DotnetVersion()),
            ("runtime", RuntimeInformation.FrameworkDescription),
            ("build", Configuration() + (GCSettings.IsServerGC ? ", server GC" : ", workstation GC")),
            ("EF Core", efVersion),
            ("SQLite", sqliteVersion),
            ("load average (1, 5, 15 min) at start", LoadAtStart),
            ("load average at end", LoadAverage()),
        ];
    }

    /// <summary>Read when the harness starts: other work on the machine slows every figure.</summary>
    public static string LoadAtStart { get; } = LoadAverage();

    public static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    public static string Configuration()
    {
#if DEBUG
        return "Debug (figures are NOT representative: run bench/run, which builds Release)";
#else
        return "Release";
#endif
    }

    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    private static string Memory()
    {
        var total = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        return $"{total / 1024.0 / 1024.0 / 1024.0:F1} GiB";
    }

    private static string DotnetVersion()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("dotnet", "--version")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RepoPaths.Root,
            })!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
