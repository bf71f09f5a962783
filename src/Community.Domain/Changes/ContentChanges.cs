using Community.Domain.Persistence;

namespace Community.Domain.Changes;

/// <summary>
/// For writes the change tracker cannot see (<c>ExecuteUpdate</c>, raw SQL): the operation says what it changed, and the
/// interceptor reports it once the transaction commits, or, outside a transaction, when the connection closes after the
/// next statement: so name the change before an auto-committed <c>ExecuteUpdate</c>, or anywhere inside a transaction.
/// Tracked entities (posts, comments, votes, articles) are found by the interceptor itself.
/// </summary>
public static class ContentChanges
{
    /// <summary>The pages of these posts (a question or an answer), and the listings that show them, changed.</summary>
    public static void Posts(CommunityDbContext db, params int[] postIds)
    {
        db.PendingChanges.PostIds.UnionWith(postIds);
        db.PendingChanges.Listings = true;
    }

    /// <summary>Knowledge-base pages (the list and articles) changed.</summary>
    public static void KnowledgeBase(CommunityDbContext db) => db.PendingChanges.KnowledgeBase = true;
}
