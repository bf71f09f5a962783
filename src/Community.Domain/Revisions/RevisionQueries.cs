using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Revisions;

public sealed record RevisionView(int Number, DateTime CreatedAt, string EditorId, string EditorName, string? Title, string Body, string? Tags, string? Summary);

/// <param name="AuthorStaff">The disclosure the post was written with: shown on its history as on the post.</param>
public sealed record PostHistory(int PostId, int QuestionId, string QuestionTitle, IReadOnlyList<RevisionView> Revisions, string AuthorId = "", Staff.StaffDisclosure? AuthorStaff = null);

public sealed class RevisionQueries(IDbContextFactory<CommunityDbContext> contexts)
{
    /// <summary>Every revision of a post, oldest first; null when the post is gone or the viewer may not see it.</summary>
    public async Task<PostHistory?> HistoryAsync(int postId, Actor? viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
        if (post is null || !PostRules.CanSee(viewer, post))
            return null;
        var questionId = post is Questions.Answer answer ? answer.QuestionId : post.Id;
        var title = await db.Questions.Where(q => q.Id == questionId).Select(q => q.Title).SingleAsync(cancellationToken);
        var revisions = await db.PostRevisions.AsNoTracking().Where(r => r.PostId == postId).OrderBy(r => r.Number)
            .Select(r => new RevisionView(r.Number, r.CreatedAt, r.EditorId, r.Editor!.DisplayName, r.Title, r.Body, r.Tags, r.Summary))
            .ToListAsync(cancellationToken);
        return new PostHistory(postId, questionId, title, revisions, post.AuthorId, post.StaffDisclosure);
    }
}
