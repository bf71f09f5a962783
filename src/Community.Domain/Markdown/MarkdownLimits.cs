using System.Text;

namespace Community.Domain.Markdown;

/// <summary>Thrown inside one render when a limit is hit; carries the message for the author.</summary>
internal sealed class MarkdownRefusedException(string message) : Exception(message);

/// <summary>Wall-clock budget of one render.</summary>
internal sealed class RenderBudget(TimeProvider time, TimeSpan budget)
{
    private readonly long _start = time.GetTimestamp();

    public TimeSpan Budget => budget;

    public bool IsExceeded => time.GetElapsedTime(_start) > budget;
}

internal static class EmphasisPreCheck
{
    /// <summary>
    /// Cheap, allocation-free count of <c>*</c>/<c>_</c> runs in the busiest paragraph, skipping fenced code blocks and
    /// inline code spans (where they are not emphasis): what Markdig's emphasis pass would have to pair up.
    /// </summary>
    public static int MostRunsInAParagraph(string source) => MostInAParagraph(source, RunsOutsideCode);

    /// <summary>
    /// Link openers (<c>[</c>) in the busiest paragraph, outside code: each unclosed one makes Markdig look ahead through
    /// the rest of the paragraph, so thousands of them took over half a second ('[a](' repeated: 574 ms; '[' alone: 133 ms).
    /// </summary>
    public static int MostLinksInAParagraph(string source) => MostInAParagraph(source, LinksOutsideCode);

    /// <summary>
    /// Links in the whole source, outside code: link openers (<c>[</c>) and the starts of autolinks (<c>://</c>,
    /// <c>www.</c>, <c>mailto:</c>). Each link costs its HTML and the sanitizer's work on it: 3,000 bare URLs took
    /// 87 ms, to be refused afterwards by the HTML size limit (bench/RESULTS.md).
    /// </summary>
    public static int LinksInPost(string source) => TotalOutsideFences(source, line =>
    {
        // A task list's box ("- [ ] ", "- [x] ") is not a link.
        if (StartsItsOwnBlock(line.TrimStart(' '), out var content) && content.Length >= 3 && content[0] == '[' && content[1] is ' ' or 'x' or 'X' && content[2] == ']')
            line = content[3..];
        return LinksOutsideCode(line) + AutolinksOutsideCode(line);
    });

    /// <summary>
    /// Runs of backticks in the busiest paragraph (outside fenced code): each pair is a code element the sanitizer
    /// parses again, and '`a``' repeated took 33–100 ms there, Markdig itself 1 ms (bench/RESULTS.md).
    /// </summary>
    public static int MostBacktickRunsInAParagraph(string source) => MostInAParagraph(source, BacktickRuns);

    /// <summary>
    /// Table cell separators (<c>|</c>) in the whole source, outside code: each is a cell the sanitizer parses again;
    /// a table of 2,000 columns took 40–170 ms, four fifths of it in the sanitizer.
    /// </summary>
    public static int TableCellsInPost(string source) => TotalOutsideFences(source, PipesOutsideCode);

    /// <summary>The sum of <paramref name="count"/> over every line outside fenced code blocks.</summary>
    private static int TotalOutsideFences(string source, LineCount count)
    {
        int total = 0, lineStart = 0;
        var inFence = false;
        while (lineStart <= source.Length)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = source.Length;
            var line = source.AsSpan(lineStart, lineEnd - lineStart);
            var text = line.TrimStart(' ');
            if (text.StartsWith("```") || text.StartsWith("~~~"))
                inFence = !inFence;
            else if (!inFence)
                total += count(line);
            lineStart = lineEnd + 1;
        }
        return total;
    }

    private static int BacktickRuns(ReadOnlySpan<char> line)
    {
        var runs = 0;
        for (var i = 0; i < line.Length; i++)
            if (line[i] == '`' && (i == 0 || line[i - 1] != '`'))
                runs++;
        return runs;
    }

    private static int PipesOutsideCode(ReadOnlySpan<char> line) => CountOutsideCode(line, '|');

    /// <summary>How many <paramref name="wanted"/> a line has outside its code spans (between backticks).</summary>
    private static int CountOutsideCode(ReadOnlySpan<char> line, char wanted)
    {
        var count = 0;
        var inCode = false;
        foreach (var c in line)
        {
            if (c == '`')
                inCode = !inCode;
            else if (!inCode && c == wanted)
                count++;
        }
        return count;
    }

    private delegate int LineCount(ReadOnlySpan<char> line);

    private static int MostInAParagraph(string source, LineCount count)
    {
        int most = 0, runs = 0, lineStart = 0;
        var inFence = false;
        while (lineStart <= source.Length)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = source.Length;
            var line = source.AsSpan(lineStart, lineEnd - lineStart);
            var text = line.TrimStart(' ');
            if (text.StartsWith("```") || text.StartsWith("~~~"))
            {
                inFence = !inFence;
                runs = 0;
            }
            else if (!inFence && text.Trim().IsEmpty)
                runs = 0;
            else if (!inFence)
            {
                // A list item or a heading is a paragraph of its own: its marker is not emphasis.
                if (StartsItsOwnBlock(text, out var content))
                {
                    runs = 0;
                    line = content;
                }
                runs += count(line);
            }
            most = Math.Max(most, runs);
            lineStart = lineEnd + 1;
        }
        return most;
    }

    private static bool StartsItsOwnBlock(ReadOnlySpan<char> text, out ReadOnlySpan<char> content)
    {
        content = text;
        if (text.StartsWith("#"))
            return true;
        if (text.Length >= 2 && text[0] is '*' or '-' or '+' && text[1] == ' ')
        {
            content = text[2..];
            return true;
        }
        var digits = 0;
        while (digits < text.Length && digits < 9 && char.IsAsciiDigit(text[digits]))
            digits++;
        if (digits > 0 && digits + 1 < text.Length && text[digits] is '.' or ')' && text[digits + 1] == ' ')
        {
            content = text[(digits + 2)..];
            return true;
        }
        return false;
    }

    private static int LinksOutsideCode(ReadOnlySpan<char> line) => CountOutsideCode(line, '[');

    private static int AutolinksOutsideCode(ReadOnlySpan<char> line)
    {
        var links = 0;
        var inCode = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '`')
                inCode = !inCode;
            else if (!inCode && ((c == ':' && line[i..].StartsWith("://") && !IsLinkDestination(line, i))
                || (c is 'w' or 'W' && line[i..].StartsWith("www.", StringComparison.OrdinalIgnoreCase) && (i == 0 || !char.IsAsciiLetterOrDigit(line[i - 1]) && line[i - 1] != '/'))
                || (c is 'm' or 'M' && line[i..].StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))))
                links++;
        }
        return links;
    }

    /// <summary>The address of <c>[text](https://…)</c>: its <c>[</c> already counted the link.</summary>
    private static bool IsLinkDestination(ReadOnlySpan<char> line, int colon)
    {
        var start = colon;
        while (start > 0 && char.IsAsciiLetter(line[start - 1]))
            start--;
        return start > 0 && line[start - 1] == '(';
    }

    private static int RunsOutsideCode(ReadOnlySpan<char> line)
    {
        var runs = 0;
        var inCode = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '`')
                inCode = !inCode;
            else if (!inCode && c is '*' or '_' && (i == 0 || line[i - 1] != c))
                runs++;
        }
        return runs;
    }
}

