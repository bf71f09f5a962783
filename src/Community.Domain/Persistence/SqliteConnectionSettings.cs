using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Persistence;

/// <summary>
/// Per-connection settings of the SQLite file, applied once to each physical connection (pooled connections are
/// opened many times and keep their settings):
/// <list type="bullet">
/// <item><c>synchronous=NORMAL</c>: in write-ahead-log mode a commit then writes the log without waiting for the disk
/// (checkpoints still do). SQLite's documented choice for WAL: the file is never corrupted; only a power cut (not a
/// crash of the process) can lose the last commits. With the default (FULL) every vote waited for an fsync.</item>
/// <item>A busy handler (<see cref="SqliteBusyWaits"/>; <c>busy_timeout</c> where the native library is not the bundled
/// one): a writer that finds another process writing waits inside SQLite, in steps of 1 ms, instead of
/// Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms at a time, or SQLite's own steps, which grow to 100 ms.</item>
/// <item>No automatic checkpoint inside its COMMITs: a hook that counts the log's pages instead, and wakes the file's
/// checkpointer (<see cref="SqliteCheckpointer"/>), which copies the log back off the write turn. Every connection the
/// app opens comes here: EF Core's (the interceptor: services, Identity's stores, the group commit's contexts, the
/// knowledge-base job's hand-written statements), the group commit's, the batch writers' and the vote facts' own.</item>
/// </list>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public const int BusyTimeoutMilliseconds = 30_000;

    private static readonly ConditionalWeakTable<object, object> Configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>Applies the settings to a connection opened outside EF Core (the group commit's own).</summary>
    internal static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } sqlite || Configured.TryGetValue(handle, out _))
            return;
        using var command = sqlite.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
        command.ExecuteNonQuery();
        SqliteBusyWaits.Install(sqlite);
        SqliteCheckpointer.Watch(sqlite);
        Configured.AddOrUpdate(handle, handle);
    }
}
