using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        // The engine's own full-text search, on pooled read contexts: it only reads, and a related-questions list is
        // ranked on a question page's first view, where building a context's services was a measurable share.
        services.AddSingleton<ISearchIndex>(provider => provider.GetService<Persistence.DatabaseSettings>()?.Provider == Persistence.DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresSearchIndex>(provider, provider.GetRequiredService<Persistence.ReadContexts>())
            : ActivatorUtilities.CreateInstance<SqliteSearchIndex>(provider, provider.GetRequiredService<Persistence.ReadContexts>()));
        services.AddSingleton<Deflections>();
        services.AddSingleton<ResolutionVotes>();
        services.AddSingleton<PublicContent>();
        return services;
    }
}
