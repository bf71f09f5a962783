using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

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
        services.TryAddSingleton(new Posting.WriteRateLimitOptions());
        services.TryAddSingleton(new Reputation.ReputationOptions());
        services.TryAddSingleton(new Privileges.PrivilegeOptions());
        services.AddSingleton<Reputation.ReputationLedger>();
        services.AddSingleton<Reputation.RebuildReputation>();
        services.AddSingleton<Reputation.ReverseSerialVoting>();
        services.AddSingleton<Posting.WriteRateLimits>();
        services.AddSingleton<Questions.AskQuestion>();
        services.AddSingleton<Questions.AnswerQuestion>();
        services.AddSingleton<Questions.AcceptAnswer>();
        services.AddSingleton<Questions.CloseQuestion>();
        services.AddSingleton<Questions.CountQuestionView>();
        services.AddSingleton<Posting.EditPost>();
        services.AddSingleton<Posting.DeletePost>();
        services.AddSingleton<Voting.CastVote>();
        services.AddSingleton<Comments.AddComment>();
        services.AddSingleton<Revisions.RevisionQueries>();
        services.AddSingleton<Questions.TagQueries>();
        services.AddSingleton<Accounts.UserQueries>();
        return services;
    }
}
