namespace Community.Web.Accounts;

/// <summary>
/// Length over composition (NIST SP 800-63B): at least ten characters, no "one digit, one symbol" rules,
/// and never one of the passwords attackers try first.
/// </summary>
public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 128;
}
