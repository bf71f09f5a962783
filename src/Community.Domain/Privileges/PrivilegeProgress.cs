namespace Community.Domain.Privileges;

/// <summary>One privilege as the help page lists it; <see cref="Held"/> and <see cref="Progress"/> are for a signed-in member.</summary>
public sealed record PrivilegeStatus(Privilege Privilege, string Description, int Threshold, bool Held, double Progress);

public static class PrivilegeProgress
{
    /// <summary>Every privilege, cheapest first, with how far <paramref name="reputation"/> is towards each (0 to 1).</summary>
    public static IReadOnlyList<PrivilegeStatus> All(PrivilegeOptions options, int reputation, bool isModerator) =>
        Enum.GetValues<Privilege>()
            .Select(p => (Privilege: p, Threshold: options.Threshold(p)))
            .OrderBy(p => p.Threshold).ThenBy(p => p.Privilege)
            .Select(p => new PrivilegeStatus(p.Privilege, PrivilegeRules.Describe(p.Privilege), p.Threshold,
                PrivilegeRules.Holds(options, p.Privilege, reputation, isModerator),
                isModerator ? 1 : Fraction(reputation, p.Threshold)))
            .ToList();

    public static double Fraction(int reputation, int threshold) =>
        threshold <= 0 ? 1 : Math.Clamp((double)reputation / threshold, 0, 1);
}
