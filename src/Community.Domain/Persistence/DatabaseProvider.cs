using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Domain.Persistence;

/// <summary>The engines the forum runs on: SQLite on one machine (the default), PostgreSQL when scaled out.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Which engine this host's database is on, and where: registered once, so services choose without opening a context.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString);

/// <summary>Opens the configured engine, each with its own checked-in migrations (docs/decisions/0005).</summary>
public static class CommunityDatabase
{
    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        ConfigureEngine(options, provider, connectionString);
        if (CompiledModel.For(provider) is { } model)
            options.UseModel(model);
    }

    /// <summary>The engine alone: the model is then built from the code (for <c>CompiledModelTests</c>).</summary>
    internal static void ConfigureEngine(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
            PostgresDatabase.Configure(options, connectionString);
        else
            SqliteDatabase.Configure(options, connectionString);
    }

    /// <summary>
    /// For a context made outside the web host (tests, tools): Identity reads its schema version from the
    /// application's services while building the model, so these give it the same version the web host uses.
    /// </summary>
    public static void ConfigureStandalone(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        Configure(options, provider, connectionString);
        options.UseApplicationServiceProvider(IdentityModelServices.Value);
    }

    internal static readonly Lazy<IServiceProvider> IdentityModelServices = new(() =>
        new ServiceCollection()
            .Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchema.Version)
            .BuildServiceProvider());
}
