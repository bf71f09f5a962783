using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Revisions;
using Community.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

public sealed record AskQuestionCommand(string Title, string Body, IReadOnlyList<string> Tags, string? ClientToken = null, bool ConfirmedNotPersonal = false);

/// <summary>A member asks: checked, rendered, saved with its first revision. Posting the same form twice makes one question.</summary>
public sealed class AskQuestion(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, TimeProvider time, CompanyOptions? company = null, Moderation.ModerationGate? gate = null, Notifications.Notifier? notifier = null, Escalations.PersonalDataDetector? personalData = null)
{
    private readonly Moderation.ModerationGate gate = gate ?? new(new Moderation.ModerationOptions(), time);

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, AskQuestionCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            if (await PostTokens.FindAsync(db, actor.UserId, command.ClientToken, cancellationToken) is { } existing)
                return WriteResult<int>.Done(existing);

            var tagNames = command.Tags.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList();
            var tags = await db.Tags.Where(t => tagNames.Contains(t.Name)).ToListAsync(cancellationToken);
            var errors = new Dictionary<string, string>();
            if (PostInput.TitleProblem(command.Title) is { } titleProblem) errors["Title"] = titleProblem;
            var (rendered, bodyProblem) = PostInput.Render(markdown, command.Body);
            if (bodyProblem is not null) errors["Body"] = bodyProblem;
            if (PostInput.TagsProblem(tagNames, tags.Select(t => t.Name).ToHashSet()) is { } tagProblem) errors["Tags"] = tagProblem;
            if (personalData?.Problem(command.Title + "\n" + command.Body, command.ConfirmedNotPersonal, canMoveToPrivate: true) is { } personal) errors[Escalations.PersonalDataDetector.Field] = personal;
            if (errors.Count > 0)
                return WriteResult<int>.Invalid(errors);
            if (await gate.CheckAsync<int>(db, actor, Moderation.GatedWrite.Post, command.Body, cancellationToken: cancellationToken) is { } refused)
                return refused;
            if (limits.TryAcquire(WriteKind.Post, actor) is { Allowed: false } limited)
                return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

            var now = time.GetUtcNow().UtcDateTime;
            var question = new Question
            {
                Title = command.Title.Trim(),
                Body = command.Body,
                BodyHtml = rendered!.Html,
                RenderVersion = rendered.Version,
                AuthorId = actor.UserId,
                CreatedAt = now,
                LastActivityAt = now,
                Tags = tags,
                ClientToken = command.ClientToken,
                StaffDisclosure = await StaffDisclosures.CurrentAsync(db, actor.UserId, (company ?? CompanyOptions.Unnamed).Name, cancellationToken),
            };
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (await PostTokens.AddOnceAsync(contexts, db, transaction, question, cancellationToken) is { } earlier)
                return WriteResult<int>.Done(earlier);
            await gate.ScreenAsync(db, question, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            await Notifications.Notifier.AfterAsync(notifier, n => n.QuestionAskedAsync(question.Id, cancellationToken));
            return WriteResult<int>.Done(question.Id);
        }, cancellationToken);
    }
}
