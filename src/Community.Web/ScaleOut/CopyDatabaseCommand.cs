using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.ScaleOut;

/// <summary>
/// <c>copy-database --from "Data Source=data/community.db" --to "Host=…;Database=community;Username=…"</c>: moves a
/// community from SQLite to PostgreSQL (docs/scale-out.md). Refuses a target that holds data; prints every table's
/// rows on both sides; exits 0 only when every count matches.
/// </summary>
public static class CopyDatabaseCommand
{
    public const string Name = "copy-database";

    private const string Usage = """
        Usage: copy-database --from <connection string> --to <connection string> [--from-provider Sqlite] [--to-provider Postgres]
          Copies every table of a stopped community into a new, empty database (migrated by this command), keeping every id.
          Example: dotnet run --project src/Community.Web -- copy-database --from "Data Source=data/community.db" --to "Host=127.0.0.1;Database=community;Username=community;Password=…"
        """;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (!TryParse(args[1..], out var options, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(Usage);
            return 2;
        }
        if (options.FromProvider == DatabaseProvider.Sqlite && !SqliteFileExists(options.From, out var path))
        {
            error.WriteLine($"There is no SQLite database at {path}: --from must name the community's existing file.");
            return 2;
        }

        var copy = new DatabaseCopy(Factory(options.FromProvider, options.From), Factory(options.ToProvider, options.To));
        IReadOnlyList<TableCount> counts;
        try
        {
            counts = await copy.CopyAsync(new CopiedTables(output), cancellationToken);
        }
        catch (TargetNotEmptyException refused)
        {
            error.WriteLine(refused.Message);
            return 2;
        }

        output.WriteLine();
        output.WriteLine($"{"table",-32} {"source",10} {"target",10}");
        foreach (var count in counts)
            output.WriteLine($"{count.Table,-32} {count.Source,10} {count.Target,10}{(count.Matches ? "" : "  MISMATCH")}");
        var mismatched = counts.Count(count => !count.Matches);
        output.WriteLine(mismatched == 0
            ? $"Copied {counts.Count} tables, {counts.Sum(count => count.Target)} rows; every count matches."
            : $"{mismatched} table(s) differ: do not switch to the copy.");
        return mismatched == 0 ? 0 : 1;
    }

    private sealed record CopyOptions(string From, string To, DatabaseProvider FromProvider, DatabaseProvider ToProvider);

    private static bool TryParse(string[] args, out CopyOptions options, out string problem)
    {
        options = null!;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                problem = $"Expected an option and its value at \"{args[i]}\".";
                return false;
            }
            values[args[i][2..]] = args[i + 1];
        }
        var unknown = values.Keys.Except(["from", "to", "from-provider", "to-provider"]).ToList();
        if (unknown.Count > 0)
        {
            problem = $"Unknown option --{unknown[0]}.";
            return false;
        }
        if (!values.TryGetValue("from", out var from) || !values.TryGetValue("to", out var to))
        {
            problem = "Both --from and --to are required.";
            return false;
        }
        if (!Enum.TryParse<DatabaseProvider>(values.GetValueOrDefault("from-provider", "Sqlite"), ignoreCase: true, out var fromProvider)
            || !Enum.TryParse<DatabaseProvider>(values.GetValueOrDefault("to-provider", "Postgres"), ignoreCase: true, out var toProvider))
        {
            problem = "A provider is Sqlite or Postgres.";
            return false;
        }
        options = new CopyOptions(from, to, fromProvider, toProvider);
        problem = "";
        return true;
    }

    /// <summary>SQLite would quietly create a missing file, and the copy would then be of an empty community.</summary>
    private static bool SqliteFileExists(string connectionString, out string path)
    {
        path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        path = Path.GetFullPath(path);
        return File.Exists(path);
    }

    private static IDbContextFactory<CommunityDbContext> Factory(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, provider, connectionString);
        return new StandaloneFactory(options.Options);
    }

    private sealed class StandaloneFactory(DbContextOptions<CommunityDbContext> options) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext() => new(options);
    }

    /// <summary>
    /// Progress written as it is reported, in order: <see cref="Progress{T}"/> would post each line to the thread pool,
    /// where lines raced each other (and the summary) into a writer that is not thread-safe.
    /// </summary>
    private sealed class CopiedTables(TextWriter output) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (output)
                output.WriteLine("  copied " + value);
        }
    }
}
