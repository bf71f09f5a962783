using System.Globalization;

namespace Community.Bench;

/// <summary>The command line: <c>bench/run lists [options]</c>.</summary>
public sealed record BenchOptions
{
    public const string Usage = """
        Usage: bench/run <command> [options]

        Commands:
          all      Every scenario of issue 11: the product (Community.Web, built Release, its own process) against the
                   floor (Kestrel + raw SQLite), interleaved, open-loop latency, writes, Markdown, footprint, SQL round
                   trips. Writes bench/RESULTS.md (with --smoke: bench/results/smoke-RESULTS.md).
          generate Make the dataset only (bench/results/dataset-v2-seed<seed>-q<questions>.db).
          lists    Question list (QuestionQueries.ListAsync) for every tab, without a tag and with a popular
                   and a rare tag, on the first page and deep in the list; the question page (ThreadAsync);
                   EXPLAIN QUERY PLAN of the SQL EF Core runs. Writes bench/results/lists-<date>.md.

        Options:
          --fresh              Rebuild the dataset even if bench/results holds one for this seed and size.
          --seed N             Random seed of the dataset (default 42).
          --questions N        Questions in the dataset (default 100000, the issue's scale: 1M posts, 50k users, 1M votes,
                               200k comments, 5,000 tags); everything else scales with it.
          --scale F            The same as a fraction: --scale 0.01 is --questions 1000 (the smoke size).
          --depth N            Rows before the deep page (default 30000, i.e. page 1,001 of 30; capped at 90% of a list).
          --iterations N       Timed calls per case after the warm-up (default 200).
          --budget-ms N        Stop timing a case after this many ms, once it has --min-iterations (default 2500).
          --min-iterations N   Timed calls per case (default 10; 3 when a call takes more than budget/min-iterations).
          --warmup N           Untimed calls per case first (default 3; fewer when a call is slow).
          --limit-ms N         Interrupt a call after this many ms and report "> N" (default 5000).
          --setup-sql FILE     What-if: copy the dataset, run FILE's SQL on the copy (e.g. CREATE INDEX ...), measure the copy.
          --smoke              all: 1,000 questions and a fraction of a second per phase (what the test runs).
          --seconds N          all: seconds of each closed-loop phase (default 5; open loop runs twice as long).
          --rounds N           all: interleaved floor/product rounds (default 3).
          --warm-requests N    all: requests each side of a page scenario serves before its rounds (default 10000, at
                               most 30 s): the product's code is recompiled in tiers over its first thousands.
          --workers N          all: closed-loop connections (default 16).
          --writers N          all: concurrent answer writers (default 64).
          --write-seconds N    all: seconds of the posting run (default 15; the issue's sustained run is 600).
          --post-rate N        all: answers/s offered in the posting's open loop (default: 300 when the closed loop reached it, else half).
          --only G1,G2         all: only these scenario groups: probe, pages, search, writes, kb, markdown, circuits
                               (e.g. --only circuits,kb; search is part of pages, alone for tuning it); the report says which ran.
          --circuits N         all: active circuits in the interactive-circuit scenario (default 1,000).
          --kb-threads N       all: threads resolved in the knowledge-base feed scenario (default 1,000).
          --require-quiet N    all: wait up to N s for other processes to leave the CPU, else refuse (exit 3).
          --results FILE       all: where to write the table (default bench/RESULTS.md).
          --no-write           Print the report only; do not write bench/results/lists-<date>.md.
        """;

    public required string Command { get; init; }
    public bool Fresh { get; init; }
    public int Seed { get; init; } = 42;
    public int Questions { get; init; } = 100_000;
    public int Depth { get; init; } = 30_000;
    public int Iterations { get; init; } = 200;
    public int BudgetMs { get; init; } = 2_500;
    public int MinIterations { get; init; } = 10;
    public int Warmup { get; init; } = 3;
    public int LimitMs { get; init; } = 5_000;
    public string? SetupSql { get; init; }
    public bool Write { get; init; } = true;
    public Community.Bench.All.AllOptions All { get; init; } = new();

    private static readonly string[] Groups = ["probe", "pages", "search", "writes", "kb", "markdown", "circuits"];

    private static string Group(string name) => Groups.Contains(name)
        ? name
        : throw new ArgumentException($"--only: no scenario group '{name}' (there are {string.Join(", ", Groups)}).");

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions { Command = args[0] };
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            int Number(int min)
            {
                var text = Value().Replace("_", "").Replace(",", "");
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
                    ? n
                    : throw new ArgumentException($"{arg} needs a whole number of at least {min}, not '{text}'.");
            }
            int Scale()
            {
                var text = Value();
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 10
                    ? Math.Max(100, (int)Math.Round(100_000 * f))
                    : throw new ArgumentException($"{arg} needs a fraction of the issue's size, e.g. 0.01 (1,000 questions), not '{text}'.");
            }
            options = arg switch
            {
                "--fresh" => options with { Fresh = true },
                "--seed" => options with { Seed = Number(0) },
                "--questions" => options with { Questions = Number(100) },
                "--scale" => options with { Questions = Scale() },
                "--depth" => options with { Depth = Number(30) },
                "--iterations" => options with { Iterations = Number(1) },
                "--budget-ms" => options with { BudgetMs = Number(0) },
                "--min-iterations" => options with { MinIterations = Number(1) },
                "--warmup" => options with { Warmup = Number(0) },
                "--limit-ms" => options with { LimitMs = Number(100) },
                "--setup-sql" => options with { SetupSql = Path.GetFullPath(Value()) },
                "--no-write" => options with { Write = false },
                "--smoke" => options with { Questions = 1_000, All = Community.Bench.All.AllOptions.SmokeDefaults with { ResultsFile = options.All.ResultsFile, Only = options.All.Only } },
                "--seconds" => options with { All = options.All with { PhaseSeconds = Number(1) } },
                "--rounds" => options with { All = options.All with { Rounds = Number(1) } },
                "--warm-requests" => options with { All = options.All with { WarmRequests = Number(0) } },
                "--workers" => options with { All = options.All with { Workers = Number(1) } },
                "--writers" => options with { All = options.All with { Writers = Number(1) } },
                "--write-seconds" => options with { All = options.All with { WriteSeconds = Number(1) } },
                "--post-rate" => options with { All = options.All with { PostRate = Number(1) } },
                "--require-quiet" => options with { All = options.All with { RequireQuietSeconds = Number(0) } },
                "--only" => options with { All = options.All with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Group).ToHashSet() } },
                "--circuits" => options with { All = options.All with { Circuits = Number(1) } },
                "--kb-threads" => options with { All = options.All with { KnowledgeBaseThreads = Number(1) } },
                "--results" => options with { All = options.All with { ResultsFile = Path.GetFullPath(Value()) } },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }
        if (options.SetupSql is { } file && !File.Exists(file))
            throw new ArgumentException($"--setup-sql: no file {file}.");
        return options;
    }
}
