using System.Globalization;
using System.Text;
using Community.Bench.Load;

namespace Community.Bench.All;

/// <summary>The results table as Markdown: what was run, on what, when, and how loaded the machine was.</summary>
internal static class Report
{
    public static string Write(RunContext context, DatasetFile dataset, CpuShare quiet, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        var all = context.All;
        md.AppendLine("# Benchmark results (issue 11)").AppendLine();
        var defaults = new AllOptions();
        var commandLine = (all.Smoke ? "bench/run all --smoke" : "bench/run all")
            + (all.Only is null ? "" : $" --only {string.Join(',', all.Only)}")
            + (all.Smoke ? "" : (context.Options.Questions == 100_000 ? "" : $" --questions {context.Options.Questions}")
            + (all.PhaseSeconds == defaults.PhaseSeconds ? "" : $" --seconds {all.PhaseSeconds}")
            + (all.Rounds == defaults.Rounds ? "" : $" --rounds {all.Rounds}")
            + (all.Workers == defaults.Workers ? "" : $" --workers {all.Workers}")
            + (all.WarmRequests == defaults.WarmRequests ? "" : $" --warm-requests {all.WarmRequests}")
            + (all.Writers == defaults.Writers ? "" : $" --writers {all.Writers}")
            + (all.WriteSeconds == defaults.WriteSeconds ? "" : $" --write-seconds {all.WriteSeconds}")
            + (all.PostRate is { } postRate ? $" --post-rate {postRate}" : "")
            + (all.Circuits == defaults.Circuits ? "" : $" --circuits {all.Circuits}")
            + (all.KnowledgeBaseThreads == defaults.KnowledgeBaseThreads ? "" : $" --kb-threads {all.KnowledgeBaseThreads}"));
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Command: `{commandLine}` — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {elapsed.TotalMinutes:F1} min.")).AppendLine();
        var overrides = Servers.ProductOverrides().ToList();
        if (overrides.Count > 0)
            md.AppendLine("Product run with: " + string.Join(", ", overrides.Select(o => $"`{o.Key}={o.Value}`")) + $" ({Servers.ProductOverridePrefix}… in the harness's environment).").AppendLine();
        md.AppendLine("| scenario | product | floor | R | p50 ms | p99 ms | target | met? | others' CPU | notes |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in context.Rows)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {row.Scenario} | {row.Product} | {row.Floor} | {ResultRow.Ratio(row.R)} | {ResultRow.Ms(row.P50)} | {ResultRow.Ms(row.P99)} | {row.Target} | {row.MetText} | {row.Cpu} | {row.Note} |");
        md.AppendLine();
        var busy = context.Rows.Any(r => r.Cpu.Contains("BUSY", StringComparison.Ordinal)) || quiet.Busy;
        var flag = busy
            ? $"**Flagged: other work shared the CPU (more than {CpuMonitor.BusyShare:P0}) during this run, so throughput and latency figures are pessimistic.**"
            : "No scenario was flagged busy.";
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"**Machine load:** others used {quiet} of the CPU just before the run; \"others' CPU\" is the worst share of all cores that processes other than the harness and its servers took during a scenario (from /proc/stat, steal included). {flag}")).AppendLine();
        md.AppendLine("**How:** R = product ÷ floor throughput (closed loop, " + $"{all.Workers} connections, {all.Rounds} interleaved rounds of {all.PhaseSeconds:F1} s, median; "
            + $"each side first serves {all.WarmRequests:N0} requests, at most {all.WarmSeconds:F0} s, as a running server is warm); "
            + $"for times (rebuild, Markdown) R = floor time ÷ product time. p50/p99 of pages: open loop (requests sent at fixed times, latency from the due time) at "
            + $"{all.OfferedShare:P0} of the product's measured throughput. The product is `Community.Web` built {Servers.Configuration}, run as its own process "
            + "with its production settings on the dataset (no demo seeding); the floor is `Community.Bench floor` (Kestrel, raw Microsoft.Data.Sqlite, HTML written "
            + "by hand). Writes run in the harness's process through the domain services the web host registers (`AddCommunityDomain`), with write rate limits raised. "
            + "Load generator, product and floor share the machine's cores.").AppendLine();
        md.AppendLine("## Machine and dataset").AppendLine();
        md.AppendLine("| | |").AppendLine("|---|---|");
        using (var connection = DatasetQueries.Open(context.Data.DatabasePath))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT sqlite_version();";
            foreach (var (what, value) in Machine.Describe((string)command.ExecuteScalar()!))
                md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {value} |");
        }
        var origin = dataset.BuildTime is { } built ? $"generated in {built.TotalSeconds:F0} s" : "reused";
        md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| dataset | `{Dataset.Relative(dataset.Path)}` ({DatasetFile(dataset.Path).Length / 1024.0 / 1024.0:N0} MiB, seed {context.Options.Seed}, {origin}) |"));
        md.AppendLine(CultureInfo.InvariantCulture, $"| contents | {context.Data.Summary} |");
        return md.ToString();
    }

    /// <summary>The dataset file itself, also when the path is a link to it (the helpers' worktrees share one dataset).</summary>
    private static FileInfo DatasetFile(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is null ? file : (FileInfo)(file.ResolveLinkTarget(returnFinalTarget: true) ?? file);
    }
}
