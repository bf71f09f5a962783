using System.Globalization;

namespace Community.Domain.Markdown;

/// <summary>Which kind of text is rendered; decides the limits and the wording of refusals.</summary>
internal enum MarkdownKind
{
    Post,
    Comment,
}

/// <summary>Refusal messages: sentences a person can act on.</summary>
internal static class MarkdownMessages
{
    private static string Noun(MarkdownKind kind) => kind == MarkdownKind.Comment ? "comment" : "post";

    private static string Seconds(TimeSpan span) =>
        span == TimeSpan.FromSeconds(1)
            ? "1 second"
            : $"{span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} seconds";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Empty(MarkdownKind kind) =>
        $"Your {Noun(kind)} is empty. Write something and try again.";

    public static string TooLong(MarkdownKind kind, int length, int limit) =>
        $"Your {Noun(kind)} is {N(length)} characters long; the limit is {N(limit)}. Shorten it and try again.";

    public static string NestedTooDeeply(MarkdownKind kind, int depth, int limit) =>
        $"Your {Noun(kind)} nests quotes or lists {N(depth)} levels deep; the limit is {N(limit)}. " +
        "Remove some of the nesting and try again.";

    public static string NestedTooDeeplyForParser(MarkdownKind kind) =>
        $"Your {Noun(kind)} nests quotes, lists, links or emphasis too deeply for us to display. " +
        "Remove some of the nesting and try again.";

    public static string NothingToShow(MarkdownKind kind) =>
        $"Your {Noun(kind)} has nothing to display (for example, it only defines link references). " +
        "Write some text and try again.";

    public static string HtmlTooLarge(MarkdownKind kind, int limit) =>
        $"Your {Noun(kind)} would produce more than {N(limit)} characters of HTML, which is more than we can display. " +
        "Shorten it, or reuse reference links less often, and try again.";

    public static string TooMuchEmphasis(MarkdownKind kind, int runs, int limit) =>
        $"Your {Noun(kind)} has {N(runs)} runs of * or _ in one paragraph; the limit is {N(limit)}. " +
        "Put code in `backticks` or a code block, or split the paragraph, and try again.";

    public static string TooManyLinks(MarkdownKind kind, int links, int limit) =>
        $"Your {Noun(kind)} has {N(links)} links or [ brackets in one paragraph; the limit is {N(limit)}. " +
        "Split the paragraph, put the links in a list, or put brackets in `backticks`, and try again.";

    public static string TooManyLinksInAll(MarkdownKind kind, int links, int limit) =>
        $"Your {Noun(kind)} has {N(links)} links or [ brackets; the limit is {N(limit)}. " +
        "Link to fewer pages, or put addresses and brackets that need not be links in `backticks`, and try again.";

    public static string TooMuchInlineCode(MarkdownKind kind, int runs, int limit) =>
        $"Your {Noun(kind)} has {N(runs)} runs of ` in one paragraph; the limit is {N(limit)}. " +
        "Put long code in a code block (``` on a line of its own before and after it), or split the paragraph, and try again.";

    public static string TooManyTableCells(MarkdownKind kind, int cells, int limit) =>
        $"Your {Noun(kind)} has {N(cells)} table cells or | characters; the limit is {N(limit)}. " +
        "Shorten the table, put it in a code block, or put | in `backticks`, and try again.";

    public static string TooSlow(MarkdownKind kind, TimeSpan budget) =>
        $"Your {Noun(kind)} took longer than {Seconds(budget)} to format. " +
        "Simplify it (fewer links, less nesting, shorter tables) and try again.";
}
