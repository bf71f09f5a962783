using System.Diagnostics;
using System.Globalization;
using System.Text;
using Community.Domain.Questions;
using Microsoft.Data.Sqlite;

namespace Community.Bench;

/// <summary>
/// <c>bench/run lists</c>: QuestionQueries.ListAsync for each tab, without a tag and with a popular and a rare tag, on
/// the first page and deep in the list; QuestionQueries.ThreadAsync on long and typical threads; the plans of their SQL.
/// </summary>
public static class ListsBenchmark
{
    private const int PageSize = QuestionQueries.PageSize;

    private sealed record TagChoice(string Name, string Role, long Questions);

    private sealed class Case
    {
        public required string Query { get; init; }
        public QuestionTab? Tab { get; init; }
        public TagChoice? Tag { get; init; }
        public string? Cursor { get; init; }
        public int RowsBefore { get; init; }
        public long ListLength { get; init; }
        public int? ExpectedFirstId { get; init; }
        public int? ThreadId { get; init; }
        public required Func<QuestionQueries, Task<object>> Call { get; init; }
        public IReadOnlyList<CapturedCommand> Commands { get; set; } = [];
        public List<IReadOnlyList<PlanLine>> Plans { get; } = [];
        public List<StatementCounters> Counters { get; } = [];
        public string Check { get; set; } = "";
        public bool TimedOut { get; set; }
        public Timing? Timing { get; set; }

        public string Page => Cursor is null ? "1" : $"{RowsBefore / PageSize + 1:N0} (after {RowsBefore:N0})";
        public string TagText => Tag is null ? "—" : $"{Tag.Role} `{Tag.Name}` ({Tag.Questions:N0} q)";
        public IEnumerable<string> Flags => Plans.SelectMany(p => p).SelectMany(l => l.Flags).Distinct();
    }

