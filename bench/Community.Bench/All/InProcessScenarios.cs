using System.Diagnostics;
using Community.Domain.Markdown;
using Markdig;

namespace Community.Bench.All;

/// <summary>Markdown: the real renderer (Markdig, then HtmlSanitizer) against Markdig alone, and hostile inputs.</summary>
internal static class InProcessScenarios
{
    public static Task RunAsync(RunContext context)
    {
        Console.WriteLine("Markdown:");
        var renderer = new MarkdownRenderer();
        var raw = new Markdig.MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
        var text = new MarkdownText(context.Options.Seed);
        var bodies = Enumerable.Range(0, 50).Select(i => text.Body(1_000 + i, 1_950)).Select(b => b.Length > 2_048 ? b[..2_048] : b).ToList();
        var iterations = context.All.Smoke ? 200 : 5_000;
        foreach (var body in bodies)
        {
            renderer.Render(body);
            Markdig.Markdown.ToHtml(body, raw);
        }

        var from = context.Cpu.Take();
        var product = Time(iterations, i => renderer.Render(bodies[i % bodies.Count]));
        var floor = Time(iterations, i => Markdig.Markdown.ToHtml(bodies[i % bodies.Count], raw));
        var others = Load.CpuMonitor.Between(from, context.Cpu.Take());
        var averageLength = bodies.Average(b => b.Length);
        Console.WriteLine($"  2 KB post: product median {product.Median * 1000:F0} µs, floor {floor.Median * 1000:F0} µs");
        context.Rows.Add(new ResultRow($"Markdown: render and sanitize a 2 KB post ({averageLength:F0} chars, code, links, lists)",
            $"{product.Median * 1000:F0} µs", $"{floor.Median * 1000:F0} µs", floor.Median / product.Median, product.Median, product.P99,
            "≤ 200 µs", product.Median <= 0.2, others.ToString(),
            "MarkdownRenderer.Render (median, one thread); floor: Markdig alone, no sanitizer"));

        var hostile = Hostile().ToList();
        var worst = (Name: "", Ms: 0.0, Refused: false);
        foreach (var (name, input) in hostile)
        {
            var clock = Stopwatch.StartNew();
            var result = renderer.Render(input);
            var ms = clock.Elapsed.TotalMilliseconds;
            var markdig = Stopwatch.StartNew();
            if (Environment.GetEnvironmentVariable("BENCH_MARKDOWN_MARKDIG") == "1")
                try { Markdig.Markdown.ToHtml(input, raw); } catch (ArgumentException) { /* Markdig's depth limit */ }
            Console.WriteLine($"    {name}: {ms:F1} ms, {(result.Succeeded ? "rendered" : "refused")} (Markdig alone: {markdig.Elapsed.TotalMilliseconds:F1} ms)");
            if (ms > worst.Ms)
                worst = (name, ms, !result.Succeeded);
        }
        Console.WriteLine($"  hostile inputs: slowest {worst.Name} {worst.Ms:F1} ms");
        context.Rows.Add(new ResultRow($"Markdown: {hostile.Count} hostile inputs of up to 30,000 chars", $"{worst.Ms:F1} ms", "—", null, null, worst.Ms,
            "each finishes or is refused ≤ 50 ms", worst.Ms <= 50, "", $"slowest: {worst.Name} ({(worst.Refused ? "refused" : "rendered")}); p99 column = slowest"));
        return Task.CompletedTask;
    }

    private static Timing Time(int iterations, Action<int> call)
    {
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            call(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Timing(samples);
    }

    /// <summary>Inputs known to make Markdown parsers or sanitizers slow: unclosed brackets, delimiter runs, deep nesting.</summary>
    private static IEnumerable<(string Name, string Input)> Hostile()
    {
        const int size = 30_000;
        string Repeat(string unit) => string.Concat(Enumerable.Repeat(unit, size / unit.Length));
        yield return ("'[' x 30,000", Repeat("["));
        yield return ("'![' repeated", Repeat("!["));
        yield return ("'[a](' repeated", Repeat("[a]("));
        yield return ("'*_' delimiter runs", Repeat("*_"));
        yield return ("'**a' repeated", Repeat("**a"));
        yield return ("backtick runs", Repeat("`a``"));
        yield return ("'<' x 30,000", Repeat("<"));
        yield return ("'<a ' unclosed tags", Repeat("<a "));
        yield return ("'&#' entities", Repeat("&#"));
        yield return ("blockquote nesting 32", string.Concat(Enumerable.Repeat("> ", 32)) + "deep");
        yield return ("blockquote nesting 1,000", string.Concat(Enumerable.Repeat("> ", 1_000)) + "deep");
        yield return ("list nesting", string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', i * 2) + "- item\n")));
        yield return ("15,000 lines", Repeat("a\n"));
        yield return ("wide table", "|" + string.Concat(Enumerable.Repeat(" a |", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat("---|", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat(" b |", 2_000)));
        yield return ("long table", "| a | b |\n|---|---|\n" + Repeat("| x | y |\n"));
        yield return ("autolinks", Repeat("www.a.com "));
        yield return ("link reference definitions", string.Concat(Enumerable.Range(0, 1_000).Select(i => $"[l{i}]: http://e.com/{i}\n")) + Repeat("[l1] "));
        yield return ("emphasis in links", Repeat("[*a](b*)"));
        yield return ("fenced code opened, never closed", "```\n" + Repeat("code\n"));
    }
}
