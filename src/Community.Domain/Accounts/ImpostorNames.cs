using System.Text;

namespace Community.Domain.Accounts;

/// <summary>
/// Refuses display names that pass for the company's voice: the words staff, admin, moderator, official and the
/// company's name, and the names of current and former staff, in any look-alike spelling (<see cref="LookAlike"/>).
/// Reserved words are matched as words, not inside other words, so "Staffan" and "Adminah" stay possible while
/// "Staff_Sam", "SamStaff", "S.t.a.f.f" and "Ѕtaff" (a Cyrillic S) are refused.
/// </summary>
public static class ImpostorNames
{
    public static readonly IReadOnlyList<string> ReservedWords = ["staff", "admin", "administrator", "moderator", "official"];

    /// <summary>Null when the name may be used; otherwise the reason.</summary>
    /// <param name="staffNames">Display and real names of current and former staff, other than the member being checked.</param>
    public static string? Problem(string displayName, string companyName, IEnumerable<string> staffNames)
    {
        var words = Words(displayName).Select(LookAlike.Key).ToList();
        var whole = string.Concat(words);
        foreach (var reserved in ReservedWords)
        {
            var key = LookAlike.Key(reserved);
            if (words.Contains(key) || whole == key)
                return $"A display name cannot contain \"{reserved}\" or a word that looks like it: only the company's staff speak for it, and they are marked as staff.";
        }
        var company = LookAlike.Key(string.Concat(Words(companyName)));
        if (company.Length > 0 && whole.Contains(company, StringComparison.Ordinal))
            return $"A display name cannot contain the company's name, {companyName}, or a look-alike of it: staff posts are marked as the company's.";
        foreach (var staffName in staffNames)
        {
            var staffKey = LookAlike.Key(string.Concat(Words(staffName)));
            if (staffKey.Length > 0 && whole == staffKey)
                return "This name is the name of a member of staff, or looks like it. Choose a name of your own.";
        }
        return null;
    }

    /// <summary>
    /// The name's words: split at anything that is not a letter or digit and where lower case turns to upper
    /// ("SamStaff"); runs of single characters are joined ("S.t.a.f.f" is one word).
    /// </summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var pieces = new List<string>();
        var current = new StringBuilder();
        Rune? previous = null;
        foreach (var rune in name.Normalize(NormalizationForm.FormKC).EnumerateRunes())
        {
            var isPart = Rune.IsLetterOrDigit(rune) || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark
                || rune.Value is '@' or '$' or '!' or '|';
            var camelBoundary = previous is { } p && Rune.IsLower(p) && Rune.IsUpper(rune);
            if (!isPart || camelBoundary)
            {
                if (current.Length > 0) pieces.Add(current.ToString());
                current.Clear();
            }
            if (isPart) current.Append(rune.ToString());
            previous = isPart ? rune : null;
        }
        if (current.Length > 0) pieces.Add(current.ToString());

        var words = new List<string>();
        var letters = new StringBuilder();
        foreach (var piece in pieces)
        {
            if (new StringInfoLength(piece).Value == 1)
            {
                letters.Append(piece);
                continue;
            }
            if (letters.Length > 0) { words.Add(letters.ToString()); letters.Clear(); }
            words.Add(piece);
        }
        if (letters.Length > 0) words.Add(letters.ToString());
        return words;
    }

    private readonly record struct StringInfoLength(string Text)
    {
        public int Value => new System.Globalization.StringInfo(Text).LengthInTextElements;
    }
}
