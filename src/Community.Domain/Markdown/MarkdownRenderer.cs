using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Community.Domain.Markdown;

/// <summary>
/// Turns user Markdown into safe HTML: Markdig (raw HTML disabled) followed by an allow-list HtmlSanitizer,
/// with hard limits on source length, nesting depth, produced HTML size and time.
/// Thread-safe: the pipelines and sanitizers are built once per instance and never changed, so one instance
/// can be registered as a singleton.
/// </summary>
public sealed class MarkdownRenderer(MarkdownRendererOptions options)
{
    /// <summary>Bump when the produced HTML changes, so stored renderings can be refreshed.</summary>
    public const int CurrentVersion = 1;

    private readonly MarkdownRendererOptions _options = (options ?? throw new ArgumentNullException(nameof(options))).Validated();
    private readonly MarkdownPipeline _postPipeline = MarkdownPipelines.CreatePost(options.MaxNestingDepth);
    private readonly MarkdownPipeline _commentPipeline = MarkdownPipelines.CreateComment(options.MaxNestingDepth);
    private readonly HtmlSanitizer _postSanitizer = MarkdownSanitizers.CreatePost();
    private readonly HtmlSanitizer _commentSanitizer = MarkdownSanitizers.CreateComment();

    public MarkdownRenderer() : this(new MarkdownRendererOptions()) { }

    /// <summary>
    /// The same limits with a longer time budget, for text we wrote ourselves (the demo) rendered in bulk at start-up,
    /// when a busy machine can starve one render of the CPU for longer than a visitor's request may take.
    /// </summary>
    public MarkdownRenderer ForTrustedBulk() => new(_options with { TimeBudget = TimeSpan.FromMinutes(1) });

    /// <summary>Renders a post: CommonMark, pipe tables, task lists, autolinks; headings demoted to h3–h6.</summary>
    public MarkdownRenderResult Render(string markdown) =>
        Render(markdown, MarkdownKind.Post, _options.MaxSourceLength, _postPipeline, _postSanitizer);

    /// <summary>
    /// Renders a comment: links, inline code and emphasis only. Block constructs (headings, lists, quotes,
    /// code blocks, tables) and images stay literal text inside plain paragraphs.
    /// </summary>
    public MarkdownRenderResult RenderComment(string markdown) =>
        Render(markdown, MarkdownKind.Comment, _options.MaxCommentLength, _commentPipeline, _commentSanitizer);

    private MarkdownRenderResult Render(
        string markdown, MarkdownKind kind, int maxLength, MarkdownPipeline pipeline, HtmlSanitizer sanitizer)
    {
        ArgumentNullException.ThrowIfNull(markdown);

        if (string.IsNullOrWhiteSpace(markdown))
            return MarkdownRenderResult.Refused(MarkdownMessages.Empty(kind));
        if (markdown.Length > maxLength)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooLong(kind, markdown.Length, maxLength));

        if (kind == MarkdownKind.Post)
        {
            var depth = NestingPreCheck.DeepestLine(markdown);
            if (depth > _options.MaxNestingDepth)
                return MarkdownRenderResult.Refused(MarkdownMessages.NestedTooDeeply(kind, depth, _options.MaxNestingDepth));
        }

