namespace Community.Domain.Markdown;

/// <summary>
/// Limits for <see cref="MarkdownRenderer"/>. Every limit exists so that no input can stall or crash a request.
/// </summary>
public sealed record MarkdownRendererOptions
{
    /// <summary>Longest post source accepted, in characters (UTF-16 code units).</summary>
    public int MaxSourceLength { get; init; } = 30_000;

    /// <summary>Longest comment source accepted, in characters (UTF-16 code units).</summary>
    public int MaxCommentLength { get; init; } = 600;

    /// <summary>
    /// Deepest nesting of quotes and lists accepted. Checked cheaply on the source before parsing;
    /// Markdig's own depth limit is derived from it as a backstop (it also covers nested emphasis and links).
    /// </summary>
    public int MaxNestingDepth { get; init; } = 32;

    /// <summary>
    /// Most runs of <c>*</c> or <c>_</c> accepted in one paragraph (outside code). Markdig pairs emphasis delimiters in
    /// time that grows with the square of their number: 10,000 runs in a paragraph take seconds, inside the parser
    /// where the time budget cannot stop it. Real writing stays far below this.
    /// </summary>
    public int MaxEmphasisRunsPerParagraph { get; init; } = 400;

    /// <summary>Most link openers (<c>[</c>) in one paragraph: an unclosed one costs a scan of the rest of the paragraph.</summary>
    public int MaxLinksPerParagraph { get; init; } = 200;

    /// <summary>
    /// Most links in one post (link openers <c>[</c> and autolinks such as <c>https://…</c> or <c>www.…</c>), checked
    /// before parsing: each costs its share of rendering and sanitizing, and 3,000 took 87 ms. A post with a list of a
    /// hundred URLs stays well within it.
    /// </summary>
    public int MaxLinksPerPost { get; init; } = 500;

    /// <summary>Most runs of backticks in one paragraph (outside code blocks): 400 is 200 pieces of inline code.</summary>
    public int MaxBacktickRunsPerParagraph { get; init; } = 400;

    /// <summary>Most table cell separators (<c>|</c>, outside code) in one post: a table of 400 rows and 4 columns fits.</summary>
    public int MaxTableCellsPerPost { get; init; } = 2_000;

    /// <summary>Largest HTML a render may produce, in characters. Reference links can multiply a small source.</summary>
    public int MaxHtmlLength { get; init; } = 200_000;

    /// <summary>Wall-clock budget for one render (parse, HTML generation and sanitizing).</summary>
    public TimeSpan TimeBudget { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock used to measure <see cref="TimeBudget"/>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    internal MarkdownRendererOptions Validated()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxSourceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCommentLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNestingDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxHtmlLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxEmphasisRunsPerParagraph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLinksPerParagraph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLinksPerPost);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBacktickRunsPerParagraph);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTableCellsPerPost);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(TimeBudget, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        return this;
    }
}
