using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Bench.All;

/// <summary>
/// With <c>BENCH_SQL_PROFILE=1</c> in the environment, an in-process scenario prints the statements it ran, by total time:
/// how the cost of a write splits between its commands (a profile without a profiler on a machine that has none).
/// </summary>
internal sealed class SqlProfile : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, (int Count, double Ms)> statements = new();
    private readonly ConcurrentDictionary<DbCommand, long> started = new();

    public static SqlProfile? FromEnvironment() => Environment.GetEnvironmentVariable("BENCH_SQL_PROFILE") == "1" ? new SqlProfile() : null;

    public void Register(IServiceCollection services) =>
        services.ConfigureDbContext<CommunityDbContext>((_, options) => options.AddInterceptors(this), ServiceLifetime.Singleton);

    private void Start(DbCommand command) => started[command] = Stopwatch.GetTimestamp();

    private void End(DbCommand command)
    {
        if (!started.TryRemove(command, out var from))
            return;
        var ms = Stopwatch.GetElapsedTime(from).TotalMilliseconds;
        var key = string.Join(' ', command.CommandText.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        key = key.Length > 4000 ? key[..4000] : key;
        statements.AddOrUpdate(key, (1, ms), (_, v) => (v.Count + 1, v.Ms + ms));
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        End(command);
        return ValueTask.FromResult(result);
    }

    public void Reset() => statements.Clear();

    public void Print(int units)
    {
        Console.WriteLine($"  SQL profile ({statements.Values.Sum(v => v.Count) / (double)Math.Max(1, units):F1} commands per unit, {statements.Values.Sum(v => v.Ms) / Math.Max(1, units):F1} ms per unit):");
        foreach (var (sql, (count, ms)) in statements.OrderByDescending(s => s.Value.Ms).Take(15))
            Console.WriteLine($"    {ms / Math.Max(1, units),8:F2} ms/unit {count / (double)Math.Max(1, units),5:F1}×  {(sql.Length > 160 ? sql[..160] : sql)}");
        if (Environment.GetEnvironmentVariable("BENCH_SQL_PROFILE_FILE") is { Length: > 0 } file)
            File.WriteAllLines(file, statements.OrderByDescending(s => s.Value.Ms).Select(s => $"{s.Value.Ms / Math.Max(1, units):F2} ms/unit {s.Value.Count}x {s.Key}"));
    }
}
