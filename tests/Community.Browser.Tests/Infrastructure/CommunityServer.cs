using Community.Testing;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Community.Browser.Tests.Infrastructure;

/// <summary>
/// The real app on Kestrel, on a free loopback port, with its own database on the engine of this run (a SQLite file or
/// a PostgreSQL database, see <see cref="TestProvider"/>) and e-mail pickup folder, seeded with the demo community. A browser reaches it at <see cref="BaseUrl"/>.
/// </summary>
public sealed class CommunityServer : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Community-2026";

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"community-browser-{Guid.NewGuid():N}.db");
    private readonly string pickupFolder = Path.Combine(Path.GetTempPath(), $"community-browser-mail-{Guid.NewGuid():N}");

    private string? postgres;

    public CommunityServer() => UseKestrel(0);

    /// <summary>Where the app listens, such as <c>http://127.0.0.1:41234/</c>; set once <see cref="Start"/> returned.</summary>
    public string BaseUrl { get; private set; } = "";

    public string DatabasePath => databasePath;

    public void Start()
    {
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.GetLeftPart(UriPartial.Authority) + "/";
        if (ClientOptions.BaseAddress.Port == 0)
            throw new InvalidOperationException($"Kestrel did not report the port it bound: {ClientOptions.BaseAddress}");
        // The settings above must win over appsettings.json, or the tests would write to the developer's data/ folder.
        if (!TestProvider.IsPostgres && !File.Exists(databasePath))
            throw new InvalidOperationException($"The app did not create its test database at {databasePath}: ConnectionStrings:Community was not applied.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseContentRoot(RepositoryRoot());
        builder.UseSetting("Database:Provider", TestProvider.Current.ToString());
        builder.UseSetting("ConnectionStrings:Community", TestProvider.IsPostgres
            ? postgres ??= TestPostgres.CreateMigratedDatabase()
            : $"Data Source={databasePath}");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Password", DemoPassword);
        builder.UseSetting("Email:PickupDirectory", pickupFolder);
        builder.UseSetting("RateLimits:WritesPerMinute", "1000");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null)
            await TestPostgres.DropDatabaseAsync(postgres);
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
            TryDelete(() => File.Delete(file));
        TryDelete(() => { if (Directory.Exists(pickupFolder)) Directory.Delete(pickupFolder, recursive: true); });
    }

    private static void TryDelete(Action delete)
    {
        try { delete(); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>The folder with Community.sln: appsettings.json and wwwroot/ live there.</summary>
    public static string RepositoryRoot() =>
        ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {ContentRoot.MarkerFile}.");
}
