using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

/// <param name="ExpectedVersion">The version the editor started from; if the post moved on since, the edit is refused, not lost.</param>
/// <param name="Title">The new title; questions only.</param>
/// <param name="Tags">The new tags; questions only.</param>
public sealed record EditPostCommand(int PostId, int ExpectedVersion, string Body, string? Title = null, IReadOnlyList<string>? Tags = null, string? Summary = null);

/// <summary>An edit by the author or a moderator: a new revision, a new version, and the re-rendered body.</summary>
public sealed class EditPost(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, TimeProvider time, Badges.BadgeAwarder? badges = null, Privileges.PrivilegeOptions? privileges = null)
{
    public const string ConflictMessage = "Someone else edited this post while you were editing. Your text is kept below: compare it with the current version, then save again.";

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, EditPostCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || !PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        var editsOthers = post.AuthorId != actor.UserId && !actor.IsModerator
            && Privileges.PrivilegeRules.Holds(privileges ?? new Privileges.PrivilegeOptions(), Privileges.Privilege.EditOthersPosts,
                await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken), false);
        if (PostRules.CanEdit(actor, post, editsOthers) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (post.Version != command.ExpectedVersion)
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);

        var errors = new Dictionary<string, string>();
        var (rendered, bodyProblem) = PostInput.Render(markdown, command.Body);
        if (bodyProblem is not null) errors["Body"] = bodyProblem;
        if ((command.Summary?.Length ?? 0) > PostRevision.SummaryMaxLength)
            errors["Summary"] = $"Keep the edit summary to {PostRevision.SummaryMaxLength} characters.";
        List<Tag>? tags = null;
        if (post is Question question)
        {
            await db.Entry(question).Collection(q => q.Tags).LoadAsync(cancellationToken);
            if (PostInput.TitleProblem(command.Title) is { } titleProblem) errors["Title"] = titleProblem;
            var names = (command.Tags ?? question.Tags.Select(t => t.Name).ToList()).Select(t => t.ToLowerInvariant()).Distinct().ToList();
            tags = await db.Tags.Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
            if (PostInput.TagsProblem(names, tags.Select(t => t.Name).ToHashSet()) is { } tagProblem) errors["Tags"] = tagProblem;
        }
        if (errors.Count > 0)
            return WriteResult<int>.Invalid(errors);
        if (limits.TryAcquire(WriteKind.Edit, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        var now = time.GetUtcNow().UtcDateTime;
        post.Body = command.Body;
        post.BodyHtml = rendered!.Html;
        post.RenderVersion = rendered.Version;
        post.EditedAt = now;
        post.Version = command.ExpectedVersion + 1;
        if (post is Question edited)
        {
            edited.Title = command.Title!.Trim();
            edited.Tags.Clear();
            edited.Tags.AddRange(tags!);
            edited.LastActivityAt = now;
        }
        var number = await db.PostRevisions.Where(r => r.PostId == post.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.PostRevisions.Add(new PostRevision
        {
            PostId = post.Id,
            Number = number + 1,
            EditorId = actor.UserId,
            CreatedAt = now,
            Title = (post as Question)?.Title,
            Body = post.Body,
            Tags = post is Question q ? PostRevisions.TagsOf(q) : null,
            Summary = string.IsNullOrWhiteSpace(command.Summary) ? null : command.Summary.Trim(),
        });
        if (post is Answer answer)
            await db.Questions.Where(qq => qq.Id == answer.QuestionId).ExecuteUpdateAsync(set => set.SetProperty(qq => qq.LastActivityAt, now), cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Two edits raced for the same revision number: the other one won.
            return WriteResult<int>.Fail(WriteFailure.Conflict, ConflictMessage);
        }
        await Badges.BadgeCheck.AfterAsync(badges, [actor.UserId], cancellationToken);
        return WriteResult<int>.Done(post.Version);
    }
}
