using System.Text.RegularExpressions;

namespace Community.Web.Hosting;

public static partial class SettingsFailure
{
    /// <summary>Keeps only the message a person acts on, without the validator's "DataAnnotation validation failed for…" wrapper.</summary>
    public static string Describe(string failure) =>
        DataAnnotationWrapper().Match(failure) is { Success: true } match ? match.Groups["message"].Value : failure;

    [GeneratedRegex(@"with the error: '(?<message>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationWrapper();
}
