using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Community.Domain.Questions;

namespace Community.Web.Components.Pages.Questions;

/// <summary>
/// schema.org QAPage data for a question page. Staff authors carry their employer as <c>affiliation</c>, so the
/// disclosure reaches search engines too. Written by System.Text.Json's <see cref="Utf8JsonWriter"/>, whose default
/// encoder escapes &lt; and &gt;, so no post text can close the script element. The answers' full text is what
/// QAPage asks for, so this is a third of a busy page: written straight to a buffer rather than built as a DOM.
/// </summary>
public static class QuestionJsonLd
{
    public static string For(QuestionThread thread, string questionText, Func<string, string> absoluteUrl, string company)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "QAPage");
            json.WriteStartObject("mainEntity");
            json.WriteString("@type", "Question");
            json.WriteString("name", thread.Title);
            json.WriteString("text", questionText);
            json.WriteNumber("answerCount", thread.Answers.Count(a => !a.IsDeleted));
            json.WriteNumber("upvoteCount", thread.Score);
            json.WriteString("dateCreated", thread.AskedAt.ToString("O"));
            json.WritePropertyName("author");
            Person(json, thread.Author, absoluteUrl, company);
            var url = thread.Url;
            if (thread.Answers.FirstOrDefault(a => a.IsAccepted && !a.IsDeleted) is { } accepted)
            {
                json.WritePropertyName("acceptedAnswer");
                Answer(json, accepted, url, absoluteUrl, company);
            }
            var suggested = thread.Answers.Where(a => !a.IsDeleted && !a.IsAccepted).ToList();
            if (suggested.Count > 0)
            {
                json.WriteStartArray("suggestedAnswer");
                foreach (var answer in suggested)
                    Answer(json, answer, url, absoluteUrl, company);
                json.WriteEndArray();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Answer(Utf8JsonWriter json, AnswerView answer, string threadUrl, Func<string, string> absoluteUrl, string company)
    {
        json.WriteStartObject();
        json.WriteString("@type", "Answer");
        json.WriteString("text", PlainText(answer.BodyHtml));
        json.WriteNumber("upvoteCount", answer.Score);
        json.WriteString("dateCreated", answer.AnsweredAt.ToString("O"));
        json.WriteString("url", absoluteUrl($"{threadUrl}#answer-{answer.Id}"));
        json.WritePropertyName("author");
        Person(json, answer.Author, absoluteUrl, company);
        json.WriteEndObject();
    }

    private static void Person(Utf8JsonWriter json, PostAuthor author, Func<string, string> absoluteUrl, string company)
    {
        json.WriteStartObject();
        json.WriteString("@type", "Person");
        json.WriteString("name", author.Staff?.Name ?? author.DisplayName);
        json.WriteString("url", absoluteUrl(author.Staff is null ? $"users/{author.Id}" : $"staff/{author.Id}"));
        if (author.Staff is { } staff)
        {
            json.WriteString("jobTitle", staff.Title);
            json.WriteStartObject("affiliation");
            json.WriteString("@type", "Organization");
            json.WriteString("name", staff.Company.Length > 0 ? staff.Company : company);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    /// <summary>
    /// The text of sanitized HTML, for the structured data's plain-text fields and meta descriptions: every tag becomes
    /// a space, entities are decoded, runs of white space become one space. The runs between tags, entities and spaces
    /// are found and copied with vectorized searches: a character at a time (with a StringBuilder) it was a tenth of a
    /// visitor's 30-answer question page (bench/README.md), and two regular expressions before that were more.
    /// </summary>
    public static string PlainText(string html)
    {
        var text = html.AsSpan();
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            var hasEntity = false;
            while (true)
            {
                var next = text.IndexOfAny(TagOrEntity);
                var run = next < 0 ? text : text[..next];
                run.CopyTo(buffer.AsSpan(length));
                length += run.Length;
                if (next < 0)
                    break;
                text = text[next..];
                // A tag is "<" … ">" with something between: "<>" and a "<" that is never closed stay as they are.
                if (text[0] == '<' && text[1..].IndexOf('>') is > 0 and var close)
                {
                    buffer[length++] = ' ';
                    text = text[(close + 2)..];
                    continue;
                }
                hasEntity |= text[0] == '&';
                buffer[length++] = text[0];
                text = text[1..];
            }
            var decoded = hasEntity ? WebUtility.HtmlDecode(new string(buffer, 0, length)).AsSpan() : buffer.AsSpan(0, length);
            return CollapseWhiteSpace(decoded);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static readonly SearchValues<char> TagOrEntity = SearchValues.Create("<&");

    /// <summary>Every character <see cref="char.IsWhiteSpace(char)"/> calls white space but the space, for a vectorized search.</summary>
    private static readonly SearchValues<char> WhiteSpaceButSpace = SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => c != ' ' && char.IsWhiteSpace(c)).ToArray());

    private static string CollapseWhiteSpace(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        var run = NextRun(text);
        if (run < 0)
            return new string(text);
        var buffer = ArrayPool<char>.Shared.Rent(text.Length);
        try
        {
            var length = 0;
            // Trimmed at both ends, so every run of white space found here has text after it.
            for (; run >= 0; run = NextRun(text))
            {
                text[..run].CopyTo(buffer.AsSpan(length));
                length += run;
                buffer[length++] = ' ';
                text = text[run..].TrimStart();
            }
            text.CopyTo(buffer.AsSpan(length));
            return new string(buffer, 0, length + text.Length);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Where the next run of white space that is not one lone space begins, or -1. Most white space in text is one space
    /// between words, which stays as it is: searching only for other white space and for two spaces keeps the search
    /// vectorized over whole sentences instead of stopping at every word (it was 3% of a visitor's question page).
    /// </summary>
    private static int NextRun(ReadOnlySpan<char> text)
    {
        var other = text.IndexOfAny(WhiteSpaceButSpace);
        var doubled = (other < 0 ? text : text[..other]).IndexOf("  ", StringComparison.Ordinal);
        var run = doubled >= 0 ? doubled : other;
        while (run > 0 && text[run - 1] == ' ')
            run--;
        return run;
    }
}
