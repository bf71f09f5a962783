using Community.Domain.Notifications;
using Microsoft.AspNetCore.DataProtection;

namespace Community.Web.Notifications;

/// <summary>
/// The token in every e-mail's unsubscribe link: the member and the kind of e-mail, protected by ASP.NET Core Data
/// Protection (authenticated encryption with the app's key ring), so it works without signing in and cannot be forged.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    private const string AllKinds = "*";
    private readonly IDataProtector protector = protection.CreateProtector("Community.Notifications.Unsubscribe.v1");

    public string For(string userId, NotificationKind? kind) => protector.Protect($"{userId}|{kind?.ToString() ?? AllKinds}");

    /// <returns>The member and kind (null: every kind), or null for a token that is not ours.</returns>
    public (string UserId, NotificationKind? Kind)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
            return null;
        try
        {
            var parts = protector.Unprotect(token).Split('|');
            if (parts.Length != 2 || parts[0].Length == 0)
                return null;
            if (parts[1] == AllKinds)
                return (parts[0], null);
            return Enum.TryParse<NotificationKind>(parts[1], out var kind) ? (parts[0], kind) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
