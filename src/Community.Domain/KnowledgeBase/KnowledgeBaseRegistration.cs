using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Community.Domain.KnowledgeBase;

public static class KnowledgeBaseRegistration
{
    /// <summary>
    /// The knowledge base's services, and the hook that hands each committed outbox entry to the feed queue when the
    /// host provides one (<see cref="IKnowledgeBaseFeedQueue"/>: the web app's Hangfire client).
    /// </summary>
    public static IServiceCollection AddKnowledgeBase(this IServiceCollection services)
    {
        services.TryAddSingleton(new KnowledgeBaseOptions());
        services.AddSingleton<KnowledgeBaseFeed>();
        services.AddSingleton<CurateArticle>();
        services.AddSingleton(provider => new ArticleQueries(provider.GetRequiredService<Persistence.ReadContexts>()));
        services.AddSingleton<RateArticle>();
        services.AddSingleton<KnowledgeBaseOutboxAdmin>();
        services.ConfigureDbContext<CommunityDbContext>((provider, options) =>
        {
            if (provider.GetService<IKnowledgeBaseFeedQueue>() is { } queue)
                options.AddInterceptors(new OutboxDispatchInterceptor(queue,
                    provider.GetService<ILoggerFactory>()?.CreateLogger("Community.Domain.KnowledgeBase.Outbox") ?? NullLogger.Instance));
        }, ServiceLifetime.Singleton);
        return services;
    }
}
