using Community.Web.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Community.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a test server, with its own SQLite file (through the real migrations) and its own
/// e-mail pickup folder. Demo data is on, so the demo accounts exist. Swaps only what it must.
/// </summary>
public class CommunityWebFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Community-2026";

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-web-{Guid.NewGuid():N}");

    public string DatabasePath => Path.Combine(folder, "community.db");
    public string PickupFolder => Path.Combine(folder, "mail");

    /// <summary>Extra settings a test class needs, applied after the defaults.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)!);
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Community", $"Data Source={DatabasePath}");
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
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}
