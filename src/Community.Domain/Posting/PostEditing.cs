using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Revisions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Posting;

/// <summary>New content for a post, checked and rendered, ready to apply.</summary>
public sealed record PreparedEdit(string Body, MarkdownRenderResult Rendered, string? Title, IReadOnlyList<Tag>? Tags, string? Summary);

/// <summary>
/// What a direct edit and an approved suggested edit share: the same checks on the new content, and the same way of
/// applying it (a new revision credited to whoever wrote the change, a new version, the re-rendered body).
/// </summary>
public static class PostEditing
{
    public static async Task<(PreparedEdit? Edit, Dictionary<string, string> Errors)> PrepareAsync(CommunityDbContext db, MarkdownRenderer markdown, Post post,
        string body, string? title, IReadOnlyList<string>? tagNames, string? summary, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var (rendered, bodyProblem) = PostInput.Render(markdown, body);
        if (bodyProblem is not null) errors["Body"] = bodyProblem;
        if ((summary?.Length ?? 0) > PostRevision.SummaryMaxLength)
            errors["Summary"] = $"Keep the edit summary to {PostRevision.SummaryMaxLength} characters.";
        List<Tag>? tags = null;
        if (post is Question question)
        {
            await db.Entry(question).Collection(q => q.Tags).LoadAsync(cancellationToken);
            if (PostInput.TitleProblem(title) is { } titleProblem) errors["Title"] = titleProblem;
            var names = (tagNames ?? question.Tags.Select(t => t.Name).ToList()).Select(t => t.ToLowerInvariant()).Distinct().ToList();
            tags = await db.Tags.Where(t => names.Contains(t.Name)).ToListAsync(cancellationToken);
            if (PostInput.TagsProblem(names, tags.Select(t => t.Name).ToHashSet()) is { } tagProblem) errors["Tags"] = tagProblem;
        }
        if (errors.Count > 0)
            return (null, errors);
        return (new PreparedEdit(body, rendered!, post is Question ? title!.Trim() : null, tags, string.IsNullOrWhiteSpace(summary) ? null : summary.Trim()), errors);
    }

    /// <summary>Applies the edit to a tracked post as version <paramref name="newVersion"/>; the caller saves.</summary>
    public static async Task ApplyAsync(CommunityDbContext db, Post post, PreparedEdit edit, string editorId, int newVersion, DateTime now, CancellationToken cancellationToken)
    {
        await KnowledgeBase.KnowledgeBaseOutbox.RecordIfFeedsAsync(db, post, KnowledgeBase.ResolutionKind.Edited, now, cancellationToken);
        post.Body = edit.Body;
        post.BodyHtml = edit.Rendered.Html;
        post.RenderVersion = edit.Rendered.Version;
        post.EditedAt = now;
        post.Version = newVersion;
        if (post is Question question)
        {
            question.Title = edit.Title!;
            question.Tags.Clear();
            question.Tags.AddRange(edit.Tags!);
            question.LastActivityAt = now;
        }
        var number = await db.PostRevisions.Where(r => r.PostId == post.Id).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0;
        db.PostRevisions.Add(new PostRevision
        {
            PostId = post.Id,
            Number = number + 1,
            EditorId = editorId,
            CreatedAt = now,
            Title = (post as Question)?.Title,
            Body = post.Body,
            Tags = post is Question q ? PostRevisions.TagsOf(q) : null,
            Summary = edit.Summary,
        });
        if (post is Answer answer)
            await db.Questions.Where(qq => qq.Id == answer.QuestionId).ExecuteUpdateAsync(set => set.SetProperty(qq => qq.LastActivityAt, now), cancellationToken);
    }
}
