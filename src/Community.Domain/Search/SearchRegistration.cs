using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        // The engine's own full-text search.
        services.AddSingleton<ISearchIndex>(provider => provider.GetService<Persistence.DatabaseSettings>()?.Provider == Persistence.DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(provider)
            : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(provider));
        services.AddSingleton<Deflections>();
        services.AddSingleton<ResolutionVotes>();
        services.AddSingleton<PublicContent>();
        return services;
    }
}
