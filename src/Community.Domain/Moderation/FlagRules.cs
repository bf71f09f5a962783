using Community.Domain.Posting;

namespace Community.Domain.Moderation;

/// <summary>The flag policy, pure: what a flag weighs, when flags hide a post, how many a member may raise, who may settle them.</summary>
public static class FlagRules
{
    /// <summary>A member's flag weighs 1; a moderator's weighs the whole hold weight, so it hides the post alone.</summary>
    public static int WeightOf(bool flaggerIsModerator, ModerationOptions options) => flaggerIsModerator ? options.HoldWeight : 1;

    /// <summary>The weight that counts towards a hold: pending spam and abuse flags only.</summary>
    public static int HoldingWeight(IEnumerable<(FlagReason Reason, int Weight)> pending) =>
        pending.Where(f => FlagReasons.CountsTowardsHold(f.Reason)).Sum(f => f.Weight);

    public static bool ShouldHold(IEnumerable<(FlagReason Reason, int Weight)> pending, ModerationOptions options) =>
        HoldingWeight(pending) >= options.HoldWeight;

    /// <summary>Flags a member may raise today: more for members whose flags moderators found helpful.</summary>
    public static int DailyLimit(int helpfulFlags, ModerationOptions options) =>
        Math.Min(options.MaxDailyFlagLimit, options.DailyFlagLimit + Math.Max(0, helpfulFlags) / 10 * options.ExtraFlagsPerTenHelpful);

    /// <summary>What the member typed and where they stand today; the privilege and suspension are checked before.</summary>
    public static Decision CanFlag(FlagReason reason, string? note, bool ownContent, int raisedToday, int dailyLimit)
    {
        if (!Enum.IsDefined(reason))
            return Decision.Deny("Choose why you are flagging this.");
        if (ownContent)
            return Decision.Deny("You cannot flag your own post; edit or delete it instead.");
        if (reason == FlagReason.Other && string.IsNullOrWhiteSpace(note))
            return Decision.Deny("Say in the note what a moderator should look at: a flag for \"something else\" needs one.");
        if ((note?.Trim().Length ?? 0) > Flag.NoteMaxLength)
            return Decision.Deny($"Keep the note to {Flag.NoteMaxLength} characters.");
        return raisedToday >= dailyLimit
            ? Decision.Deny($"You have raised {dailyLimit} flags today, the most for one day. Flags you raise tomorrow (UTC) count again.")
            : Decision.Allow;
    }

    /// <summary>
    /// Moderators settle every flag. A member with the review privilege settles only low-severity flags (off-topic, other)
    /// on text that is not held, not their own and that they did not flag themselves.
    /// </summary>
    public static Decision CanHandle(Actor actor, bool holdsReviewPrivilege, IReadOnlyCollection<FlagReason> pending, bool held, bool ownContent, bool flaggedIt, bool raisedBySystem = false)
    {
        if (actor.IsModerator)
            return Decision.Allow;
        if (!holdsReviewPrivilege)
            return Decision.Deny("Only moderators and members with the review privilege can handle flags.");
        if (ownContent)
            return Decision.Deny("You cannot review flags on your own post.");
        if (flaggedIt)
            return Decision.Deny("You flagged this yourself; another reviewer will look at it.");
        return held || raisedBySystem || pending.Any(r => !FlagReasons.IsLowSeverity(r))
            ? Decision.Deny("This needs a moderator: reviewers handle off-topic and other flags only.")
            : Decision.Allow;
    }

    public static string HelpfulOutcome(string action) => $"Helpful: a moderator agreed and {action}.";

    public const string DeclinedOutcome = "Declined: a moderator looked and found nothing to act on.";
}
