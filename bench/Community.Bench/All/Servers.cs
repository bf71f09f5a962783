using System.Net;
using System.Text.RegularExpressions;
using Community.Bench.Load;

namespace Community.Bench.All;

/// <summary>Starts the product and the floor as their own processes on loopback ports.</summary>
internal static partial class Servers
{
    public const string Configuration =
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    /// <summary>
    /// The product as bench/run publishes it (Release, ReadyToRun, as a server would run it), or else as built in the
    /// harness's own configuration (the smoke test's Debug build).
    /// </summary>
    public static string ProductDll => Configuration == "Release" && File.Exists(PublishedProduct)
        ? PublishedProduct
        : Built(Path.Combine(RepoPaths.Root, "src", "Community.Web"), "Community.Web.dll");

    private static string PublishedProduct => Path.Combine(RepoPaths.Root, "bench", "results", "product", "Community.Web.dll");

    private static string BenchDll => Built(Path.Combine(RepoPaths.Root, "bench", "Community.Bench"), "Community.Bench.dll");

    private static string Built(string project, string dll)
    {
        foreach (var configuration in new[] { Configuration, Configuration == "Release" ? "Debug" : "Release" })
        {
            var path = Path.Combine(project, "bin", configuration, "net10.0", dll);
            if (File.Exists(path))
                return path;
        }
        throw new FileNotFoundException($"{dll} is not built: run `dotnet build -c {Configuration} {Dataset.Relative(project)}` (bench/run does).");
    }

    public static Task<ServerProcess> StartProductAsync(RunContext context, bool logCommands, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = ServerProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Community"] = context.Data.ConnectionString,
            ["DemoData__Enabled"] = "false",
            // Sign-in is a form post: the benchmark signs in more often than a person would.
            ["RateLimits__WritesPerMinute"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = logCommands ? "Information" : "Warning",
            ["DOTNET_NOLOGO"] = "1",
            // GET /_bench/memory and /_bench/sqlite (BenchDiagnostics): nothing else changes, and the pages never call them.
            ["Bench__Diagnostics"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        // A runtime or product setting for the product alone, to try one without touching the harness's own process:
        // BENCH_PRODUCT_DOTNET_gcServer=0 bench/run all ... gives the product DOTNET_gcServer=0.
        foreach (var (key, value) in ProductOverrides())
            environment[key] = value;
        return ServerProcess.StartAsync("the product (Community.Web)", "dotnet", [ProductDll, "--urls", $"http://127.0.0.1:{port}"],
            environment, port, "/", context.Cpu, TimeSpan.FromSeconds(120));
    }

    public const string ProductOverridePrefix = "BENCH_PRODUCT_";

    public static IEnumerable<(string Key, string Value)> ProductOverrides() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => ((string)e.Key, e.Value as string ?? ""))
            .Where(e => e.Item1.StartsWith(ProductOverridePrefix, StringComparison.Ordinal) && e.Item1.Length > ProductOverridePrefix.Length)
            .Select(e => (e.Item1[ProductOverridePrefix.Length..], e.Item2));

    public static Task<ServerProcess> StartFloorAsync(RunContext context, string staticDirectory)
    {
        var port = ServerProcess.FreePort();
        return ServerProcess.StartAsync("the floor", "dotnet",
            [BenchDll, "floor", "--db", context.Data.DatabasePath, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--static", staticDirectory],
            new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" }, port, "/healthz", context.Cpu, TimeSpan.FromSeconds(60));
    }

    /// <summary>Signs in through the real form (antiforgery token and all) and returns the authentication cookie.</summary>
    public static async Task<string> SignInAsync(Uri address, string email, string password)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseProxy = false }) { BaseAddress = address };
        var page = await client.GetStringAsync("Account/Login");
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
            throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var response = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
        }));
        var identity = cookies.GetCookies(address).FirstOrDefault(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal));
        if (identity is null)
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}, no authentication cookie.");
        return string.Join("; ", cookies.GetCookies(address).Where(c => c.Name.StartsWith(".AspNetCore.Identity.Application", StringComparison.Ordinal)).Select(c => $"{c.Name}={c.Value}"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
