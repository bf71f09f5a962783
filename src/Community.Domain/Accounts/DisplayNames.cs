using System.Globalization;
using System.Text;

namespace Community.Domain.Accounts;

/// <summary>Rules for the public name shown on posts.</summary>
public static class DisplayNames
{
    public const int MinLength = 3;
    public const int MaxLength = 30;

    /// <summary>Trims and collapses runs of white space, so "  Ada   Lovelace " is stored as "Ada Lovelace".</summary>
    public static string Clean(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The key two names collide on: NFKC (full-width and compatibility forms fold), then case-folded.</summary>
    public static string Normalize(string name) =>
        Clean(name).Normalize(NormalizationForm.FormKC).ToUpperInvariant();

    /// <summary>Null when the name may be used; otherwise a reason a person can act on.</summary>
    public static string? Validate(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "Choose a display name: it is shown on your posts.";
        var cleaned = Clean(name);
        var length = new StringInfo(cleaned).LengthInTextElements;
        if (length < MinLength || length > MaxLength)
            return $"A display name has {MinLength} to {MaxLength} characters; this one has {length}.";
        foreach (var rune in cleaned.EnumerateRunes())
        {
            if (IsInvisibleOrControl(rune))
                return "A display name cannot contain invisible or text-direction characters. Type it again without them.";
            if (!Rune.IsLetterOrDigit(rune) && !AllowedPunctuation.Contains(rune.Value))
                return $"A display name can use letters, digits, spaces and . _ - ' only; remove \"{rune}\".";
        }
        return null;
    }

    private static readonly HashSet<int> AllowedPunctuation = [' ', '.', '_', '-', '\''];

    private static bool IsInvisibleOrControl(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;
}
