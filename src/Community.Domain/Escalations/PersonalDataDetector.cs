using System.Text.RegularExpressions;
using PhoneNumbers;

namespace Community.Domain.Escalations;

/// <summary>Settings section "PersonalData": the region phone numbers are read in, and what an order number looks like here.</summary>
public sealed class PersonalDataOptions
{
    /// <summary>Numbers written without a country code are read as numbers of this region (ISO 3166 code).</summary>
    public string DefaultRegion { get; set; } = "US";

    /// <summary>Regular expressions for the company's order or account numbers (case-insensitive).</summary>
    public List<string> OrderPatterns { get; set; } =
    [
        @"\border\s*(?:number|no\.?|#)?\s*(?:is\s+|was\s+)?[:#]?\s*[A-Z]{0,3}-?\d{5,}\b",
        @"\bBW-\d{6,10}\b",
    ];
}

public enum PersonalDataKind
{
    Email,
    Phone,
    Card,
    Order,
}

public sealed record PersonalDataFinding(PersonalDataKind Kind, string Masked);

/// <summary>
/// Looks for personal data before a post is published: e-mail addresses, phone numbers (Google's libphonenumber, so a
/// version number or an IP address is not taken for one), card-like numbers (Luhn-valid 13–19 digits) and order numbers.
/// </summary>
public sealed partial class PersonalDataDetector(PersonalDataOptions options)
{
    public const string Field = "PersonalData";

    private readonly Regex[] orders = options.OrderPatterns.Select(p => new Regex(p, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(200))).ToArray();
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    public PersonalDataDetector() : this(new PersonalDataOptions()) { }

    public IReadOnlyList<PersonalDataFinding> Find(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return [];
        var findings = new List<PersonalDataFinding>();
        var cards = new List<string>();
        foreach (Match match in CardLike().Matches(text))
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is >= 13 and <= 19 && Luhn(digits))
            {
                cards.Add(digits);
                findings.Add(new(PersonalDataKind.Card, "•••• " + digits[^4..]));
            }
        }
        foreach (Match match in Email().Matches(text))
            if (!IsReservedDomain(match.Groups["domain"].Value))
                findings.Add(new(PersonalDataKind.Email, MaskEmail(match.Value)));
        foreach (var number in Phones.FindNumbers(text, options.DefaultRegion, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
        {
            var digits = new string(number.RawString.Where(char.IsAsciiDigit).ToArray());
            if (!cards.Any(c => c.Contains(digits, StringComparison.Ordinal)))
                findings.Add(new(PersonalDataKind.Phone, Mask(number.RawString)));
        }
        foreach (var order in orders)
            foreach (Match match in order.Matches(text))
                findings.Add(new(PersonalDataKind.Order, Mask(match.Value)));
        return findings;
    }

    /// <summary>The form's message when <paramref name="text"/> holds personal data the author did not confirm as public.</summary>
    public string? Problem(string? text, bool confirmedNotPersonal, bool canMoveToPrivate)
    {
        if (confirmedNotPersonal)
            return null;
        var findings = Find(text);
        if (findings.Count == 0)
            return null;
        var what = string.Join(", ", findings.Select(f => $"{Describe(f.Kind)} ({f.Masked})").Distinct());
        return $"This looks like personal data: {what}. Remove it before posting"
            + (canMoveToPrivate ? ", or share it in a private follow-up with staff from your question, which only you and staff can read" : "")
            + ". If it is not personal (a public support line, a made-up example), tick \"This is not personal data\" and post again.";
    }

    public static string Describe(PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.Email => "an e-mail address",
        PersonalDataKind.Phone => "a phone number",
        PersonalDataKind.Card => "a card number",
        _ => "an order number",
    };

    public static bool Luhn(string digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled && (d *= 2) > 9) d -= 9;
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /// <summary>Documentation domains (RFC 2606/6761) are examples, not people.</summary>
    private static bool IsReservedDomain(string domain)
    {
        var d = domain.ToLowerInvariant();
        return d is "example.com" or "example.org" or "example.net" || d.EndsWith(".example", StringComparison.Ordinal)
            || d.EndsWith(".test", StringComparison.Ordinal) || d.EndsWith(".invalid", StringComparison.Ordinal) || d.EndsWith(".localhost", StringComparison.Ordinal)
            || d.EndsWith(".example.com", StringComparison.Ordinal);
    }

    private static string MaskEmail(string email)
    {
        var at = email.IndexOf('@');
        return email[0] + "•••" + email[at..];
    }

    private static string Mask(string value)
    {
        var trimmed = value.Trim();
        return trimmed.Length <= 4 ? "••••" : trimmed[..2] + "•••" + trimmed[^2..];
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@(?<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b", RegexOptions.CultureInvariant, 200)]
    private static partial Regex Email();

    [GeneratedRegex(@"(?<![\d.])\d(?:[ -]?\d){12,18}(?![\d.])", RegexOptions.CultureInvariant, 200)]
    private static partial Regex CardLike();
}
