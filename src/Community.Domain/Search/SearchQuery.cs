using System.Text;

namespace Community.Domain.Search;

/// <summary>A word, or a quoted phrase, that a result must contain.</summary>
public sealed record SearchTerm(string Text, bool IsPhrase);

/// <summary>
/// What a visitor typed, taken apart by our own small tokenizer: words, "quoted phrases", [tags] and the filters
/// is:answered, is:accepted and in:kb. Nothing the visitor types reaches FTS5 as syntax: every term is quoted, so
/// NEAR, AND, *, column filters and stray quotes are plain words (see <see cref="ToMatch"/>).
/// </summary>
public sealed record SearchQuery(
    IReadOnlyList<SearchTerm> Terms,
    IReadOnlyList<string> Tags,
    bool Answered,
    bool Accepted,
    bool KnowledgeBaseOnly,
    string? Notice)
{
    public const int MaxLength = 200;
    public const int MaxTerms = 12;
    public const int MaxTags = 5;

    public bool IsEmpty => Terms.Count == 0 && Tags.Count == 0;

    /// <summary>Words too common to help a suggestion or a related-question match find anything.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from", "how", "i", "if", "in", "is", "it",
        "its", "my", "no", "not", "of", "on", "or", "so", "that", "the", "this", "to", "was", "what", "when", "where", "why", "with",
        "after", "keeps", "get", "i'm", "me", "will", "you", "your", "there", "they", "we", "our", "have", "has", "am", "any",
    };

    public static SearchQuery Parse(string? input)
    {
        var text = (input ?? "").Trim();
        string? notice = null;
        if (text.Length > MaxLength)
        {
            text = text[..MaxLength];
            notice = $"Your search was long, so only its first {MaxLength} characters were used.";
        }
        var terms = new List<SearchTerm>();
        var tags = new List<string>();
        bool answered = false, accepted = false, kbOnly = false;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c == '"')
            {
                // An unbalanced quote runs to the end: the rest is the phrase.
                var end = text.IndexOf('"', i + 1);
                var phrase = end < 0 ? text[(i + 1)..] : text[(i + 1)..end];
                i = end < 0 ? text.Length : end + 1;
                AddTerm(terms, phrase, isPhrase: true);
                continue;
            }
            if (c == '[')
            {
                var end = text.IndexOf(']', i + 1);
                if (end > i + 1 && !text[(i + 1)..end].Contains(' ') && TagName(text[(i + 1)..end]) is { Length: > 0 } tag)
                {
                    if (tags.Count < MaxTags && !tags.Contains(tag))
                        tags.Add(tag);
                    i = end + 1;
                    continue;
                }
            }
            var stop = i;
            while (stop < text.Length && !char.IsWhiteSpace(text[stop]) && text[stop] != '"')
                stop++;
            var word = text[i..stop];
            i = stop;
            switch (word.ToLowerInvariant())
            {
                case "is:answered": answered = true; break;
                case "is:accepted": accepted = true; break;
                case "in:kb" or "is:article": kbOnly = true; break;
                default: AddTerm(terms, word, isPhrase: false); break;
            }
        }
        if (terms.Count > MaxTerms)
        {
            terms = terms.Take(MaxTerms).ToList();
            notice ??= $"Only the first {MaxTerms} words were used.";
        }
        return new SearchQuery(terms, tags, answered, accepted, kbOnly, notice);
    }

    /// <summary>Tags are lower-case slugs; keep the characters a tag may hold.</summary>
    private static string TagName(string raw) =>
        new(raw.Trim().ToLowerInvariant().Where(ch => char.IsLetterOrDigit(ch) || ch is '-' or '.' or '#' or '+').ToArray());

    private static void AddTerm(List<SearchTerm> terms, string raw, bool isPhrase)
    {
        // A term with no letter or digit holds no token for FTS5 (an empty phrase): "*", "--", "()".
        var cleaned = raw.Replace("\"", "").Trim();
        if (!cleaned.Any(char.IsLetterOrDigit))
            return;
        var words = cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        terms.Add(new SearchTerm(string.Join(' ', words), isPhrase && words.Length > 1));
    }

    /// <summary>
    /// The FTS5 MATCH expression: every term quoted (its own quotes removed by <see cref="Parse"/>). <paramref name="all"/>
    /// joins them with AND, else OR; <paramref name="prefixLast"/> lets the last word match as a prefix (while typing).
    /// Null when nothing is left to match.
    /// </summary>
    public string? ToMatch(bool all = true, bool prefixLast = false, bool dropStopWords = false)
    {
        var terms = TermsToMatch(dropStopWords);
        if (terms.Count == 0)
            return null;
        var builder = new StringBuilder();
        for (var n = 0; n < terms.Count; n++)
        {
            if (n > 0)
                builder.Append(all ? " AND " : " OR ");
            builder.Append('"').Append(terms[n].Text).Append('"');
            if (prefixLast && n == terms.Count - 1 && !terms[n].IsPhrase)
                builder.Append(" *");
        }
        return builder.ToString();
    }

    /// <summary>The terms a match is made of (PostgreSQL's index builds its own query from them).</summary>
    internal IReadOnlyList<SearchTerm> TermsToMatch(bool dropStopWords) =>
        dropStopWords ? Terms.Where(t => t.IsPhrase || !IsStopWord(t.Text)).ToList() : Terms.ToList();

    /// <summary>
    /// Punctuation around a word is not part of it for the index ("the?" is the token "the"): titles end with a question
    /// mark, and "the?" left in a related-questions match read the longest list of the title index (issue 11).
    /// </summary>
    private static bool IsStopWord(string word) => StopWords.Contains(word.Trim(Punctuation));

    private static readonly char[] Punctuation = [.. "?!.,;:()[]{}<>\"'`*_~-/…"];

    /// <summary>The query as the visitor could type it again: for links to the next page and to "ask a question".</summary>
    public string Text => string.Join(' ',
        Terms.Select(t => t.IsPhrase ? $"\"{t.Text}\"" : t.Text)
            .Concat(Tags.Select(t => $"[{t}]"))
            .Concat(Answered ? ["is:answered"] : [])
            .Concat(Accepted ? ["is:accepted"] : [])
            .Concat(KnowledgeBaseOnly ? ["in:kb"] : []));

    /// <summary>The words alone, for pre-filling a question title.</summary>
    public string Words => string.Join(' ', Terms.Select(t => t.Text));
}
