namespace Community.Domain.Markdown;

/// <summary>
/// Outcome of a render: either sanitized HTML, or a refusal whose <see cref="Error"/> is a sentence for the author.
/// </summary>
public sealed record MarkdownRenderResult(string Html, string? Error)
{
    public bool Succeeded => Error is null;

    /// <summary>Version of the renderer that produced <see cref="Html"/>, so stored HTML can be re-rendered later.</summary>
    public int Version => MarkdownRenderer.CurrentVersion;

    public static MarkdownRenderResult Rendered(string html) => new(html, null);

    public static MarkdownRenderResult Refused(string error) => new("", error);
}
