using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain;

public static class DomainRegistration
{
    /// <summary>The database and the domain's services. Services take a context factory: one short-lived context per operation.</summary>
    public static IServiceCollection AddCommunityDomain(this IServiceCollection services, string sqliteConnectionString)
    {
        services.AddDbContextFactory<CommunityDbContext>(options => SqliteDatabase.Configure(options, sqliteConnectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new MarkdownRenderer(new MarkdownRendererOptions()));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<Questions.QuestionQueries>();
        services.AddSingleton<Questions.TagQueries>();
        services.AddSingleton<Accounts.UserQueries>();
        return services;
    }
}
