using Community.Domain.Persistence;
using Community.Testing;
using Community.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Community.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a test server, with its own database on the engine of this run (a SQLite file, or a PostgreSQL
/// database copied from a migrated template, see <see cref="TestProvider"/>) and its own e-mail pickup folder. Demo
/// data is on, so the demo accounts exist. Swaps only what it must.
/// </summary>
public class CommunityWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Community-2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-web-{Guid.NewGuid():N}");
    private readonly DatabaseProvider engine;
    private string? postgres;

    public CommunityWebFactory() : this(TestProvider.Current)
    {
    }

    protected CommunityWebFactory(DatabaseProvider provider) => engine = provider;

    /// <summary>A host on a given engine whatever the run's (a SQLite file to copy, say).</summary>
    public static CommunityWebFactory On(DatabaseProvider provider) => new(provider);

    public string DatabasePath => Path.Combine(folder, "community.db");
    public string PickupFolder => Path.Combine(folder, "mail");

    /// <summary>Extra settings a test class needs, applied after the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    /// <summary>This host's own database (on PostgreSQL made at first use); a test class may give another in <see cref="Settings"/>.</summary>
    public string ConnectionString => engine == DatabaseProvider.Postgres
        ? postgres ??= TestPostgres.CreateMigratedDatabase()
        : $"Data Source={DatabasePath}";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)!);
        builder.UseEnvironment("Development");
        // A class that names its own database keeps its engine: a SQLite file ("Data Source=…") stays SQLite on a PostgreSQL run.
        var given = Settings.FirstOrDefault(s => s.Key == "ConnectionStrings:Community").Value;
        var sqliteGiven = given is not null && given.TrimStart().StartsWith("Data Source", StringComparison.OrdinalIgnoreCase);
        builder.UseSetting("Database:Provider", sqliteGiven ? "Sqlite" : engine.ToString());
        if (given is null)
            builder.UseSetting("ConnectionStrings:Community", ConnectionString);
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("DemoData:Password", DemoPassword);
        builder.UseSetting("Email:PickupDirectory", PickupFolder);
        builder.UseSetting("RateLimits:WritesPerMinute", "1000");
        foreach (var (key, value) in Settings)
            builder.UseSetting(key, value);
    }

    public HttpClient CreateBrowserlessClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgres is not null)
            await TestPostgres.DropDatabaseAsync(postgres);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
