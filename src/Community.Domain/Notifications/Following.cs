using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Notifications;

/// <summary>Members follow and unfollow questions and tags; following twice is following once.</summary>
public sealed class Following(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public const int MaxFollowedTags = 50;

    public async Task<WriteResult<bool>> FollowQuestionAsync(Actor actor, int questionId, bool follow, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Questions.AnyAsync(q => q.Id == questionId && q.DeletedAt == null, cancellationToken))
            return WriteResult<bool>.Fail(WriteFailure.NotFound, "This question no longer exists.");
        if (!follow)
        {
            await db.Follows.Where(f => f.UserId == actor.UserId && f.QuestionId == questionId).ExecuteDeleteAsync(cancellationToken);
            return WriteResult<bool>.Done(false);
        }
        return await AddAsync(db, new Follow { UserId = actor.UserId, QuestionId = questionId, CreatedAt = time.GetUtcNow().UtcDateTime }, cancellationToken);
    }

    public async Task<WriteResult<bool>> FollowTagAsync(Actor actor, string tagName, bool follow, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tagId = await db.Tags.Where(t => t.Name == tagName).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
        if (tagId is null)
            return WriteResult<bool>.Fail(WriteFailure.NotFound, $"There is no tag “{tagName}”.");
        if (!follow)
        {
            await db.Follows.Where(f => f.UserId == actor.UserId && f.TagId == tagId).ExecuteDeleteAsync(cancellationToken);
            return WriteResult<bool>.Done(false);
        }
        if (await db.Follows.CountAsync(f => f.UserId == actor.UserId && f.TagId != null, cancellationToken) >= MaxFollowedTags)
            return WriteResult<bool>.Fail(WriteFailure.Invalid, $"You follow {MaxFollowedTags} tags already; unfollow one first.");
        return await AddAsync(db, new Follow { UserId = actor.UserId, TagId = tagId, CreatedAt = time.GetUtcNow().UtcDateTime }, cancellationToken);
    }

    public async Task<bool> FollowsQuestionAsync(string userId, int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Follows.AnyAsync(f => f.UserId == userId && f.QuestionId == questionId, cancellationToken);
    }

    public async Task<IReadOnlyList<string>> FollowedTagsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Follows.Where(f => f.UserId == userId && f.TagId != null).Select(f => f.Tag!.Name).OrderBy(n => n).ToListAsync(cancellationToken);
    }

    private static async Task<WriteResult<bool>> AddAsync(CommunityDbContext db, Follow follow, CancellationToken cancellationToken)
    {
        db.Follows.Add(follow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Already following (a double click, a second tab).
        }
        return WriteResult<bool>.Done(true);
    }
}
