using System.Globalization;
using Community.Domain.Posting;

namespace Community.Domain.Moderation;

/// <summary>The suspension policy, pure: what a suspended member is told, and who may warn or suspend whom.</summary>
public static class SanctionRules
{
    public const int ReasonMinLength = 10;

    /// <summary>"Monday 30 November 2026 at 14:00 UTC": unambiguous in any locale.</summary>
    public static string When(DateTime at) => at.ToString("dddd d MMMM yyyy 'at' HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The refusal every write gives a suspended member: why, and until when.</summary>
    public static Decision Check(MemberSanction? activeSuspension) =>
        activeSuspension is { EndsAt: { } ends }
            ? Decision.Deny($"Your account is suspended until {When(ends)}: {activeSuspension.Reason} Until then you can sign in and read, but not post, comment, vote or flag.")
            : Decision.Allow;

    public static Decision CanSanction(Actor actor, string memberId, bool memberIsModerator, SanctionKind kind, string? reason, int? days, IReadOnlyList<int> allowedDays)
    {
        if (!actor.IsModerator)
            return Decision.Deny("Only moderators can warn or suspend members.");
        if (actor.UserId == memberId)
            return Decision.Deny("You cannot warn or suspend yourself.");
        if (memberIsModerator)
            return Decision.Deny("Moderators, staff and admins are not warned or suspended here; speak to an admin.");
        if ((reason?.Trim().Length ?? 0) < ReasonMinLength)
            return Decision.Deny($"Give the member a reason of at least {ReasonMinLength} characters: they will see it.");
        if ((reason?.Trim().Length ?? 0) > MemberSanction.ReasonMaxLength)
            return Decision.Deny($"Keep the reason to {MemberSanction.ReasonMaxLength} characters.");
        if (kind == SanctionKind.Suspension && (days is not { } d || !allowedDays.Contains(d)))
            return Decision.Deny($"Choose a suspension of {string.Join(", ", allowedDays)} days.");
        return Decision.Allow;
    }
}
