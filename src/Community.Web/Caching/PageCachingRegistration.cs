using Community.Domain.Changes;
using Microsoft.AspNetCore.Antiforgery;

namespace Community.Web.Caching;

public static class PageCachingRegistration
{
    /// <summary>
    /// The output cache for anonymous pages, evicted by committed writes (<see cref="OutputCacheEviction"/>), and the
    /// antiforgery that leaves tokens off cached pages. <c>PageCache:Minutes</c> bounds how long an entry lives
    /// (relative times like "5 minutes ago" and member names are refreshed at least that often).
    /// </summary>
    public static IServiceCollection AddPageCaching(this IServiceCollection services, IConfiguration configuration)
    {
        var duration = TimeSpan.FromMinutes(configuration.GetValue("PageCache:Minutes", 10));
        services.AddSingleton<QuestionViewQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<QuestionViewQueue>());
        services.AddSingleton<RelatedListsWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<RelatedListsWriter>());
        services.AddSingleton(provider => new RelatedQuestionsCache(
            provider.GetRequiredService<Community.Domain.Search.ISearchIndex>(), duration, configuration.GetValue("PageCache:RelatedQuestions", 20_000),
            provider.GetRequiredService<Community.Domain.Search.StoredRelatedLists>(), provider.GetRequiredService<RelatedListsWriter>()));
        services.AddOutputCache(cache =>
        {
            cache.SizeLimit = configuration.GetValue("PageCache:SizeLimitMegabytes", 100L) * 1024 * 1024;
            cache.AddPolicy(PageCache.ListingsPolicy, new AnonymousPagePolicy(duration, [PageCache.Listings]));
            cache.AddPolicy(PageCache.SearchPolicy, new AnonymousPagePolicy(duration, [PageCache.Listings, PageCache.KnowledgeBase]));
            cache.AddPolicy(PageCache.KnowledgeBasePolicy, new AnonymousPagePolicy(duration, [PageCache.KnowledgeBase]));
            cache.AddPolicy(PageCache.QuestionPolicy, new AnonymousPagePolicy(duration, [],
                http => http.RequestServices.GetRequiredService<QuestionViewQueue>().Served(http)));
        });
        services.AddSingleton<IContentChangeSink, OutputCacheEviction>();

        // Decorate the antiforgery that AddRazorComponents registered.
        var original = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Remove(original);
        services.AddSingleton<IAntiforgery>(provider => new CacheableAntiforgery(
            (IAntiforgery)(original.ImplementationInstance
                ?? original.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!)),
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>()));
        return services;
    }
}
