using System.Diagnostics;
using System.Globalization;
using System.Text;
using Community.Bench.Load;
using Microsoft.Data.Sqlite;

namespace Community.Bench.All;

/// <summary>
/// <c>bench/run all</c>: every scenario of issue 11 on one generated database, the product (Community.Web, a separate
/// process) against the floor (<see cref="Floor.FloorServer"/>, another process), and a results table.
/// </summary>
public static class AllBenchmark
{
    public static async Task<BenchReport> RunAsync(BenchOptions options, AllOptions all)
    {
        var clock = Stopwatch.StartNew();
        _ = Machine.LoadAtStart;
        var cpu = new CpuMonitor();
        var quiet = await WaitForQuietAsync(cpu, all);
        var dataset = await Dataset.EnsureAsync(options);
        var data = await BenchData.LoadAsync(dataset.Path, options.Seed);
        Console.WriteLine($"Dataset ready ({clock.Elapsed.TotalSeconds:F0} s): {data.Summary}");

        var rows = new List<ResultRow>();
        var context = new RunContext(options, all, cpu, data, rows);

        // 1. A product with EF Core's command log on: time to first response, idle memory, round trips. A run of its own,
        // so the log costs the measured product nothing; the smoke run, which measures nothing, reuses it.
        ServerProcess? probe = null;
        if (all.Runs("probe") || (all.Smoke && (all.Runs("pages") || all.Runs("writes"))))
        {
            probe = await Servers.StartProductAsync(context, logCommands: true);
            try
            {
                if (all.Runs("probe"))
                    await Probe.RunAsync(context, probe);
            }
            catch
            {
                await probe.DisposeAsync();
                throw;
            }
            if (!all.Smoke)
            {
                await probe.DisposeAsync();
                probe = null;
            }
        }

        // 2. Pages under load: the product and the floor side by side, interleaved.
        if (all.Runs("pages") || all.Runs("search") || all.Runs("writes"))
        {
            var staticDirectory = Path.Combine(RepoPaths.Results, "static");
            Directory.CreateDirectory(staticDirectory);
            await using var product = probe ?? await Servers.StartProductAsync(context, logCommands: false);
            probe = null;
            await using var floor = await Servers.StartFloorAsync(context, staticDirectory);
            if (all.Runs("pages"))
                await PageScenarios.RunAsync(context, product, floor, staticDirectory);
            else if (all.Runs("search"))
                await PageScenarios.SearchOnlyAsync(context, product, floor);
            // 3. Writes, in-process through the domain services, while the product serves readers.
            if (all.Runs("writes"))
                await WriteScenarios.RunAsync(context, product);
        }
        if (probe is not null)
            await probe.DisposeAsync();
        // 4. The knowledge-base feed, in-process: acceptances through the outbox to articles.
        if (all.Runs("kb"))
            await KnowledgeBaseFeedScenario.RunAsync(context);
        if (all.Runs("markdown"))
            await InProcessScenarios.RunAsync(context);
        // 5. Interactive circuits: a product of their own (its diagnostics endpoint on), real circuits from a protocol-level client.
        if (all.Runs("circuits"))
            await CircuitScenarios.RunAsync(context);

        var markdown = Report.Write(context, dataset, quiet, clock.Elapsed);
        string? written = null;
        if (options.Write)
        {
            // A partial run (--only) never replaces the full table.
            var only = all.Only is null ? "" : "only-" + string.Join('-', all.Only.Order()) + "-";
            written = all.ResultsFile ?? (all.Smoke ? Path.Combine(RepoPaths.Results, only + "smoke-RESULTS.md")
                : all.Only is not null ? Path.Combine(RepoPaths.Results, only + "RESULTS.md") : Path.Combine(RepoPaths.Root, "bench", "RESULTS.md"));
            Directory.CreateDirectory(Path.GetDirectoryName(written)!);
            await File.WriteAllTextAsync(written, markdown);
            Console.WriteLine($"Written to {Dataset.Relative(written)}");
        }
        Console.WriteLine(markdown);
        return new BenchReport(rows, markdown, written);
    }

    private static async Task<CpuShare> WaitForQuietAsync(CpuMonitor cpu, AllOptions all)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var share = await cpu.IdleShareAsync(TimeSpan.FromSeconds(all.Smoke ? 0.5 : 2));
            Console.WriteLine($"CPU used by others before the run: {share}");
            if (!share.Busy || all.RequireQuietSeconds <= 0)
                return share;
            if (waited.Elapsed.TotalSeconds > all.RequireQuietSeconds)
                throw new MachineBusyException($"Other processes used {share.Others * 100:F0}% of the CPU for {all.RequireQuietSeconds} s: "
                    + "figures would not mean much. Run again when the machine is quiet, or without --require-quiet to measure and flag.");
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
    }
}

public sealed class MachineBusyException(string message) : Exception(message);

/// <summary>What every scenario shares.</summary>
internal sealed record RunContext(BenchOptions Options, AllOptions All, CpuMonitor Cpu, BenchData Data, List<ResultRow> Rows)
{
    public TimeSpan Phase => TimeSpan.FromSeconds(All.PhaseSeconds);

