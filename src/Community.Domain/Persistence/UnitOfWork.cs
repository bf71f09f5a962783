using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Persistence;

/// <summary>
/// How a write with an explicit transaction runs, on either engine. PostgreSQL's retrying execution strategy
/// (<see cref="PostgresDatabase"/>) refuses a transaction begun outside it, and a retry must start over with nothing
/// tracked from the failed attempt: so the whole unit of work (its reads, its transaction, its writes) runs inside the
/// strategy, on a fresh context for every attempt. On SQLite the strategy runs it once.
/// </summary>
public static class UnitOfWork
{
    public static async Task<T> RunAsync<T>(this IDbContextFactory<CommunityDbContext> contexts, Func<CommunityDbContext, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        // The strategy belongs to the context it came from, which must outlive it: the first attempt runs on that context.
        await using var first = await contexts.CreateDbContextAsync(cancellationToken);
        var attempts = 0;
        return await first.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            if (attempts++ == 0)
                return await work(first);
            await using var db = await contexts.CreateDbContextAsync(token);
            return await work(db);
        }, cancellationToken);
    }

    public static Task RunAsync(this IDbContextFactory<CommunityDbContext> contexts, Func<CommunityDbContext, Task> work,
        CancellationToken cancellationToken = default) =>
        contexts.RunAsync(async db =>
        {
            await work(db);
            return true;
        }, cancellationToken);

    /// <summary>
    /// <see cref="RunAsync{T}"/> for small, frequent writes (votes, answers): on SQLite the work's write transaction
    /// joins a group commit (<see cref="SqliteGroupCommit"/>, docs/decisions/0008), inside a savepoint of its own, and
    /// its commit returns once the batch is committed. The work must be safe to run again: if the batch's COMMIT fails,
    /// it runs again, on a fresh context, in a batch of its own. PostgreSQL runs it as <see cref="RunAsync{T}"/> does.
    /// </summary>
    public static async Task<T> RunGroupCommittedAsync<T>(this IDbContextFactory<CommunityDbContext> contexts, Func<CommunityDbContext, Task<T>> work,
        CancellationToken cancellationToken = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!db.Database.IsSqlite())
                return await contexts.RunAsync(work, cancellationToken);
            SqliteGroupCommit.Join(db, alone: false);
            try
            {
                return await work(db);
            }
            catch (SqliteGroupCommit.RetryAloneException)
            {
            }
            finally
            {
                SqliteGroupCommit.Leave(db);
            }
        }
        await using var alone = await contexts.CreateDbContextAsync(cancellationToken);
        SqliteGroupCommit.Join(alone, alone: true);
        try
        {
            return await work(alone);
        }
        finally
        {
            SqliteGroupCommit.Leave(alone);
        }
    }

    /// <summary>
    /// A write transaction, with SQLite's guarantee on both engines: SQLite's take the write lock at once (BEGIN
    /// IMMEDIATE), so writers queue and none acts on rows another is changing. On PostgreSQL the same queue is a
    /// transaction-scoped advisory lock, held until commit or rollback by every node's writers. (Serializable isolation
    /// was tried first: on a hot row, twenty voters at once, each round let one writer through and the rest ran out of
    /// retries.) Reads outside these transactions, and writes that are one SaveChanges, do not queue.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteTransactionAsync(this CommunityDbContext db, CancellationToken cancellationToken = default)
    {
        if (db.Database.IsSqlite())
            return SqliteGroupCommit.IsMember(db, out var alone)
                ? await SqliteGroupCommit.BeginAsync(db, alone, cancellationToken)
                : await SqliteWriterQueue.BeginAsync(db, cancellationToken);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriterLock})", cancellationToken);
        return transaction;
    }

    /// <summary>The advisory lock key of the writers' queue ("Commu" in ASCII), apart from Hangfire's own locks.</summary>
    public const long WriterLock = 0x436F6D6D75;
}
