using System.Globalization;
using System.Text;

namespace Community.Domain.Accounts;

/// <summary>
/// The key two strings collide on when they look alike: Unicode's UTS #39 skeleton (each character replaced by
/// its prototype from <c>confusables.txt</c>, between NFD passes), after NFKC and lower-casing, with a few
/// digit-for-letter swaps the table does not cover ("st4ff", "0fficial") and i/l folded together.
/// </summary>
public static class LookAlike
{
    private static readonly Lazy<Dictionary<int, string>> Prototypes = new(LoadPrototypes);

    private static readonly Dictionary<char, char> DigitsForLetters = new()
    {
        ['0'] = 'o', ['1'] = 'l', ['3'] = 'e', ['4'] = 'a', ['5'] = 's', ['7'] = 't', ['8'] = 'b', ['9'] = 'g',
        ['@'] = 'a', ['$'] = 's', ['!'] = 'l', ['|'] = 'l', ['i'] = 'l',
    };

    public static string Key(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var skeleton = Skeleton(folded).ToLowerInvariant();
        var key = new StringBuilder(skeleton.Length);
        foreach (var c in skeleton.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
                continue; // accents do not make a different-looking name
            key.Append(DigitsForLetters.TryGetValue(c, out var letter) ? letter : c);
        }
        return key.ToString();
    }

    /// <summary>UTS #39 skeleton: NFD, map each code point to its prototype, NFD again.</summary>
    public static string Skeleton(string text)
    {
        var mapped = new StringBuilder(text.Length);
        foreach (var rune in text.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (Prototypes.Value.TryGetValue(rune.Value, out var prototype))
                mapped.Append(prototype);
            else
                mapped.Append(rune.ToString());
        }
        return mapped.ToString().Normalize(NormalizationForm.FormD);
    }

    private static Dictionary<int, string> LoadPrototypes()
    {
        using var stream = typeof(LookAlike).Assembly.GetManifestResourceStream("Community.Domain.Accounts.confusables.txt")
            ?? throw new InvalidOperationException("The embedded confusables table is missing.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<int, string>();
        while (reader.ReadLine() is { } line)
        {
            var hash = line.IndexOf('#');
            var data = (hash >= 0 ? line[..hash] : line).Trim().TrimStart('\uFEFF');
            if (data.Length == 0) continue;
            var fields = data.Split(';');
            if (fields.Length < 2) continue;
            var source = int.Parse(fields[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            var target = string.Concat(fields[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(hex => char.ConvertFromUtf32(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));
            map[source] = target;
        }
        return map;
    }
}
