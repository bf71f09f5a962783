using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Community.Web.Hosting;

namespace Community.Web.Tests.Hosting;

/// <summary>
/// The published app carries the root-level wwwroot and settings: it is published to a temp folder and
/// started as its own process, the way an operator would run it.
/// </summary>
public sealed class PublishedOutputTests
{
    [Fact]
    public async Task ThePublishedAppServesTheStylesheetTheFrameworkScriptAndItsHealth()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), $"community-publish-{Guid.NewGuid():N}");
        try
        {
            var repository = ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)!;
            var publish = await RunAsync("dotnet", ["publish", Path.Combine(repository, "src", "Community.Web"), "-c", "Release", "-o", Path.Combine(folder, "app"), "--nologo"], repository, ct);
            Assert.True(publish.ExitCode == 0, publish.Output);
            Assert.True(File.Exists(Path.Combine(folder, "app", "appsettings.json")));
            Assert.True(File.Exists(Path.Combine(folder, "app", "wwwroot", "app.css")));

            var port = FreePort();
            using var app = Start(Path.Combine(folder, "app"), port, Path.Combine(folder, "community.db"));
            try
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                await WaitUntilHealthyAsync(client, app, ct);

                foreach (var path in new[] { "/app.css", "/_framework/blazor.web.js", "/lib/bootstrap/dist/css/bootstrap.min.css", "/" })
                {
                    var response = await client.GetAsync(path, ct);
                    Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}");
                }
            }
            finally
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The newcomer's command, with the launch profile (Development, demo data) and the root-level assets.</summary>
    [Fact]
    public async Task DotnetRunServesTheStylesheetTheFrameworkScriptAndTheDemo()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), $"community-run-{Guid.NewGuid():N}");
        var repository = ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)!;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", ["run", "--project", Path.Combine("src", "Community.Web"), "--no-build", "--", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ConnectionStrings__Community"] = $"Data Source={Path.Combine(folder, "community.db")}";
        start.Environment["Email__PickupDirectory"] = Path.Combine(folder, "mail");
        using var app = Process.Start(start)!;
        app.BeginOutputReadLine();
        app.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(client, app, ct);
            foreach (var path in new[] { "/app.css", "/_framework/blazor.web.js" })
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, ct)).StatusCode);
            var login = await client.GetStringAsync("/Account/Login", ct);
            Assert.Contains("customer@demo.local", login);
            Assert.Contains("question-row", await client.GetStringAsync("/", ct));
        }
        finally
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync(CancellationToken.None);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(string appFolder, int port, string databasePath)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(appFolder, "Community.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = appFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Community"] = $"Data Source={databasePath}";
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient client, Process app, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(app.HasExited, "The published app exited during start-up.");
            try
            {
                if ((await client.GetAsync("/healthz", ct)).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, ct);
        }
        Assert.Fail("The published app did not become healthy within 60 seconds.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string[] arguments, string workingDirectory, CancellationToken ct)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return (process.ExitCode, await output + await error);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
