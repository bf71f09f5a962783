using Community.Domain.Demo;
using Community.Domain.KnowledgeBase;
using Community.Domain.Escalations;
using Community.Domain.Markdown;
using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Community.Domain;

public static class DomainRegistration
{
    /// <summary>The database and the domain's services. Services take a context factory: one short-lived context per operation.</summary>
    public static IServiceCollection AddCommunityDomain(this IServiceCollection services, string sqliteConnectionString) =>
        services.AddCommunityDomain(DatabaseProvider.Sqlite, sqliteConnectionString);

    public static IServiceCollection AddCommunityDomain(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddDbContextFactory<CommunityDbContext>((services, options) =>
        {
            // Whoever makes contexts for a SQLite file makes its checkpointer, disposed with these services.
            if (provider == DatabaseProvider.Sqlite)
                services.GetRequiredService<SqliteCheckpointer>();
            CommunityDatabase.Configure(options, provider, connectionString);
        });
        if (provider == DatabaseProvider.Sqlite)
            services.AddSingleton(services => SqliteCheckpointer.Start(connectionString, services.GetRequiredService<TimeProvider>(),
                services.GetService<SqliteCheckpointLimits>()));
        services.AddSingleton(new DatabaseSettings(provider, connectionString));
        if (provider == DatabaseProvider.Sqlite)
            services.AddHostedService(_ => new SqliteGroupCommit.StopOnShutdown(connectionString));
        services.AddSingleton(TimeProvider.System);
        // Made when first needed (a post written, not a page read): its sanitizers take ~60 ms to build, off the start-up.
        services.AddSingleton(_ => new MarkdownRenderer(new MarkdownRendererOptions()));
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<PlannerStatistics>();
        services.AddSingleton<Search.SearchIndexMerge>();
        services.AddSingleton(provider => new Search.StoredRelatedLists(
            provider.GetRequiredService<IDbContextFactory<CommunityDbContext>>(), provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ReadContexts>()));
        services.AddSingleton<DemoDataSeeder>();
        services.AddSingleton<ReadContexts>();
        services.AddSingleton(provider => new Questions.QuestionQueries(provider.GetRequiredService<ReadContexts>(), provider.GetService<Privileges.PrivilegeOptions>()));
        services.TryAddSingleton(new Posting.WriteRateLimitOptions());
        services.TryAddSingleton(new Reputation.ReputationOptions());
        services.TryAddSingleton(new Privileges.PrivilegeOptions());
        services.AddSingleton<Reputation.ReputationLedger>();
        services.AddSingleton<Staff.StaffQueries>();
        services.AddSingleton<Staff.ManageStaff>();
        services.AddSingleton<Staff.MarkOfficialAnswer>();
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
        services.AddSingleton(provider => new Questions.TagQueries(provider.GetRequiredService<ReadContexts>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<Accounts.UserQueries>();
        services.AddSingleton<Badges.BadgeAwarder>();
        services.AddSingleton<Badges.DeferredBadgeChecks>();
        services.AddSingleton<Badges.BadgeQueries>();
        services.AddSingleton<Badges.BadgeGoals>();
        services.AddSingleton<Notices.MemberNotices>();
        // Read on every page a member opens: pooled read contexts, as the question page's queries.
        services.AddSingleton(provider => new Accounts.SignedInMembers(provider.GetRequiredService<ReadContexts>(), provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(new Reputation.Queries.LeaderboardOptions());
        services.AddSingleton<Reputation.Queries.Leaderboard>();
        services.AddSingleton<Reputation.Queries.ReputationHistory>();
        services.AddSingleton<Reputation.Queries.ReputationOverTime>();
        services.AddSingleton<Reputation.Queries.MemberAnswers>();
        services.AddSingleton<Privileges.MemberReputation>();
        services.AddKnowledgeBase();
        Changes.ContentChangesRegistration.AddContentChanges(services);
        Search.SearchRegistration.AddSearch(services);
        services.AddSingleton<Audit.AuditQueries>();
        services.AddSingleton<Revisions.SuggestEdit>();
        services.AddSingleton<Revisions.ReviewSuggestedEdit>();
        services.AddSingleton<Revisions.ReviewQueues>();
        services.AddSingleton<Questions.VoteToClose>();
        Moderation.ModerationRegistration.AddModeration(services);
        services.AddNotifications();
        services.AddEscalations();
        return services;
    }
}
