using Community.Domain.Markdown;
using Community.Domain.Questions;

namespace Community.Domain.Posting;

/// <summary>Checks what a person typed and says, per field, what to fix.</summary>
public static class PostInput
{
    public const int BodyMinLength = 30;
    public const int BodyMaxLength = 30_000;
    public const int MinTags = 1;
    public const int MaxTags = 5;

    public static string? TitleProblem(string? title)
    {
        var length = (title ?? "").Trim().Length;
        if (length == 0) return "Add a title: a short summary of your problem.";
        if (length < Question.TitleMinLength) return $"Make the title at least {Question.TitleMinLength} characters so others can tell what it is about; it has {length}.";
        if (length > Question.TitleMaxLength) return $"Shorten the title to {Question.TitleMaxLength} characters; it has {length}.";
        return null;
    }

    public static string? BodyLengthProblem(string? body)
    {
        var length = (body ?? "").Trim().Length;
        if (length == 0) return "Describe your problem: what you tried and what happened.";
        if (length < BodyMinLength) return $"Add more detail: at least {BodyMinLength} characters; it has {length}.";
        return length > BodyMaxLength ? $"Shorten the text to {BodyMaxLength:N0} characters; it has {length:N0}." : null;
    }

    public static string? TagsProblem(IReadOnlyCollection<string> tags, IReadOnlySet<string> known)
    {
        if (tags.Count < MinTags) return "Choose at least one tag, the product area your question is about.";
        if (tags.Count > MaxTags) return $"Choose at most {MaxTags} tags; you chose {tags.Count}.";
        var unknown = tags.Where(t => !known.Contains(t)).ToList();
        return unknown.Count == 0 ? null : $"Choose existing tags only; these do not exist: {string.Join(", ", unknown)}.";
    }

    /// <summary>Tags as typed ("Setup, wifi-coverage  firmware") to distinct lower-case names.</summary>
    public static IReadOnlyList<string> ParseTags(string? tags) =>
        (tags ?? "").Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.ToLowerInvariant()).Distinct().ToList();

    /// <summary>Renders a body for saving; a refusal becomes the field's message, so nothing accepted can fail at view time.</summary>
    public static (MarkdownRenderResult? Rendered, string? Problem) Render(MarkdownRenderer renderer, string? body)
    {
        if (BodyLengthProblem(body) is { } problem)
            return (null, problem);
        var rendered = renderer.Render(body!);
        return rendered.Succeeded ? (rendered, null) : (null, rendered.Error);
    }
}
