using System.Globalization;
using System.Text;

namespace Community.Domain.Moderation;

/// <summary>
/// Finds watch-list phrases in text by whole words, ignoring case and accents ("Cafe" matches "café", "pill" does not
/// match "pillow"). Both sides become lists of words, so a phrase matches only a run of whole words: no regular
/// expressions, nothing an admin types can be slow or match inside another word.
/// </summary>
public static class WatchListMatcher
{
    /// <summary>Lower-case words with accents removed, joined by single spaces ("Crème  Brûlée!" → "creme brulee").</summary>
    public static string Normalize(string text) => string.Join(' ', Words(text));

    /// <summary>The first term (in list order) whose words occur as consecutive whole words of <paramref name="text"/>.</summary>
    public static WatchTerm? FirstMatch(string text, IEnumerable<WatchTerm> terms)
    {
        var words = Words(text);
        foreach (var term in terms)
        {
            var phrase = term.Normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (phrase.Length > 0 && Contains(words, phrase))
                return term;
        }
        return null;
    }

    public static bool Matches(string text, string phrase)
    {
        var words = Words(phrase).ToArray();
        return words.Length > 0 && Contains(Words(text), words);
    }

    private static bool Contains(IReadOnlyList<string> words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            var j = 0;
            while (j < phrase.Length && string.Equals(words[i + j], phrase[j], StringComparison.Ordinal))
                j++;
            if (j == phrase.Length)
                return true;
        }
        return false;
    }

    /// <summary>
    /// Splits on anything that is not a letter, a digit or a combining mark (after decomposition, so "é" is "e" + accent and
    /// stays one word), drops the marks, and folds case; "ß" and ligatures are expanded by compatibility decomposition.
    /// </summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                continue;
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length > 0)
            {
                words.Add(Fold(word.ToString()));
                word.Clear();
            }
        }
        if (word.Length > 0)
            words.Add(Fold(word.ToString()));
        return words;
    }

    private static string Fold(string word) => word.Replace("ß", "ss", StringComparison.Ordinal);
}
