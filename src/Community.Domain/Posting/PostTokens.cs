using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

internal static class PostTokens
{
    /// <summary>
    /// Saves a new post and its first revision in <paramref name="transaction"/>. When the author's form token was
    /// already used (a double click racing this one), nothing is saved and the earlier post's id is returned.
    /// </summary>
    public static async Task<int?> AddOnceAsync(IDbContextFactory<CommunityDbContext> contexts, CommunityDbContext db,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Questions.Post post, CancellationToken cancellationToken)
    {
        db.Posts.Add(post);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            // In a group commit the earlier post was in this unit's batch: if that batch failed to commit, it is not
            // there yet, and this unit runs again alone (it then finds the post or makes it).
            return await FindAsync(again, post.AuthorId, post.ClientToken, cancellationToken)
                ?? throw new SqliteGroupCommit.RetryAloneException(e);
        }
        db.PostRevisions.Add(Revisions.PostRevisions.First(post, post.AuthorId));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>The post this author already made with this form token, if any.</summary>
    public static async Task<int?> FindAsync(CommunityDbContext db, string authorId, string? clientToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientToken))
            return null;
        var ids = await db.Posts.Where(p => p.AuthorId == authorId && p.ClientToken == clientToken).Select(p => p.Id).Take(1).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}