    public static async Task RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        _ = Machine.LoadAtStart;
        var limit = TimeSpan.FromMilliseconds(options.LimitMs);
        var dataset = await Dataset.EnsureAsync(options);
        var path = dataset.Path;
        string? whatIf = null;
        if (options.SetupSql is { } setupSql)
        {
            path = Path.Combine(RepoPaths.Results, $"whatif-{Path.GetFileNameWithoutExtension(setupSql)}.db");
            Console.WriteLine($"What-if: copying the dataset to {Dataset.Relative(path)} and running {Dataset.Relative(setupSql)} on it");
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                File.Delete(file);
            File.Copy(dataset.Path, path);
            whatIf = await File.ReadAllTextAsync(setupSql);
            using var setup = DatasetQueries.Open(path);
            using var command = setup.CreateCommand();
            command.CommandText = whatIf;
            var clock = Stopwatch.StartNew();
            command.ExecuteNonQuery();
            Console.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F1} s");
        }

        using var sql = DatasetQueries.Open(path);
        var sqliteVersion = (string)new SqliteCommand("SELECT sqlite_version()", sql).ExecuteScalar()!;
        var summary = Summarize(sql);
        var tags = ChooseTags(sql);
        Console.WriteLine($"Dataset: {summary["questions"]:N0} questions, {summary["answers"]:N0} answers; "
            + $"popular tag `{tags[0].Name}` ({tags[0].Questions:N0}), rare tag `{tags[1].Name}` ({tags[1].Questions:N0})");

        var cases = new List<Case>();
        foreach (var tab in new[] { QuestionTab.Active, QuestionTab.Newest, QuestionTab.Unanswered, QuestionTab.Top })
        {
            foreach (var tag in new TagChoice?[] { null, tags[0], tags[1] })
            {
                var length = sql.Scalar(ListSql(tab, tag is not null, "count(*)", ""), ("$tag", tag?.Name));
                cases.Add(ListCase(tab, tag, null, 0, length, null));
                var depth = (int)Math.Min(options.Depth, length * 9 / 10) / PageSize * PageSize;
                if (depth < PageSize)
                    continue;
                var (cursor, expected) = DeepCursor(sql, tab, tag, depth);
                cases.Add(ListCase(tab, tag, cursor, depth, length, expected));
            }
        }
        var longest = sql.Scalar("SELECT \"Id\" FROM \"Posts\" WHERE \"Kind\" = 'Question' AND \"DeletedAt\" IS NULL ORDER BY \"AnswerCount\" DESC, \"Id\" LIMIT 1");
        const string threeAnswers = "FROM \"Posts\" WHERE \"Kind\" = 'Question' AND \"DeletedAt\" IS NULL AND \"AnswerCount\" = 3";
        var typical = sql.Scalar($"SELECT \"Id\" {threeAnswers} ORDER BY \"Id\" LIMIT 1 OFFSET (SELECT count(*) / 2 {threeAnswers})");
        cases.Add(ThreadCase(sql, (int)longest, "most answers"));
        cases.Add(ThreadCase(sql, (int)typical, "typical"));

        // 1. Capture each case's SQL once (through an interceptor the timed factory does not have), check it, explain it.
        Console.WriteLine($"Capturing SQL and query plans of {cases.Count} cases");
        var capture = new SqlCapture();
        var captureQueries = new QuestionQueries(new BenchDatabase(path, capture, new CallLimitInterceptor()));
        var tableRows = new Dictionary<string, long>();
        long TableRows(string table) =>
            tableRows.TryGetValue(table, out var rows) ? rows : tableRows[table] = sql.Scalar($"SELECT count(*) FROM \"{table}\"");
        foreach (var item in cases)
        {
            object? result = null;
            capture.Recording = true;
            var clock = Stopwatch.StartNew();
            item.TimedOut = !await CallLimit.RunAsync(async () => result = await item.Call(captureQueries), limit);
            capture.Recording = false;
            item.Commands = capture.Take();
            item.Check = item.TimedOut ? $"interrupted at {limit.TotalSeconds:F0} s" : CheckResult(item, result!);
            Console.WriteLine($"  {Label(item),-62} {(item.TimedOut ? "INTERRUPTED at " : "")}{clock.Elapsed.TotalMilliseconds,8:F1} ms, {item.Commands.Count} statement(s)");
            foreach (var command in item.Commands)
            {
                item.Plans.Add(QueryPlans.Explain(sql, command, item.Cursor is not null, TableRows));
                // The statement again through the C API for SQLite's counters; not worth repeating a call that hit the limit.
                if (!item.TimedOut)
                    item.Counters.Add(QueryPlans.Profile(sql, command, limit));
            }
        }

        // 2. Time them: warm-up, then up to --iterations calls or --budget-ms.
        Console.WriteLine($"Timing ({options.Warmup} warm-up calls, then up to {options.Iterations} calls or {options.BudgetMs} ms per case, at least {options.MinIterations})");
        var queries = new QuestionQueries(new BenchDatabase(path, new CallLimitInterceptor()));
        foreach (var item in cases)
        {
            if (item.TimedOut)
            {
                item.Timing = new Timing([], limit);
                Console.WriteLine($"  {Label(item),-62} skipped: its first call was interrupted at {limit.TotalSeconds:F0} s");
                continue;
            }
            item.Timing = await Timing.MeasureAsync(() => item.Call(queries), options);
            Console.WriteLine(item.Timing.Count == 0
                ? $"  {Label(item),-62} interrupted at {limit.TotalSeconds:F0} s"
                : $"  {Label(item),-62} median {item.Timing.Median,8:F2} ms  p95 {item.Timing.P95,8:F2}  n={item.Timing.Count}"
                    + (item.Timing.TimedOut ? $"  (then a call was interrupted at {limit.TotalSeconds:F0} s)" : ""));
        }
        SqliteConnection.ClearAllPools();

        var report = Report(options, dataset, path, whatIf, sqliteVersion, summary, cases, total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.Write)
        {
            var file = Path.Combine(RepoPaths.Results,
                $"lists-{DateTime.Now:yyyy-MM-dd}{(options.SetupSql is null ? "" : "-whatif-" + Path.GetFileNameWithoutExtension(options.SetupSql))}.md");
            await File.WriteAllTextAsync(file, report);
            Console.WriteLine($"Written to {Dataset.Relative(file)}");
        }
    }

    private static Case ListCase(QuestionTab tab, TagChoice? tag, string? cursor, int rowsBefore, long length, int? expected) => new()
    {
        Query = $"ListAsync {tab}",
        Tab = tab,
        Tag = tag,
        Cursor = cursor,
        RowsBefore = rowsBefore,
        ListLength = length,
        ExpectedFirstId = expected,
        Call = async queries => await queries.ListAsync(tab, tag?.Name, cursor, PageSize),
    };

    private static Case ThreadCase(SqliteConnection sql, int id, string kind)
    {
        var answers = sql.Scalar("SELECT count(*) FROM \"Posts\" WHERE \"Kind\" = 'Answer' AND \"QuestionId\" = $id", ("$id", id));
        var comments = sql.Scalar("SELECT count(*) FROM \"Comments\" WHERE \"PostId\" = $id OR \"PostId\" IN (SELECT \"Id\" FROM \"Posts\" WHERE \"QuestionId\" = $id)", ("$id", id));
        return new Case
        {
            Query = $"ThreadAsync #{id} ({kind}: {answers} answers, {comments} comments)",
            ThreadId = id,
            Call = async queries => (object?)await queries.ThreadAsync(id, null) ?? "null",
        };
    }

    private static string Label(Case item) => item.Tab is null ? item.Query : $"{item.Query} {item.Tag?.Name ?? "(all)"} p.{item.Page}";

    /// <summary>A full page; on a deep page, the row the harness's own SQL says follows the cursor.</summary>
    private static string CheckResult(Case item, object result)
    {
        if (result is QuestionThread thread)
            return thread.Id == item.ThreadId ? "ok" : "WRONG THREAD";
        if (result is not QuestionListPage page)
            return "NO RESULT";
        var expectedCount = (int)Math.Min(PageSize, item.ListLength - item.RowsBefore);
        if (page.Items.Count != expectedCount)
            return $"MISMATCH: {page.Items.Count} rows, expected {expectedCount}";
        if (item.ExpectedFirstId is { } expected && page.Items[0].Id != expected)
            return $"MISMATCH: first id {page.Items[0].Id}, expected {expected}";
        return "ok";
    }

    /// <summary>
    /// The cursor of the page after <paramref name="rowsBefore"/> rows, from the data (following it page by page would
    /// cost the sum of every page before), in the format ListAsync gives ("{key}_{id}"), and the id that must come next.
    /// </summary>
    private static (string Cursor, int Expected) DeepCursor(SqliteConnection sql, QuestionTab tab, TagChoice? tag, int rowsBefore)
    {
        var key = KeyColumn(tab);
        using var command = sql.CreateCommand();
        command.CommandText = ListSql(tab, tag is not null, $"p.\"{key}\", p.\"Id\"", $"ORDER BY p.\"{key}\" DESC, p.\"Id\" DESC LIMIT 2 OFFSET $offset");
        command.Parameters.AddWithValue("$tag", (object?)tag?.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$offset", rowsBefore - 1);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            throw new InvalidOperationException($"No row {rowsBefore} in {tab} {tag?.Name}.");
        var cursorKey = tab == QuestionTab.Top ? reader.GetInt64(0) : reader.GetDateTime(0).Ticks;
        var cursor = $"{cursorKey}_{reader.GetInt32(1)}";
        return (cursor, reader.Read() ? reader.GetInt32(1) : -1);
    }

    private static string KeyColumn(QuestionTab tab) => tab switch
    {
        QuestionTab.Top => "Score",
        QuestionTab.Active => "LastActivityAt",
        _ => "CreatedAt",
    };

    /// <summary>
    /// The rows of a list, as QuestionQueries.ListAsync defines them, for counting and for deep cursors. The unary plus
    /// keeps SQLite from probing answers through IX_Posts_Kind_Score (what the app's SQL does; see the report), so the
    /// harness's own queries take seconds, not hours.
    /// </summary>
    private static string ListSql(QuestionTab tab, bool withTag, string select, string tail) => $"""
        SELECT {select} FROM "Posts" AS p
        WHERE p."Kind" = 'Question' AND p."DeletedAt" IS NULL
        {(withTag ? "AND EXISTS (SELECT 1 FROM \"QuestionTags\" AS qt JOIN \"Tags\" AS t ON t.\"Id\" = qt.\"TagsId\" WHERE qt.\"QuestionsId\" = p.\"Id\" AND t.\"Name\" = $tag)" : "")}
        {(tab == QuestionTab.Unanswered ? "AND p.\"AcceptedAnswerId\" IS NULL AND NOT EXISTS (SELECT 1 FROM \"Posts\" AS a WHERE +a.\"Kind\" = 'Answer' AND a.\"QuestionId\" = p.\"Id\" AND a.\"DeletedAt\" IS NULL AND +a.\"Score\" > 0)" : "")}
        {tail}
        """;

    private static TagChoice[] ChooseTags(SqliteConnection sql)
    {
        using var command = sql.CreateCommand();
        command.CommandText = """
            SELECT t."Name", count(*) AS n FROM "Tags" AS t
            JOIN "QuestionTags" AS qt ON qt."TagsId" = t."Id"
            JOIN "Posts" AS p ON p."Id" = qt."QuestionsId" AND p."DeletedAt" IS NULL
            GROUP BY t."Id" ORDER BY n DESC, t."Name"
            """;
        using var reader = command.ExecuteReader();
        var all = new List<(string Name, long Count)>();
        while (reader.Read())
            all.Add((reader.GetString(0), reader.GetInt64(1)));
        return [new TagChoice(all[0].Name, "popular", all[0].Count), new TagChoice(all[^1].Name, "rare", all[^1].Count)];
    }

    private static Dictionary<string, long> Summarize(SqliteConnection sql) => new()
    {
        ["users"] = sql.Scalar("SELECT count(*) FROM \"AspNetUsers\""),
        ["tags"] = sql.Scalar("SELECT count(*) FROM \"Tags\""),
        ["questions"] = sql.Scalar("SELECT count(*) FROM \"Posts\" WHERE \"Kind\" = 'Question'"),
        ["deleted questions"] = sql.Scalar("SELECT count(*) FROM \"Posts\" WHERE \"Kind\" = 'Question' AND \"DeletedAt\" IS NOT NULL"),
        ["answers"] = sql.Scalar("SELECT count(*) FROM \"Posts\" WHERE \"Kind\" = 'Answer'"),
        ["question tags"] = sql.Scalar("SELECT count(*) FROM \"QuestionTags\""),
        ["comments"] = sql.Scalar("SELECT count(*) FROM \"Comments\""),
        ["accepted"] = sql.Scalar("SELECT count(*) FROM \"Posts\" WHERE \"Kind\" = 'Question' AND \"AcceptedAnswerId\" IS NOT NULL"),
        ["unanswered"] = sql.Scalar(ListSql(QuestionTab.Unanswered, false, "count(*)", "")),
        ["max answers"] = sql.Scalar("SELECT max(\"AnswerCount\") FROM \"Posts\" WHERE \"Kind\" = 'Question'"),
        ["statistics"] = sql.Scalar("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'"),
    };

    private static string Report(BenchOptions options, DatasetFile dataset, string path, string? whatIf, string sqliteVersion,
        Dictionary<string, long> summary, List<Case> cases, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Question lists benchmark — {DateTime.Now:yyyy-MM-dd HH:mm}");
        md.AppendLine();
        md.AppendLine("`bench/run lists`" + (options.SetupSql is null ? "" : $" `--setup-sql {Dataset.Relative(options.SetupSql)}`")
            + ": `QuestionQueries.ListAsync(tab, tag, cursor, 30)` and `ThreadAsync(id, null)` on a SQLite file brought up by the real migrations.");
        md.AppendLine("Times are wall-clock per call on one connection (sequential): context creation, SQL, materialization. "
            + "q/s = 1000 / mean. p99 needs 100+ calls: below that it is the maximum.");
        md.AppendLine();
        md.AppendLine("| | query | tag | page (rows before) | median ms | p95 ms | p99 ms | max ms | q/s | n | VM steps | plan flags | check |");
        md.AppendLine("|--:|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|---|");
        var number = 0;
        foreach (var item in cases)
        {
            var t = item.Timing!;
            var steps = item.Counters.Count == 0 ? "—" : item.Counters.Sum(c => c.VmSteps).ToString("N0", CultureInfo.InvariantCulture);
            var flags = item.Flags.Select(Short).Where(f => f != "temp b-tree outer").Distinct().ToList();
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {++number} | {(item.Tab is null ? item.Query : $"List **{item.Tab}**")} | {item.TagText} | {item.Page} | {Figures(t, options)} | {steps} | {(flags.Count == 0 ? "—" : string.Join(", ", flags))} | {item.Check} |");
        }
        md.AppendLine();
        md.AppendLine("VM steps: SQLite's own count of virtual-machine instructions to run the captured SQL once (`sqlite3_stmt_status`), "
            + "all statements of the call added up: a measure of work that does not depend on the machine. "
            + "Flags (from EXPLAIN QUERY PLAN, below): **FULL SCAN of T** = a table scan with no index on a table of 1,000 rows or more; "
            + "**MATERIALIZED** = a subquery computed whole on every run (here: every question's tags, for the page's 30 questions); **TEMP B-TREE inner** = every matching row is "
            + "sorted before LIMIT (outer temp B-trees that sort only the page's ~30 rows are listed in the plans, not here); "
            + "**NO SEEK** = a page after the first walks its list index with no range on the sort column, so it reads every row before the cursor; "
            + "**SUBQUERY NOT BY KEY** = a correlated subquery searches Posts by something other than a key (e.g. all answers with Score > 0) for every candidate row; "
            + "AUTO INDEX = SQLite builds a temporary index on every run. "
            + $"A call still running at --limit-ms ({options.LimitMs:N0} ms) is interrupted (SQLite progress handler) and shown as \"> limit\".");
        md.AppendLine();

        md.AppendLine("## Machine and dataset");
        md.AppendLine();
        md.AppendLine("| | |");
        md.AppendLine("|---|---|");
        foreach (var (what, value) in Machine.Describe(sqliteVersion))
            md.AppendLine(CultureInfo.InvariantCulture, $"| {what} | {value} |");
        var size = new FileInfo(path).Length / 1024.0 / 1024.0;
        var origin = dataset.Reused ? "reused" : string.Create(CultureInfo.InvariantCulture, $"built in {dataset.BuildTime!.Value.TotalSeconds:F1} s");
        md.AppendLine(CultureInfo.InvariantCulture, $"| dataset | `{Dataset.Relative(path)}`, {size:F0} MiB, seed {options.Seed}, {origin} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| rows | {summary["users"]:N0} users, {summary["tags"]:N0} tags, {summary["questions"]:N0} questions "
            + $"({summary["deleted questions"]:N0} deleted), {summary["answers"]:N0} answers, {summary["question tags"]:N0} question tags, {summary["comments"]:N0} comments |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| shape | accepted answer on {100.0 * summary["accepted"] / summary["questions"]:F1}% of questions; "
            + $"{summary["unanswered"]:N0} in the Unanswered tab; longest thread {summary["max answers"]} answers; times over 3 years to {DatasetGenerator.End:yyyy-MM-dd} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| planner statistics | {(summary["statistics"] > 0 ? "sqlite_stat1 present (ANALYZE was run)" : "none (no ANALYZE, as in the app)")} |");
        if (dataset.PendingModelChanges)
            md.AppendLine("| **warning** | the model had changes with no migration yet when this ran (src/ mid-change); measured on the migrations' schema |");
        if (whatIf is not null)
        {
            var statements = whatIf.ReplaceLineEndings("\n").Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal) && l.Trim().Length > 0);
            md.AppendLine(CultureInfo.InvariantCulture, $"| what-if SQL (`{Dataset.Relative(options.SetupSql!)}`, comments left out) | `{string.Join(" ", statements.Select(l => l.Trim()))}` |");
        }
        md.AppendLine(CultureInfo.InvariantCulture, $"| run | warm-up {options.Warmup}, up to {options.Iterations} calls or {options.BudgetMs} ms per case (at least {options.MinIterations}); whole run {elapsed.TotalSeconds:F0} s |");
        md.AppendLine();

        md.AppendLine("## Query plans");
        md.AppendLine();
        md.AppendLine("EXPLAIN QUERY PLAN of the SQL EF Core executed (captured with a `DbCommandInterceptor`), with the same parameters. "
            + "Cases whose SQL and plan are the same share one entry.");
        md.AppendLine();
        var groups = new List<(string Sql, string Plan, CapturedCommand Command, List<string> Users)>();
        number = 0;
        foreach (var item in cases)
        {
            number++;
            for (var i = 0; i < item.Commands.Count; i++)
            {
                var plan = string.Join("\n", item.Plans[i].Select(l => new string(' ', 2 * l.Depth) + l.Detail
                    + (l.Flags.Count == 0 ? "" : "   <-- " + string.Join("; ", l.Flags))));
                var label = item.Commands.Count == 1 ? $"{number}" : $"{number}.{i + 1}";
                var group = groups.FindIndex(g => g.Sql == item.Commands[i].Sql && g.Plan == plan);
                if (group < 0)
                    groups.Add((item.Commands[i].Sql, plan, item.Commands[i], [label]));
                else
                    groups[group].Users.Add(label);
            }
        }
        var letter = 0;
        foreach (var (sqlText, plan, command, users) in groups)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"### Plan {PlanName(letter++)} — cases {string.Join(", ", users)}");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(plan);
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine("<details><summary>SQL</summary>");
            md.AppendLine();
            md.AppendLine("```sql");
            md.AppendLine(sqlText);
            md.AppendLine("```");
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"Parameters (of case {users[0]}): {command.ParametersText}");
            md.AppendLine();
            md.AppendLine("</details>");
            md.AppendLine();
        }
        return md.ToString();
    }

    private static string Figures(Timing t, BenchOptions options)
    {
        if (t.Count == 0)
            return string.Create(CultureInfo.InvariantCulture, $"**> {options.LimitMs:N0}** | > {options.LimitMs:N0} | > {options.LimitMs:N0} | > {options.LimitMs:N0} | < {1000.0 / options.LimitMs:F1} | 0");
        var max = t.TimedOut ? string.Create(CultureInfo.InvariantCulture, $"> {options.LimitMs:N0}") : string.Create(CultureInfo.InvariantCulture, $"{t.Max:F2}");
        return string.Create(CultureInfo.InvariantCulture, $"**{t.Median:F2}** | {t.P95:F2} | {t.P99:F2} | {max} | {t.PerSecond:F0} | {t.Count}");
    }

    private static string PlanName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"A{index - 25}";

    private static string Short(string flag) => flag switch
    {
        _ when flag.StartsWith(QueryPlans.FullScan, StringComparison.Ordinal) => "**" + flag[..flag.IndexOf(" (", StringComparison.Ordinal)] + "**",
        _ when flag.StartsWith(QueryPlans.TempBTree, StringComparison.Ordinal) && flag.Contains("inner", StringComparison.Ordinal) => "**TEMP B-TREE inner**",
        _ when flag.StartsWith(QueryPlans.TempBTree, StringComparison.Ordinal) => "temp b-tree outer",
        _ when flag.StartsWith(QueryPlans.AutomaticIndex, StringComparison.Ordinal) => "AUTO INDEX",
        _ when flag.StartsWith(QueryPlans.Materialized, StringComparison.Ordinal) => "**MATERIALIZED**",
        _ when flag.StartsWith(QueryPlans.UncorrelatedProbe, StringComparison.Ordinal) => "**SUBQUERY NOT BY KEY**",
        QueryPlans.NoSeek => "**NO SEEK**",
        _ => flag,
    };
}