internal static class NestingPreCheck
{
    /// <summary>
    /// Cheap, allocation-free estimate of how deeply a line opens quotes and lists: counts the chain of
    /// container markers (<c>&gt;</c>, <c>-</c>, <c>+</c>, <c>*</c>, <c>1.</c>, <c>1)</c>) at the start of each line.
    /// Nesting by indentation alone is left to Markdig's own depth limit.
    /// </summary>
    public static int DeepestLine(string source)
    {
        var deepest = 0;
        var lineStart = 0;
        while (lineStart < source.Length)
        {
            var lineEnd = source.IndexOf('\n', lineStart);
            if (lineEnd < 0)
                lineEnd = source.Length;
            var depth = LineDepth(source.AsSpan(lineStart, lineEnd - lineStart));
            if (depth > deepest)
                deepest = depth;
            lineStart = lineEnd + 1;
        }
        return deepest;
    }

    private static int LineDepth(ReadOnlySpan<char> line)
    {
        if (IsThematicBreak(line))
            return 0;

        var depth = 0;
        var i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t')
                i++;
            if (i >= line.Length)
                return depth;

            var c = line[i];
            if (c == '>')
            {
                depth++;
                i++;
                continue;
            }
            if (c is '-' or '+' or '*' && IsSpaceOrEnd(line, i + 1))
            {
                depth++;
                i++;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                var j = i;
                while (j < line.Length && j - i < 9 && char.IsAsciiDigit(line[j]))
                    j++;
                if (j < line.Length && line[j] is '.' or ')' && IsSpaceOrEnd(line, j + 1))
                {
                    depth++;
                    i = j + 1;
                    continue;
                }
            }
            return depth;
        }
    }

    private static bool IsSpaceOrEnd(ReadOnlySpan<char> line, int index) =>
        index >= line.Length || line[index] is ' ' or '\t' or '\r';

    /// <summary><c>- - -</c> or <c>* * *</c> is a horizontal rule, not nested lists.</summary>
    private static bool IsThematicBreak(ReadOnlySpan<char> line)
    {
        var trimmed = line.Trim(" \t\r");
        if (trimmed.Length < 3 || trimmed[0] is not ('-' or '*' or '_'))
            return false;
        var marker = trimmed[0];
        foreach (var c in trimmed)
        {
            if (c != marker && c is not (' ' or '\t'))
                return false;
        }
        return true;
    }
}

/// <summary>
/// Collects Markdig's HTML output and aborts the render as soon as it exceeds the size limit or the time budget,
/// so that a source that multiplies (reference links) never materializes megabytes.
/// </summary>
internal sealed class BoundedHtmlWriter(int maxLength, RenderBudget budget, MarkdownKind kind) : TextWriter
{
    private const int WritesBetweenClockChecks = 1024;

    private readonly StringBuilder _html = new();
    private int _writes;

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        Reserve(1);
        _html.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        _html.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        _html.Append(buffer);
    }

    public override void Write(string? value)
    {
        if (value is null)
            return;
        Reserve(value.Length);
        _html.Append(value);
    }

    public override string ToString() => _html.ToString();

    private void Reserve(int count)
    {
        if (_html.Length + (long)count > maxLength)
            throw new MarkdownRefusedException(MarkdownMessages.HtmlTooLarge(kind, maxLength));
        if (++_writes % WritesBetweenClockChecks == 0 && budget.IsExceeded)
            throw new MarkdownRefusedException(MarkdownMessages.TooSlow(kind, budget.Budget));
    }
}
