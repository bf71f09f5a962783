using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Community.Domain.KnowledgeBase;

/// <summary>Hands a committed outbox entry to whatever runs the feed (the web app: a Hangfire job). Never throws on purpose.</summary>
public interface IKnowledgeBaseFeedQueue
{
    void Enqueue(long entryId, int questionId);
}

/// <summary>
/// Enqueues the feed job right after the transaction that wrote an outbox entry commits, whoever wrote it (accepting,
/// marking official, editing, an escalation): never before, so a job never looks for a row that a rollback took back.
/// If enqueueing fails, the entry stays pending and the recurring sweep picks it up.
/// </summary>
internal sealed class OutboxDispatchInterceptor(IKnowledgeBaseFeedQueue queue, ILogger logger) : SaveChangesInterceptor, IDbTransactionInterceptor, Persistence.IAfterCommit
{
    private sealed class Pending
    {
        public List<KnowledgeBaseOutboxEntry> Saving { get; } = [];
        public List<KnowledgeBaseOutboxEntry> Saved { get; } = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> pending = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context, saving: true);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: true);
        return Task.CompletedTask;
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
            return;
        var added = context.ChangeTracker.Entries<KnowledgeBaseOutboxEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (added.Count > 0)
            pending.GetOrCreateValue(context).Saving.AddRange(added);
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Saving.Count == 0)
            return;
        state.Saved.AddRange(state.Saving);
        state.Saving.Clear();
        // Without a transaction of the caller's, SaveChanges committed its own: the rows are there now.
        if (context.Database.CurrentTransaction is null)
            Dispatch(state);
    }

    private void Forget(DbContext? context, bool saving)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving.Clear();
            if (!saving) state.Saved.Clear();
        }
    }

    public Func<CancellationToken, Task>? TakePending(DbContext context)
    {
        if (!pending.TryGetValue(context, out var state) || state.Saved.Count == 0)
            return null;
        var entries = state.Saved.ToList();
        state.Saved.Clear();
        return _ =>
        {
            Dispatch(entries);
            return Task.CompletedTask;
        };
    }

    /// <summary>For writers that bypass EF Core (acceptances on SQLite): hands over an entry they committed themselves.</summary>
    internal void Dispatch(long entryId, int questionId) => Dispatch([new KnowledgeBaseOutboxEntry { Id = entryId, QuestionId = questionId }]);

    private void Dispatch(Pending state)
    {
        var entries = state.Saved.ToList();
        state.Saved.Clear();
        Dispatch(entries);
    }

    private void Dispatch(List<KnowledgeBaseOutboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            try
            {
                queue.Enqueue(entry.Id, entry.QuestionId);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not enqueue knowledge-base outbox entry {EntryId} for thread {QuestionId}; the sweep will", entry.Id, entry.QuestionId);
            }
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && pending.TryGetValue(context, out var state) && state.Saved.Count > 0)
            Dispatch(state);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context, saving: false);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context, saving: false);
        return Task.CompletedTask;
    }
}
