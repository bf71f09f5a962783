using Community.Domain;
using Community.Domain.Persistence;
using Microsoft.Extensions.Options;

namespace Community.Web.Database;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Community";

    public static IServiceCollection AddCommunityDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var provider = Provider(configuration);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [provider == DatabaseProvider.Postgres
                    ? $"ConnectionStrings:{ConnectionStringName} is required: the PostgreSQL connection string, for example \"Host=db;Database=community;Username=community;Password=...\"."
                    : $"ConnectionStrings:{ConnectionStringName} is required: the SQLite connection string, for example \"Data Source=data/community.db\"."]);

        services.AddCommunityDomain(provider, provider == DatabaseProvider.Postgres
            ? connectionString
            : SqliteDatabase.ResolveConnectionString(connectionString, environment.ContentRootPath));
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section)
            .Validate(demo => !demo.Enabled || !string.IsNullOrWhiteSpace(demo.Password),
                "DemoData:Password is required when DemoData:Enabled is true: the password of every demo account.")
            .ValidateOnStart();
        services.AddSingleton<DatabaseReady>();
        services.AddHostedService<DatabaseInitializer>();
        // Every hosted service starts at once: the server listens while the migrations are checked (DatabaseReady).
        services.Configure<HostOptions>(host => host.ServicesStartConcurrently = true);
        services.AddHealthChecks().AddDbContextCheck<CommunityDbContext>("database");
        return services;
    }

    /// <summary>The configured engine; a value that names none stops the app with a message saying which are known.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var value = configuration[$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}"];
        if (string.IsNullOrWhiteSpace(value))
            return DatabaseProvider.Sqlite;
        if (Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(value, out _))
            return provider;
        throw new OptionsValidationException($"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)}", typeof(DatabaseProvider),
            [$"{DatabaseOptions.Section}:{nameof(DatabaseOptions.Provider)} is \"{value}\": use Sqlite (one machine, the default) or Postgres (scaled out)."]);
    }
}
