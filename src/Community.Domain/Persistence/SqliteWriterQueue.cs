using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Persistence;

/// <summary>
/// SQLite has one writer at a time. Writers of this process wait their turn here, asynchronously, before BEGIN
/// IMMEDIATE: otherwise each would find the file locked and wait inside SQLite (holding a thread), or in
/// Microsoft.Data.Sqlite's retry loop, 150 ms at a time; sixteen voters at once made most votes wait seconds
/// (bench/RESULTS.md). Other processes on the same file are still kept apart by SQLite's own lock.
/// </summary>
internal static class SqliteWriterQueue
{
    /// <summary>After this long a writer stops waiting here and lets SQLite's lock decide (a stuck writer must not stop all writes).</summary>
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);

    public static async Task<IDbContextTransaction> BeginAsync(CommunityDbContext db, CancellationToken cancellationToken)
    {
        var turn = TurnOf(db.Database.GetDbConnection().DataSource);
        var entered = await turn.WaitAsync(Patience, cancellationToken);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return entered ? new QueuedTransaction(transaction, turn) : transaction;
        }
        catch
        {
            if (entered)
                turn.Release();
            throw;
        }
    }

    /// <summary>The write turn of one file, shared with the group commit's batches (<see cref="SqliteGroupCommit"/>).</summary>
    internal static SemaphoreSlim TurnOf(string dataSource) => Files.GetOrAdd(dataSource, _ => new SemaphoreSlim(1, 1));

    /// <summary>The transaction, handing the turn on once it is committed, rolled back or disposed.</summary>
    private sealed class QueuedTransaction(IDbContextTransaction inner, SemaphoreSlim turn) : IDbContextTransaction, IInfrastructure<DbTransaction>
    {
        private int released;
        private readonly long began = System.Diagnostics.Stopwatch.GetTimestamp();

        private void HandOn()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
                return;
            SqliteWriteHolds.Ended(began, holder: null);
            turn.Release();
        }

        public Guid TransactionId => inner.TransactionId;
        public bool SupportsSavepoints => inner.SupportsSavepoints;
        DbTransaction IInfrastructure<DbTransaction>.Instance => inner.GetDbTransaction();

        public void Commit()
        {
            try { inner.Commit(); } finally { HandOn(); }
        }

        public async Task CommitAsync(CancellationToken cancellationToken = default)
        {
            try { await inner.CommitAsync(cancellationToken); } finally { HandOn(); }
        }

        public void Rollback()
        {
            try { inner.Rollback(); } finally { HandOn(); }
        }

        public async Task RollbackAsync(CancellationToken cancellationToken = default)
        {
            try { await inner.RollbackAsync(cancellationToken); } finally { HandOn(); }
        }

        public void CreateSavepoint(string name) => inner.CreateSavepoint(name);
        public Task CreateSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.CreateSavepointAsync(name, cancellationToken);
        public void RollbackToSavepoint(string name) => inner.RollbackToSavepoint(name);
        public Task RollbackToSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.RollbackToSavepointAsync(name, cancellationToken);
        public void ReleaseSavepoint(string name) => inner.ReleaseSavepoint(name);
        public Task ReleaseSavepointAsync(string name, CancellationToken cancellationToken = default) => inner.ReleaseSavepointAsync(name, cancellationToken);

        public void Dispose()
        {
            try { inner.Dispose(); } finally { HandOn(); }
        }

        public async ValueTask DisposeAsync()
        {
            try { await inner.DisposeAsync(); } finally { HandOn(); }
        }
    }
}
