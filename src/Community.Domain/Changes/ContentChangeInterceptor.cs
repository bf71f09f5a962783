using System.Data.Common;
using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Changes;

/// <summary>
/// Gathers what each write changes of the public pages and reports it only once it is committed: a page evicted
/// before the commit could be rendered again from the old rows and cached stale.
/// </summary>
internal sealed class ContentChangeInterceptor(IContentChangeSink sink) : SaveChangesInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor, IAfterCommit
{
    /// <summary>Where committed changes go: writers that bypass EF Core (votes on SQLite) report to it themselves.</summary>
    public IContentChangeSink Sink => sink;

    public Func<CancellationToken, Task>? TakePending(DbContext context)
    {
        if (context is not CommunityDbContext db || db.PendingChanges.IsEmpty)
            return null;
        var change = db.PendingChanges.Take();
        return async cancellationToken => await sink.ChangedAsync(change, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Gather(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Gather(eventData.Context);
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CommunityDbContext { Database.CurrentTransaction: null } db)
            await ReportAsync(db, cancellationToken);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is CommunityDbContext { Database.CurrentTransaction: null } db)
            ReportAsync(db).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => (eventData.Context as CommunityDbContext)?.PendingChanges.Clear();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as CommunityDbContext)?.PendingChanges.Clear();
        return Task.CompletedTask;
    }

    private static void Gather(DbContext? context)
    {
        if (context is not CommunityDbContext db)
            return;
        var change = db.PendingChanges;
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
                continue;
            switch (entry.Entity)
            {
                case Post post:
                    // A new post's page is not cached yet; its question's page and the listings are.
                    if (post is Answer answer) change.PostIds.Add(answer.QuestionId);
                    if (entry.State != EntityState.Added) change.PostIds.Add(post.Id);
                    change.Listings = true;
                    break;
                case Comment comment:
                    change.PostIds.Add(comment.PostId);
                    break;
                case Vote vote:
                    change.PostIds.Add(vote.PostId);
                    change.Listings = true;
                    break;
                case Tag:
                    change.Listings = true;
                    break;
                case KnowledgeBase.Article or KnowledgeBase.ArticleRevision or KnowledgeBase.HelpfulVote:
                    change.KnowledgeBase = true;
                    break;
            }
        }
    }

    private async ValueTask ReportAsync(DbContext? context, CancellationToken cancellationToken = default)
    {
        if (context is not CommunityDbContext db || db.PendingChanges.IsEmpty)
            return;
        await sink.ChangedAsync(db.PendingChanges.Take(), cancellationToken);
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await ReportAsync(eventData.Context, cancellationToken);

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        ReportAsync(eventData.Context).AsTask().GetAwaiter().GetResult();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as CommunityDbContext)?.PendingChanges.Clear();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as CommunityDbContext)?.PendingChanges.Clear();

    // An ExecuteUpdate outside a transaction commits by itself; EF closes the connection right after it.
    public async Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is { Database.CurrentTransaction: null })
            await ReportAsync(eventData.Context);
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (eventData.Context is { Database.CurrentTransaction: null })
            ReportAsync(eventData.Context).AsTask().GetAwaiter().GetResult();
    }
}
