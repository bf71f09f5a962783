using System.Globalization;

namespace Community.Bench.All;

/// <summary>
/// One line of the results table. <see cref="R"/> is product ÷ floor throughput (for a time, floor time ÷ product time);
/// p50/p99 in ms; <see cref="Met"/> null when the scenario has no target, or could not be measured.
/// </summary>
public sealed record ResultRow(string Scenario, string Product, string Floor, double? R, double? P50, double? P99, string Target, bool? Met, string Cpu, string Note = "")
{
    public static ResultRow NotMeasured(string scenario, string target, string why) => new(scenario, "—", "—", null, null, null, target, null, "", why);

    public string MetText => Met switch { true => "yes", false => "**no**", null => "—" };

    public static string Ms(double? ms) => ms is null || double.IsNaN(ms.Value) ? "—" : ms.Value < 10 ? ms.Value.ToString("F2", CultureInfo.InvariantCulture) : ms.Value.ToString("F0", CultureInfo.InvariantCulture);

    public static string Ratio(double? r) => r is null || double.IsNaN(r.Value) ? "—" : r.Value.ToString("F2", CultureInfo.InvariantCulture);

    public static string PerSecond(double value, string unit = "req/s") => $"{value.ToString("N0", CultureInfo.InvariantCulture)} {unit}";
}

/// <summary>Everything one run of <c>bench/run all</c> measured.</summary>
public sealed record BenchReport(IReadOnlyList<ResultRow> Rows, string Markdown, string? WrittenTo);
