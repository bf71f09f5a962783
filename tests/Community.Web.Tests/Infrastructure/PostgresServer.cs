using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Community.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL cluster of its own (Debian's binaries), made with initdb in a temporary folder and started on a free
/// loopback port, without durability (a test database need not survive a crash); stopped and removed after the class.
/// Missing PostgreSQL skips the tests, or fails them with <c>COMMUNITY_REQUIRE_SERVERS=1</c> (CI, which installs it).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Missing = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-postgres-{Guid.NewGuid():N}");
    private string? bin;
    private bool running;

    public int Port { get; private set; }

    public async ValueTask InitializeAsync()
    {
        bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(version => Path.Combine(version, "bin"))
                .Where(path => File.Exists(Path.Combine(path, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
            return;
        Directory.CreateDirectory(folder);
        if (Environment.IsPrivilegedProcess)
            await RunAsync("chown", "postgres:postgres", folder);
        await RunAsServerAsync("initdb", "--auth=trust", "--username=postgres", "--encoding=UTF8", "--locale=C.UTF-8", "-D", Data);
        // A port can be taken between choosing it and binding it; a second free one then does.
        for (var attempt = 1; !running; attempt++)
        {
            Port = FreePort();
            var options = $"-p {Port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
            try
            {
                await RunAsServerAsync("pg_ctl", "start", "-w", "-t", "60", "-D", Data, "-l", Path.Combine(folder, "server.log"), "-o", options);
                running = true;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Skips (or fails, on CI) a test that needs this server when PostgreSQL is missing.</summary>
    public void Require()
    {
        if (running)
            return;
        if (Environment.GetEnvironmentVariable("COMMUNITY_REQUIRE_SERVERS") == "1")
            Assert.Fail(Missing);
        Assert.Skip(Missing);
    }

    public bool IsRunning => running;

    /// <summary>A new, empty database on this server and its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "community")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await RunAsServerAsync("createdb", "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", name);
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Include Error Detail=true";

    private string Data => Path.Combine(folder, "data");

    /// <summary>PostgreSQL refuses to run as root: as root, its tools run as the postgres account that Debian's package makes.</summary>
    private Task RunAsServerAsync(string tool, params string[] arguments) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin!, tool), .. arguments])
            : RunAsync(Path.Combine(bin!, tool), arguments);

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (running)
            await RunAsServerAsync("pg_ctl", "stop", "-m", "immediate", "-w", "-D", Data);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
