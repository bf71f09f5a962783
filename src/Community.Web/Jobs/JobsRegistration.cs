using Community.Web.Accounts;
using Hangfire;
using Hangfire.InMemory;

namespace Community.Web.Jobs;

/// <summary>
/// Hangfire only executes: the database is the source of truth (an outbox and a recurring sweep make the
/// in-memory storage of the embedded default safe, DESIGN.md §6). On PostgreSQL every node shares one durable
/// queue in the same database (<see cref="PostgresJobStorage"/>).
/// </summary>
public static class JobsRegistration
{
    public const string DashboardPath = "/hangfire";

    public static IServiceCollection AddCommunityJobs(this IServiceCollection services)
    {
        // This host's own storage (not the process-wide JobStorage.Current that AddHangfire would take): two hosts in one
        // process, as the test hosts are, must never run each other's jobs. Made after this host's Hangfire configuration,
        // so that its logging is this host's.
        services.AddSingleton<JobStorage>(provider =>
        {
            provider.GetRequiredService<IGlobalConfiguration>();
            return PostgresJobStorage.ConnectionString(provider) is { } postgres
                ? PostgresJobStorage.Create(postgres, PostgresJobStorage.InvisibilityTimeout(provider))
                : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
        });
        // Likewise its own activator: jobs are built from this host's services (its database), not the last host's.
        services.AddSingleton<JobActivator>(provider => new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        // Jobs read the database: the server starts once it is migrated (hosted services start together).
        Database.StartsAfterDatabase.Wrap(services, jobs => jobs.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount)));
        services.AddTransient<RebuildReputationJob>();
        services.AddTransient<ReverseSerialVotingJob>();
        services.AddTransient<BadgeSweepJob>();
        services.AddTransient<CheckMemberBadgesJob>();
        services.AddKnowledgeBaseJobs();
        services.AddTransient<ResponseClockJob>();
        services.AddTransient<RefreshPlannerStatisticsJob>();
        services.AddTransient<MergeSearchIndexJob>();
        // Registering reaches the job storage, which on PostgreSQL lives in the database the migrations may first create.
        Database.StartsAfterDatabase.Wrap(services, jobs => jobs.AddHostedService<RecurringJobs>());
        return services;
    }

    /// <summary>The dashboard for admins only; its default filter (local requests only) is replaced by the Admin policy.</summary>
    public static IEndpointConventionBuilder MapJobsDashboard(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            DashboardTitle = "Community background jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Admin);
}
