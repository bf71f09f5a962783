using System.Data.Common;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Tests.Persistence;

/// <summary>Records the SQL a service runs, and asks SQLite how it would run it (EXPLAIN QUERY PLAN).</summary>
internal static class QueryPlans
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class Recorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>Contexts on the test's database that report every command to <paramref name="recorder"/>.</summary>
    public sealed class RecordingContexts(string connectionString, Recorder recorder) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(recorder);
            return new CommunityDbContext(options.Options);
        }
    }

    public static async Task<List<string>> PlanAsync(string connectionString, string sql, List<(string Name, object? Value)> parameters)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
            explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
            lines.Add(reader.GetString(3));
        return lines;
    }
}