    /// <summary>Runs <paramref name="work"/> and says how much of the CPU others took meanwhile.</summary>
    public async Task<(T Result, CpuShare Others)> WatchAsync<T>(Func<Task<T>> work)
    {
        var from = Cpu.Take();
        var result = await work();
        return (result, CpuMonitor.Between(from, Cpu.Take()));
    }

    public static CpuShare Worst(params CpuShare[] shares) => shares.Where(s => s.Others is not null).DefaultIfEmpty(shares[0]).MaxBy(s => s.Others);
}

/// <summary>Ids, paths and members the scenarios use, read from the dataset once.</summary>
internal sealed record BenchData(
    string DatabasePath,
    IReadOnlyList<(int Id, string Path)> HotQuestions,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> SearchQueries,
    IReadOnlyList<string> MemberEmails,
    IReadOnlyList<(int Id, string AuthorId)> OtherPosts,
    IReadOnlyList<int> OpenQuestions,
    IReadOnlyList<(string Id, int Reputation)> Voters,
    string Summary)
{
    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();

    public static async Task<BenchData> LoadAsync(string path, int seed)
    {
        await Task.Yield();
        using var connection = DatasetQueries.Open(path);
        var hot = new List<(int, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                SELECT Id, Title FROM Posts WHERE Kind = 'Question' AND AnswerCount = {DatasetGenerator.HotAnswers} AND DeletedAt IS NULL AND HiddenAt IS NULL
                AND ClosedAt IS NULL AND (SELECT count(*) FROM Posts a WHERE a.QuestionId = Posts.Id) = {DatasetGenerator.HotAnswers} ORDER BY Id LIMIT 1000;
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                hot.Add((reader.GetInt32(0), $"questions/{reader.GetInt32(0)}/{Community.Domain.Questions.Slug.From(reader.GetString(1))}"));
        }
        var rng = new Random(seed);
        Shuffle(rng, hot);

        var tagsByUse = Strings(connection, "SELECT t.Name FROM Tags t JOIN QuestionTags qt ON qt.TagsId = t.Id GROUP BY t.Id ORDER BY count(*) DESC");
        // The popular head and a sample of the long tail: "p99 for any tag".
        var tags = tagsByUse.Take(20).Concat(tagsByUse.Skip(20).OrderBy(_ => rng.Next()).Take(80)).ToList();
        Shuffle(rng, tags);

        var text = new MarkdownText(seed);
        var queries = Enumerable.Range(0, 500).Select(_ => string.Join(' ', Enumerable.Range(0, 1 + rng.Next(3)).Select(_ => text.Word(rng)))).ToList();

        var members = Strings(connection, "SELECT Email FROM AspNetUsers WHERE Email LIKE '%@bench.example' ORDER BY Reputation DESC LIMIT 64");

        var hotIds = hot.Select(h => h.Item1).ToHashSet();
        var posts = new List<(int, string)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT p.Id, p.AuthorId, coalesce(p.QuestionId, p.Id) FROM Posts p WHERE p.DeletedAt IS NULL AND p.HiddenAt IS NULL AND abs(random()) % 20 = 0 LIMIT 60000";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!hotIds.Contains(reader.GetInt32(2)))
                    posts.Add((reader.GetInt32(0), reader.GetString(1)));
            }
        }
        var open = new List<int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id FROM Posts WHERE Kind = 'Question' AND DeletedAt IS NULL AND HiddenAt IS NULL AND ClosedAt IS NULL AND abs(random()) % 10 = 0 LIMIT 20000";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (!hotIds.Contains(reader.GetInt32(0)))
                    open.Add(reader.GetInt32(0));
            }
        }
        var voters = new List<(string, int)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT Id, Reputation FROM AspNetUsers WHERE Reputation >= 125 ORDER BY Id LIMIT 5000";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                voters.Add((reader.GetString(0), reader.GetInt32(1)));
        }
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{connection.Scalar("SELECT count(*) FROM Posts WHERE Kind = 'Question'"):N0} questions, {connection.Scalar("SELECT count(*) FROM Posts"):N0} posts, "
            + $"{connection.Scalar("SELECT count(*) FROM AspNetUsers"):N0} users, {connection.Scalar("SELECT count(*) FROM Votes"):N0} votes, "
            + $"{connection.Scalar("SELECT count(*) FROM ReputationEntries"):N0} ledger rows, {connection.Scalar("SELECT count(*) FROM Comments"):N0} comments, "
            + $"{connection.Scalar("SELECT count(*) FROM Tags"):N0} tags, {connection.Scalar("SELECT count(*) FROM SearchDocuments"):N0} search documents; "
            + $"{hot.Count:N0} questions with {DatasetGenerator.HotAnswers} answers");
        return new BenchData(path, hot, tags, queries, members, posts, open, voters, summary);
    }

    private static List<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
            list.Add(reader.GetString(0));
        return list;
    }

    private static void Shuffle<T>(Random rng, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
