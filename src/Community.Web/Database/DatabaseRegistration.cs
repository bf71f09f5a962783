using Community.Domain;
using Community.Domain.Persistence;
using Microsoft.Extensions.Options;

namespace Community.Web.Database;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "Community";

    public static IServiceCollection AddCommunityDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new OptionsValidationException($"ConnectionStrings:{ConnectionStringName}", typeof(string),
                [$"ConnectionStrings:{ConnectionStringName} is required: the SQLite connection string, for example \"Data Source=data/community.db\"."]);

        services.AddCommunityDomain(SqliteDatabase.ResolveConnectionString(connectionString, environment.ContentRootPath));
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);
        services.AddOptions<DemoDataOptions>().BindConfiguration(DemoDataOptions.Section)
            .Validate(demo => !demo.Enabled || !string.IsNullOrWhiteSpace(demo.Password),
                "DemoData:Password is required when DemoData:Enabled is true: the password of every demo account.")
            .ValidateOnStart();
        services.AddHostedService<DatabaseInitializer>();
        services.AddHealthChecks().AddDbContextCheck<CommunityDbContext>("database");
        return services;
    }
}
