using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain.Search;

public static class SearchRegistration
{
    public static IServiceCollection AddSearch(this IServiceCollection services)
    {
        services.AddSingleton<ISearchIndex, SqliteSearchIndex>();
        services.AddSingleton<Deflections>();
        services.AddSingleton<ResolutionVotes>();
        services.AddSingleton<PublicContent>();
        return services;
    }
}
