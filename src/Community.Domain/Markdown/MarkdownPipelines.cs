using Markdig;
using Markdig.Extensions.EmphasisExtras;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;

namespace Community.Domain.Markdown;

/// <summary>
/// Markdig pipelines. A built <see cref="MarkdownPipeline"/> is immutable and safe to share between threads.
/// Raw HTML is always disabled: it is escaped as text, never passed through.
/// </summary>
internal static class MarkdownPipelines
{
    /// <summary>
    /// Markdig's own limit is a backstop behind <see cref="NestingPreCheck"/> (which only sees markers on one line):
    /// it catches lists nested by indentation and deeply nested emphasis. Markdig counts a list level as more than
    /// one level of its tree, so the limit is roughly doubled; with the default 32 this lets through 63 levels of
    /// lists and 71 of quotes or emphasis, and refuses anything deeper.
    /// </summary>
    internal static int MarkdigDepthFor(int maxNestingDepth) => checked(maxNestingDepth * 2 + 8);

    /// <summary>CommonMark plus pipe tables, task lists, bare-URL autolinks and ~~strikethrough~~.</summary>
    public static MarkdownPipeline CreatePost(int maxNestingDepth)
    {
        var builder = new MarkdownPipelineBuilder()
            .UsePipeTables()
            .UseTaskLists()
            .UseAutoLinks()
            .UseEmphasisExtras(EmphasisExtraOptions.Strikethrough)
            .DisableHtml();
        builder.MaximumNestingDepth = MarkdigDepthFor(maxNestingDepth);
        return builder.Build();
    }

    /// <summary>
    /// Comments: paragraphs with links, inline code and emphasis only. Every block parser except paragraphs is
    /// removed, so headings, quotes, lists, code blocks, rules and tables stay literal text.
    /// Images are turned back into text after parsing (see <see cref="MarkdownRenderer"/>).
    /// </summary>
    public static MarkdownPipeline CreateComment(int maxNestingDepth)
    {
        var builder = new MarkdownPipelineBuilder()
            .UseAutoLinks()
            .UsePreciseSourceLocation() // source spans, to show an image's original text
            .DisableHtml();

        builder.BlockParsers.RemoveAll(parser => parser is not ParagraphBlockParser);
        foreach (var paragraph in builder.BlockParsers.OfType<ParagraphBlockParser>())
            paragraph.ParseSetextHeadings = false;

        builder.InlineParsers.RemoveAll(parser => parser is not (
            LinkInlineParser or EscapeInlineParser or EmphasisInlineParser or CodeInlineParser
            or AutolinkInlineParser or LineBreakInlineParser or HtmlEntityParser
            or Markdig.Extensions.AutoLinks.AutoLinkParser));

        builder.MaximumNestingDepth = MarkdigDepthFor(maxNestingDepth);
        return builder.Build();
    }
}
