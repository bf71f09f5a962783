using Microsoft.AspNetCore.Identity;

namespace Community.Domain.Accounts;

/// <summary>A person with an account. The e-mail address is private; the display name is public.</summary>
public sealed class CommunityUser : IdentityUser
{
    public const int StartingReputation = 1;

    public string DisplayName { get; set; } = "";

    /// <summary>Case- and Unicode-normalized <see cref="DisplayName"/>; unique, so two people cannot look alike by case or width.</summary>
    public string NormalizedDisplayName { get; set; } = "";

    /// <summary>The total shown: <see cref="Reputation.ReputationRules.Total"/> of <see cref="ReputationPoints"/>, kept in the same transaction.</summary>
    public int Reputation { get; set; } = StartingReputation;

    /// <summary>The cached sum of this member's reputation ledger.</summary>
    public long ReputationPoints { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? AboutMe { get; set; }

    public void Rename(string displayName)
    {
        DisplayName = DisplayNames.Clean(displayName);
        NormalizedDisplayName = DisplayNames.Normalize(displayName);
    }
}
