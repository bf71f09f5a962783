using Community.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

internal static class PostTokens
{
    /// <summary>The post this author already made with this form token, if any.</summary>
    public static async Task<int?> FindAsync(CommunityDbContext db, string authorId, string? clientToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientToken))
            return null;
        var ids = await db.Posts.Where(p => p.AuthorId == authorId && p.ClientToken == clientToken).Select(p => p.Id).Take(1).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}
