using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Community.Web.Tests.Infrastructure;

/// <summary>
/// A real redis-server of its own on a free loopback port, without persistence, in a temporary folder; stopped and
/// removed after the class. Missing redis-server skips the tests, or fails them with <c>COMMUNITY_REQUIRE_SERVERS=1</c>
/// (CI, which installs it).
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string Executable = "/usr/bin/redis-server";
    public const string Missing = "redis-server is not installed at /usr/bin/redis-server: apt-get install redis-server";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-redis-{Guid.NewGuid():N}");
    private Process? process;

    public int Port { get; private set; }

    /// <summary>The <c>Redis:Configuration</c> setting that reaches this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
            return;
        Directory.CreateDirectory(folder);
        // A port can be taken between choosing it and binding it; a second free one then does.
        for (var attempt = 1; process is null; attempt++)
        {
            Port = FreePort();
            var started = Start(Port);
            if (await ReadyAsync(started))
                process = started;
            else if (attempt == 3)
                throw new InvalidOperationException($"redis-server did not start: {await started.StandardOutput.ReadToEndAsync()}");
        }
    }

    /// <summary>Skips (or fails, on CI) a test that needs this server when redis-server is missing.</summary>
    public void Require()
    {
        if (process is not null)
            return;
        if (Environment.GetEnvironmentVariable("COMMUNITY_REQUIRE_SERVERS") == "1")
            Assert.Fail(Missing);
        Assert.Skip(Missing);
    }

    private Process Start(int port) => Process.Start(new ProcessStartInfo(Executable)
    {
        ArgumentList = { "--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", folder, "--loglevel", "notice" },
        RedirectStandardOutput = true,
        UseShellExecute = false,
    })!;

    /// <summary>redis-server says when it accepts connections; it exits when it cannot bind.</summary>
    private static async Task<bool> ReadyAsync(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                // Keep draining its log so that it never blocks on a full pipe.
                _ = server.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
                return true;
            }
        }
        await server.WaitForExitAsync();
        return false;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server, as an outage would.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process?.Dispose();
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }
}
