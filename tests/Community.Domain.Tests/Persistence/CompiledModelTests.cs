using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// The app runs on each engine's compiled model (<see cref="CompiledModel"/>): it must be the model the code builds,
/// entity by entity, property by property, or the app would read and write with a stale mapping. Building a model
/// opens no connection, so both engines are checked without a server.
/// </summary>
public sealed class CompiledModelTests
{
    public static TheoryData<DatabaseProvider> Engines => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private const string Connection = "Host=localhost;Database=model-only";

    [Theory]
    [MemberData(nameof(Engines))]
    public void TheCompiledModelIsTheModelTheCodeBuilds(DatabaseProvider engine)
    {
        var connection = engine == DatabaseProvider.Sqlite ? "Data Source=model-only.db" : Connection;
        var compiled = ModelOf(options => CommunityDatabase.Configure(options, engine, connection));
        var fromCode = ModelOf(options => CommunityDatabase.ConfigureEngine(options, engine, connection));

        Assert.NotSame(compiled, fromCode);
        var expected = Described(fromCode);
        var actual = Described(compiled);
        var first = Enumerable.Range(0, Math.Min(expected.Length, actual.Length)).FirstOrDefault(i => expected[i] != actual[i], -1);
        Assert.True(first < 0 && expected.Length == actual.Length,
            $"The compiled {engine} model differs from the code's: run scripts/compile-model. First difference, line {first}: " +
            $"code '{(first < 0 ? "" : expected[first].Trim())}', compiled '{(first < 0 ? "" : actual[first].Trim())}'.");
    }

    [Fact]
    public void EachEngineRunsOnItsOwnCompiledModel()
    {
        var sqlite = ModelOf(options => CommunityDatabase.Configure(options, DatabaseProvider.Sqlite, "Data Source=model-only.db"));
        var postgres = ModelOf(options => CommunityDatabase.Configure(options, DatabaseProvider.Postgres, Connection));

        Assert.Same(CompiledModel.For(DatabaseProvider.Sqlite), sqlite);
        Assert.Same(CompiledModel.For(DatabaseProvider.Postgres), postgres);
        Assert.Equal("xmin", postgres.FindEntityType(typeof(Community.Domain.Moderation.Flag))!.FindProperty(PostgresModel.RowVersion)!.GetColumnName());
        Assert.Null(sqlite.FindEntityType(typeof(Community.Domain.Moderation.Flag))!.FindProperty(PostgresModel.RowVersion));
    }

    /// <summary>
    /// Every mapped entity type in full (properties, keys, foreign keys, navigations, indexes, annotations such as
    /// tables and columns), by name. Not the model's own description: raw SQL queries add ad-hoc entity types to a
    /// model as it is used, and the compiled one is shared by every test in the process.
    /// </summary>
    private static string[] Described(IModel model) =>
        model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal)
            .SelectMany(e => e.ToDebugString(MetadataDebugStringOptions.LongDefault).Split('\n'))
            .Concat(model.GetSequences().Select(s => s.ToString() ?? ""))
            .ToArray();

    private static IModel ModelOf(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        configure(options);
        options.UseApplicationServiceProvider(CommunityDatabase.IdentityModelServices.Value);
        using var db = new CommunityDbContext(options.Options);
        return db.Model;
    }
}
