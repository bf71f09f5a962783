using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Comments;

public sealed record AddCommentCommand(int PostId, string Body, string? ClientToken = null, bool ConfirmedNotPersonal = false);

public sealed class AddComment(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, PrivilegeOptions privileges, TimeProvider time, CompanyOptions? company = null, Moderation.ModerationGate? gate = null, Notifications.Notifier? notifier = null, Escalations.PersonalDataDetector? personalData = null)
{
    private readonly Moderation.ModerationGate gate = gate ?? new(new Moderation.ModerationOptions(), time);

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, AddCommentCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!string.IsNullOrEmpty(command.ClientToken)
            && await db.Comments.Where(c => c.AuthorId == actor.UserId && c.ClientToken == command.ClientToken).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            return WriteResult<int>.Done(existing);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == command.PostId, cancellationToken);
        if (post is null || !PostRules.CanSee(actor, post))
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This post no longer exists.");
        if (PostRules.CanComment(actor, post) is { Allowed: false } refused)
            return WriteResult<int>.From(refused);
        if (await Moderation.ThreadLocks.CheckAsync(db, actor, post, cancellationToken) is { Allowed: false } locked)
            return WriteResult<int>.From(locked);
        // Anyone may comment on their own post or on answers to their own question; elsewhere it is earned.
        var ownThread = post.AuthorId == actor.UserId
            || post is Questions.Answer answer && await db.Questions.AnyAsync(q => q.Id == answer.QuestionId && q.AuthorId == actor.UserId, cancellationToken);
        if (!ownThread)
        {
            var reputation = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Reputation).SingleAsync(cancellationToken);
            if (PrivilegeRules.Check(privileges, Privilege.CommentEverywhere, reputation, actor.IsModerator) is { Allowed: false } unearned)
                return WriteResult<int>.From(unearned);
        }
        var length = (command.Body ?? "").Trim().Length;
        if (length < Comment.MinLength || length > Comment.MaxLength)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Comment"] = $"A comment has {Comment.MinLength} to {Comment.MaxLength} characters; this one has {length}." });
        if (await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Comment, command.Body, "Comment", cancellationToken) is { } gated)
            return gated;
        var rendered = markdown.RenderComment(command.Body!.Trim());
        if (!rendered.Succeeded)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Comment"] = rendered.Error! });
        if (personalData?.Problem(command.Body, command.ConfirmedNotPersonal, canMoveToPrivate: false) is { } personal)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { [Escalations.PersonalDataDetector.Field] = personal });
        if (limits.TryAcquire(WriteKind.Comment, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        var comment = new Comment
        {
            PostId = post.Id,
            AuthorId = actor.UserId,
            Body = command.Body!.Trim(),
            BodyHtml = rendered.Html,
            RenderVersion = rendered.Version,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            ClientToken = command.ClientToken,
            StaffDisclosure = await StaffDisclosures.CurrentAsync(db, actor.UserId, (company ?? CompanyOptions.Unnamed).Name, cancellationToken),
        };
        db.Comments.Add(comment);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return WriteResult<int>.Done(await again.Comments.Where(c => c.AuthorId == actor.UserId && c.ClientToken == command.ClientToken).Select(c => c.Id).FirstAsync(cancellationToken));
        }
        await gate.ScreenAsync(db, comment, cancellationToken);
        if (comment.StaffDisclosure is not null)
        {
            var questionId = post is Questions.Answer onAnswer ? onAnswer.QuestionId : post.Id;
            await StaffDisclosures.RecordFirstResponseAsync(db, questionId, actor.UserId, comment.CreatedAt, cancellationToken);
        }
        await Notifications.Notifier.AfterAsync(notifier, n => n.CommentPostedAsync(comment.Id, cancellationToken));
        return WriteResult<int>.Done(comment.Id);
    }
}
