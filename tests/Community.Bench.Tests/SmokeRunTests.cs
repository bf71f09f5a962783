using System.Globalization;
using Community.Bench;
using Community.Bench.All;

namespace Community.Bench.Tests;

/// <summary>
/// <c>bench/run all --smoke</c> in-process: a 1,000-question dataset, the product and the floor started as processes,
/// a fraction of a second per phase. Asserts the table's shape and that each figure is a number, never a speed.
/// </summary>
public sealed class SmokeRunTests
{
    private static readonly string[] Scenarios =
    [
        "SQL round trips: anonymous question page",
        "SQL round trips: question list for a tag",
        "Footprint: first response after start",
        "Footprint: idle memory",
        "Anonymous question page, 30 answers (uncached)",
        "Question list for a tag",
        "Signed-in question page",
        "Search",
        "Anonymous question page from the output cache",
        "Footprint: memory under load",
        "Votes",
        "Posting answers",
        "Reputation rebuild",
        "Knowledge-base feed",
        "Markdown: render and sanitize a 2 KB post",
        "Markdown: ",
        "Interactive circuits: memory retained per idle",
        "Interactive circuits: 4 active",
    ];

    [Fact]
    public async Task SmokeRunReportsEveryScenarioWithNumbers()
    {
        var results = Path.Combine(Path.GetTempPath(), $"community-bench-smoke-{Guid.NewGuid():N}.md");
        try
        {
            var options = BenchOptions.Parse(["all", "--smoke", "--results", results]);

            var report = await AllBenchmark.RunAsync(options, options.All);

            foreach (var scenario in Scenarios)
                Assert.Contains(report.Rows, row => row.Scenario.StartsWith(scenario, StringComparison.Ordinal));
            foreach (var row in report.Rows.Where(r => r.Product != "—"))
                Assert.True(double.TryParse(row.Product.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var figure) && figure >= 0,
                    $"{row.Scenario}: '{row.Product}' is not a figure");
            foreach (var row in report.Rows.Where(r => r.R is not null))
                Assert.True(double.IsFinite(row.R!.Value) && row.R > 0, $"{row.Scenario}: R = {row.R}");
            Assert.All(report.Rows.Where(r => r.Scenario.StartsWith("Votes", StringComparison.Ordinal)), row => Assert.Contains("totals exact", row.Note));
            // Posting: throughput from the closed loop, p50/p99 from the open-loop phase at a fixed offered rate.
            var posting = Assert.Single(report.Rows, r => r.Scenario.StartsWith("Posting answers", StringComparison.Ordinal));
            Assert.Contains("answers/s offered", posting.Note);
            Assert.True(posting.P50 is > 0 && posting.P99 >= posting.P50, $"posting p50 {posting.P50}, p99 {posting.P99}");
            Assert.All(report.Rows.Where(r => r.Scenario.StartsWith("Knowledge-base feed", StringComparison.Ordinal)), row => Assert.Contains("exactly once", row.Note));
            // Real circuits were started and answered: a figure per circuit, and no event failed.
            Assert.All(report.Rows.Where(r => r.Scenario.StartsWith("Interactive circuits", StringComparison.Ordinal)), row =>
            {
                Assert.NotEqual("—", row.Product);
                Assert.DoesNotContain("FAILED", row.Note);
            });
            Assert.True(File.Exists(results));
            var table = await File.ReadAllTextAsync(results, TestContext.Current.CancellationToken);
            Assert.Contains("| scenario | product | floor | R | p50 ms | p99 ms | target | met? |", table);
            Assert.Contains("cores (Environment.ProcessorCount)", table);
        }
        finally
        {
            File.Delete(results);
        }
    }

    [Fact]
    public async Task OnlySearchRunsThatScenarioAlone()
    {
        var results = Path.Combine(Path.GetTempPath(), $"community-bench-search-{Guid.NewGuid():N}.md");
        try
        {
            var options = BenchOptions.Parse(["all", "--smoke", "--only", "search", "--results", results]);

            var report = await AllBenchmark.RunAsync(options, options.All);

            var row = Assert.Single(report.Rows, r => r.Product != "—");
            Assert.StartsWith("Search", row.Scenario, StringComparison.Ordinal);
            Assert.True(double.IsFinite(row.R!.Value) && row.R > 0, $"R = {row.R}");
            Assert.DoesNotContain(report.Rows, r => r.Scenario.StartsWith("Anonymous question page", StringComparison.Ordinal));
            Assert.Contains("| scenario | product | floor | R | p50 ms | p99 ms | target | met? |", await File.ReadAllTextAsync(results, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(results);
        }
    }
}
