using System.Globalization;
using System.Text;

namespace Community.Domain.Questions;

/// <summary>The readable part of a URL (<c>/questions/42/wifi-drops-at-night</c>); the id alone identifies the page.</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string From(string title)
    {
        var builder = new StringBuilder(title.Length);
        var dash = false;
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
                dash = false;
            }
            else if (!dash && builder.Length > 0)
            {
                builder.Append('-');
                dash = true;
            }
            if (builder.Length >= MaxLength) break;
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "question" : slug;
    }
}
