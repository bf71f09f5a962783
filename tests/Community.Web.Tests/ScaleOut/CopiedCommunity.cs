using System.Text.RegularExpressions;
using Community.Web.ScaleOut;
using Community.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.ScaleOut;

/// <summary>
/// The demo community, seeded once and frozen into a SQLite file (as an operator's stopped or backed-up forum is), copied
/// by the <c>copy-database</c> command into a second database; a node serves each, so pages can be compared.
/// </summary>
public abstract partial class CopiedCommunity : IAsyncLifetime
{
    protected readonly string Folder = Path.Combine(Path.GetTempPath(), $"community-copy-{Guid.NewGuid():N}");

    public string SourcePath => Path.Combine(Folder, "source.db");
    public string TargetConnectionString { get; private set; } = "";
    public string TargetProviderName => TargetProvider;
    public string CommandOutput { get; private set; } = "";
    public string CommandError { get; private set; } = "";
    public int ExitCode { get; private set; }
    public Node Source { get; private set; } = null!;
    public Node Target { get; private set; } = null!;

    /// <summary>The target's connection string, or null when its server is missing (the test is then skipped).</summary>
    protected abstract Task<string?> TargetAsync();

    protected abstract string TargetProvider { get; }

    public abstract void Require();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(Folder);
        var target = await TargetAsync();
        if (target is null)
            return;
        TargetConnectionString = target;
        await using (var seeded = CommunityWebFactory.On(Community.Domain.Persistence.DatabaseProvider.Sqlite))
        {
            _ = seeded.Services;
            await using var connection = new SqliteConnection($"Data Source={seeded.DatabasePath}");
            await connection.OpenAsync();
            await using var snapshot = connection.CreateCommand();
            snapshot.CommandText = $"VACUUM INTO '{SourcePath}'";
            await snapshot.ExecuteNonQueryAsync();
        }

        var output = new StringWriter();
        var error = new StringWriter();
        ExitCode = await CopyDatabaseCommand.RunAsync(
            ["copy-database", "--from", $"Data Source={SourcePath}", "--to", target, "--to-provider", TargetProvider], output, error);
        CommandOutput = output.ToString();
        CommandError = error.ToString();

        Source = new Node("Sqlite", $"Data Source={SourcePath}");
        Target = new Node(TargetProvider, target);
        _ = Source.Services;
        _ = Target.Services;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (Source is not null)
            await Source.DisposeAsync();
        if (Target is not null)
            await Target.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Folder))
            Directory.Delete(Folder, recursive: true);
    }

    /// <summary>
    /// The page as a reader sees it: without the per-request tokens and circuit descriptors that differ on every render,
    /// with times to the microsecond (PostgreSQL keeps microseconds; .NET's clock has a seventh decimal), and without the
    /// related questions that each engine's search ranks its own way.
    /// </summary>
    public static string Content(string html)
    {
        html = AntiforgeryToken().Replace(html, "");
        html = BlazorMarker().Replace(html, "");
        html = SubMicrosecond().Replace(html, "$1$2");
        html = SubMicrosecondCursor().Replace(html, "$1");
        // Ranked by each engine's own full-text search (FTS5, PostgreSQL's tsvector): compared apart, as sets.
        html = RelatedQuestions().Replace(html, "");
        // Reading a page counts a view, off the request: a count read on one side may be from before or after the
        // comparison's own earlier visits were counted.
        html = ViewCount().Replace(html, "$1#$2");
        return html;
    }

    [GeneratedRegex(@"((?:Viewed |\b))\d+((?: times| views))")]
    private static partial Regex ViewCount();

    [GeneratedRegex("<aside class=\"related-questions\"[\\s\\S]*?</aside>")]
    private static partial Regex RelatedQuestions();

    /// <summary>A list's next-page cursor holds a time in ticks (tenths of a microsecond).</summary>
    [GeneratedRegex(@"(after=\d{17})\d(?=_)")]
    private static partial Regex SubMicrosecondCursor();

    [GeneratedRegex(@"(T\d\d:\d\d:\d\d\.\d{6})\d(Z|[+-]\d\d:\d\d)?")]
    private static partial Regex SubMicrosecond();

    [GeneratedRegex("<input[^>]*name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("<!--Blazor[\\s\\S]*?-->")]
    private static partial Regex BlazorMarker();

    /// <summary>A node on one of the two databases, with demo mode on (so the demo accounts' notice shows) but nothing to seed.</summary>
    public sealed class Node(string provider, string connectionString) : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("Database:Provider", provider),
            new("ConnectionStrings:Community", connectionString),
        ];
    }
}

/// <summary>SQLite to SQLite: the command's own behaviour, on any machine.</summary>
public sealed class CopiedToSqlite : CopiedCommunity
{
    public string TargetPath => Path.Combine(Folder, "target.db");

    protected override string TargetProvider => "Sqlite";

    protected override Task<string?> TargetAsync() => Task.FromResult<string?>($"Data Source={TargetPath}");

    public override void Require()
    {
    }
}

/// <summary>SQLite to PostgreSQL, as an operator moves a community (docs/scale-out.md), on a real server of its own.</summary>
public sealed class CopiedToPostgres : CopiedCommunity
{
    private readonly PostgresServer postgres = new();

    protected override string TargetProvider => "Postgres";

    protected override async Task<string?> TargetAsync()
    {
        await postgres.InitializeAsync();
        return postgres.IsRunning ? await postgres.CreateDatabaseAsync("copy") : null;
    }

    public override void Require() => postgres.Require();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
        await postgres.DisposeAsync();
    }
}
