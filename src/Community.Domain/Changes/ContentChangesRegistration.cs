using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain.Changes;

public static class ContentChangesRegistration
{
    /// <summary>Reports committed changes of public content to the host's <see cref="IContentChangeSink"/>, when it has one.</summary>
    public static IServiceCollection AddContentChanges(this IServiceCollection services) =>
        services.ConfigureDbContext<CommunityDbContext>((provider, options) =>
        {
            if (provider.GetService<IContentChangeSink>() is { } sink)
                options.AddInterceptors(new ContentChangeInterceptor(sink));
        }, ServiceLifetime.Singleton);
}
