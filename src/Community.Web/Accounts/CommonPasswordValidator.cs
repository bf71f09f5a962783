using Community.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace Community.Web.Accounts;

/// <summary>Refuses passwords from a list of the most common ones (see <c>common-passwords.txt</c> for its source).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<CommunityUser>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<CommunityUser> manager, CommunityUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is one of the most common ones and is easy to guess. Choose another: a few unrelated words make a strong one.",
            })
            : IdentityResult.Success);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Community.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
                passwords.Add(line);
        }
        return passwords;
    }
}
