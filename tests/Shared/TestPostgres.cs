using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Community.Testing;

/// <summary>
/// The engine a test run uses: SQLite unless <c>COMMUNITY_TEST_PROVIDER=Postgres</c>, which runs the same tests on
/// PostgreSQL (<c>.ci/run</c> runs the suite once each way).
/// </summary>
public static class TestProvider
{
    public static DatabaseProvider Current { get; } =
        string.Equals(Environment.GetEnvironmentVariable("COMMUNITY_TEST_PROVIDER")?.Trim(), "Postgres", StringComparison.OrdinalIgnoreCase)
            ? DatabaseProvider.Postgres
            : DatabaseProvider.Sqlite;

    public static bool IsPostgres => Current == DatabaseProvider.Postgres;
}

/// <summary>
/// A real PostgreSQL server for tests, never a mock. <c>COMMUNITY_TEST_POSTGRES</c> names one (a connection string whose
/// user may create databases; <c>.ci/run</c> starts one); otherwise the first test that needs it starts a private cluster
/// from the installed server binaries (Debian's <c>postgresql</c> package) in a temporary folder on a free port, stopped
/// when the test process exits. Each test gets its own database, copied from a template brought up once per process by
/// the real migrations (<c>CREATE DATABASE … TEMPLATE</c>: a few milliseconds), and dropped when it is disposed.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(StartAsync);
    private static readonly Lazy<Task<string>> MigratedTemplate = new(MigrateTemplateAsync);
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>Idle connections of a finished test's pool close at once, so hundreds of tests never fill the server.</summary>
    private const string PoolSettings = "Connection Idle Lifetime=2;Connection Pruning Interval=1;Include Error Detail=true";

    public static Task<string> ServerConnectionStringAsync() => Server.Value;

    /// <summary>A new, empty database (no tables).</summary>
    public static Task<string> CreateEmptyDatabaseAsync() => CreateAsync(template: null);

    /// <summary>A new database at the latest migration.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync() => await CreateAsync(await MigratedTemplate.Value);

    /// <summary>For a synchronous caller (a web host's configuration).</summary>
    public static string CreateMigratedDatabase() => Task.Run(CreateMigratedDatabaseAsync).GetAwaiter().GetResult();

    public static async Task DropDatabaseAsync(string connectionString)
    {
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteAsync(await Server.Value, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task<string> CreateAsync(string? template)
    {
        var server = await Server.Value;
        var name = $"community_test_{Guid.NewGuid():N}";
        // One at a time: PostgreSQL refuses to copy a template while another copy of it is being made.
        await Creating.WaitAsync();
        try
        {
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""));
        }
        finally
        {
            Creating.Release();
        }
        return new NpgsqlConnectionStringBuilder($"{server};{PoolSettings}") { Database = name }.ConnectionString;
    }

    private static async Task<string> MigrateTemplateAsync()
    {
        var connectionString = await CreateAsync(template: null);
        await new DatabaseMigrator(new Contexts(connectionString)).MigrateAsync();
        // A template must have no connections when it is copied.
        await using (var connection = new NpgsqlConnection(connectionString))
            NpgsqlConnection.ClearPool(connection);
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Contexts on one PostgreSQL database, configured as the web host configures them.</summary>
    public sealed class Contexts(string connectionString) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            CommunityDatabase.ConfigureStandalone(options, DatabaseProvider.Postgres, connectionString);
            return new CommunityDbContext(options.Options);
        }
    }

    private static async Task<string> StartAsync()
    {
        var given = Environment.GetEnvironmentVariable("COMMUNITY_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(given))
            return given;
        return await PrivateCluster.StartAsync();
    }

    /// <summary>
    /// A throw-away cluster: fast and unsafe settings (no fsync) that only tests may use, C collation (byte order, as
    /// SQLite compares), UTF-8. initdb refuses to run as root, so as root it runs as the <c>postgres</c> user.
    /// </summary>
    public static class PrivateCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                    .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d).FirstOrDefault()
                : null;
            if (bin is null)
                throw new InvalidOperationException(
                    "PostgreSQL tests need a server: install Debian's postgresql package (initdb, pg_ctl) or set COMMUNITY_TEST_POSTGRES to a connection string.");
            var folder = Path.Combine(Path.GetTempPath(), $"community-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            Directory.CreateDirectory(folder);
            var root = Environment.IsPrivilegedProcess;
            if (root)
                await RunAsync("chown", ["postgres", folder], asPostgres: false);
            var data = Path.Combine(folder, "data");
            await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], root);
            var port = FreePort();
            var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
            await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60", "-o", settings, "start"], root);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], root).GetAwaiter().GetResult();
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception)
                {
                    // The process is ending: a folder left in the temp directory is all that remains.
                }
            };
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static async Task RunAsync(string file, IEnumerable<string> arguments, bool asPostgres)
        {
            var start = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (asPostgres)
                foreach (var argument in new[] { "-u", "postgres", "--", file })
                    start.ArgumentList.Add(argument);
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }
}