        var emphasis = EmphasisPreCheck.MostRunsInAParagraph(markdown);
        if (emphasis > _options.MaxEmphasisRunsPerParagraph)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooMuchEmphasis(kind, emphasis, _options.MaxEmphasisRunsPerParagraph));
        var links = EmphasisPreCheck.MostLinksInAParagraph(markdown);
        if (links > _options.MaxLinksPerParagraph)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooManyLinks(kind, links, _options.MaxLinksPerParagraph));
        var backticks = EmphasisPreCheck.MostBacktickRunsInAParagraph(markdown);
        if (backticks > _options.MaxBacktickRunsPerParagraph)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooMuchInlineCode(kind, backticks, _options.MaxBacktickRunsPerParagraph));
        var cells = EmphasisPreCheck.TableCellsInPost(markdown);
        if (cells > _options.MaxTableCellsPerPost)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooManyTableCells(kind, cells, _options.MaxTableCellsPerPost));
        var allLinks = EmphasisPreCheck.LinksInPost(markdown);
        if (allLinks > _options.MaxLinksPerPost)
            return MarkdownRenderResult.Refused(MarkdownMessages.TooManyLinksInAll(kind, allLinks, _options.MaxLinksPerPost));

        var budget = new RenderBudget(_options.TimeProvider, _options.TimeBudget);
        try
        {
            var document = Parse(markdown, pipeline, kind);
            CheckBudget(budget, kind);

            if (kind == MarkdownKind.Post)
                DemoteHeadings(document);
            else
                ImagesToText(document, markdown);

            var writer = new BoundedHtmlWriter(_options.MaxHtmlLength, budget, kind);
            RenderHtml(document, writer, pipeline, kind);
            CheckBudget(budget, kind);

            var html = sanitizer.Sanitize(writer.ToString());
            CheckBudget(budget, kind);

            // The sanitizer adds rel attributes, so the final HTML is checked against the limit too.
            if (html.Length > _options.MaxHtmlLength)
                return MarkdownRenderResult.Refused(MarkdownMessages.HtmlTooLarge(kind, _options.MaxHtmlLength));
            if (string.IsNullOrWhiteSpace(html))
                return MarkdownRenderResult.Refused(MarkdownMessages.NothingToShow(kind));

            return MarkdownRenderResult.Rendered(html);
        }
        catch (MarkdownRefusedException refused)
        {
            return MarkdownRenderResult.Refused(refused.Message);
        }
    }

    private static MarkdownDocument Parse(string markdown, MarkdownPipeline pipeline, MarkdownKind kind)
    {
        try
        {
            return Markdig.Markdown.Parse(markdown, pipeline);
        }
        catch (Exception ex) when (IsDepthLimit(ex))
        {
            throw new MarkdownRefusedException(MarkdownMessages.NestedTooDeeplyForParser(kind));
        }
    }

    private static void RenderHtml(MarkdownDocument document, TextWriter writer, MarkdownPipeline pipeline, MarkdownKind kind)
    {
        try
        {
            Markdig.Markdown.ToHtml(document, writer, pipeline);
            writer.Flush();
        }
        catch (Exception ex) when (IsDepthLimit(ex))
        {
            throw new MarkdownRefusedException(MarkdownMessages.NestedTooDeeplyForParser(kind));
        }
    }

    /// <summary>
    /// Markdig throws <see cref="ArgumentException"/> when the syntax tree exceeds
    /// <see cref="MarkdownPipeline.MaximumNestingDepth"/>; the stack guard is the last line of defence.
    /// </summary>
    private static bool IsDepthLimit(Exception ex) =>
        ex is InsufficientExecutionStackException
        || (ex is ArgumentException && ex.Message.Contains("nested", StringComparison.OrdinalIgnoreCase));

    private static void CheckBudget(RenderBudget budget, MarkdownKind kind)
    {
        if (budget.IsExceeded)
            throw new MarkdownRefusedException(MarkdownMessages.TooSlow(kind, budget.Budget));
    }

    /// <summary>The page uses h1 for its title and h2 for sections: <c>#</c> becomes h3, capped at h6.</summary>
    private static void DemoteHeadings(MarkdownDocument document)
    {
        foreach (var heading in document.Descendants<HeadingBlock>())
            heading.Level = Math.Min(heading.Level + 2, 6);
    }

    /// <summary>Comments show no images: the image syntax is put back as the text the author typed.</summary>
    private static void ImagesToText(MarkdownDocument document, string markdown)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(link => link.IsImage).ToList())
        {
            var span = image.Span;
            var text = span.Length > 0 && span.Start >= 0 && span.End < markdown.Length
                ? markdown.Substring(span.Start, span.Length)
                : "";
            image.ReplaceBy(new LiteralInline(text), copyChildren: false);
        }
    }
}
