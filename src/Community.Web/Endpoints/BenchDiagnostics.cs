using System.Runtime;
using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Community.Web.Endpoints;

/// <summary>
/// For the benchmark harness only (bench/, issue 11): <c>GET /_bench/memory</c> runs a full, compacting, blocking
/// collection and reports the GC heap that survives it and the circuits open, so the harness, another process, can
/// measure what an idle circuit retains; <c>GET /_bench/sqlite</c> tells what the server did with the SQLite file's lock. Nothing is registered or mapped unless the setting <c>Bench:Diagnostics</c> is
/// true (off by default, never set in production): without it the address is an ordinary 404. No authorization, as
/// nothing exists to authorize when it is off; a forced collection on demand is what a benchmark wants and a public
/// server must never offer. (dotnet-counters or an EventPipe session would need tools the machine may not have, and
/// would report the heap without a full collection first.)
/// </summary>
public static class BenchDiagnostics
{
    public const string Setting = "Bench:Diagnostics";
    public const string MemoryPath = "/_bench/memory";
    public const string SqlitePath = "/_bench/sqlite";

    public static IServiceCollection AddBenchDiagnostics(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>(Setting))
        {
            services.AddSingleton<OpenCircuits>();
            services.AddSingleton<CircuitHandler>(provider => provider.GetRequiredService<OpenCircuits>());
        }
        return services;
    }

    public static WebApplication MapBenchDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting))
            return app;
        app.MapGet(MemoryPath, (OpenCircuits circuits) =>
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            return TypedResults.Ok(new BenchMemory(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.FragmentedBytes,
                Environment.WorkingSet, circuits.Open, circuits.Connected));
        }).DisableRateLimiting();
        // The server's side of the file's lock, for the harness's write scenarios: its checkpointer, its waits for the
        // harness's lock, and its own holds of the write turn (who held it longest).
        app.MapGet(SqlitePath, (IDbContextFactory<CommunityDbContext> contexts) =>
        {
            using var db = contexts.CreateDbContext();
            return db.Database.IsSqlite()
                ? $"{SqliteDatabase.CheckpointSummary(db.Database.GetConnectionString()!)}; busy: {SqliteDatabase.BusySummary()}"
                : "not SQLite";
        }).DisableRateLimiting();
        return app;
    }

    /// <summary>Counts circuits as the framework opens and closes them, and their connections.</summary>
    public sealed class OpenCircuits : CircuitHandler
    {
        private int open, connected;

        public int Open => Volatile.Read(ref open);
        public int Connected => Volatile.Read(ref connected);

        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref open);
            return Task.CompletedTask;
        }

        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref open);
            return Task.CompletedTask;
        }

        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref connected);
            return Task.CompletedTask;
        }

        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref connected);
            return Task.CompletedTask;
        }
    }
}

/// <param name="LiveBytes">GC.GetTotalMemory after the collection: the objects that survived it.</param>
/// <param name="HeapBytes">The GC heap's size after that collection (survivors and fragmentation).</param>
public sealed record BenchMemory(long LiveBytes, long HeapBytes, long FragmentedBytes, long WorkingSetBytes, int Circuits, int Connected);
