namespace Community.Domain.Moderation;

/// <summary>Why a member flags a post or comment. Stored by name, so new reasons need no migration.</summary>
public enum FlagReason
{
    Spam,
    RudeOrAbusive,
    OffTopic,
    NeedsStaffAttention,
    Other,
}

public static class FlagReasons
{
    public static string Describe(FlagReason reason) => reason switch
    {
        FlagReason.Spam => "Spam",
        FlagReason.RudeOrAbusive => "Rude or abusive",
        FlagReason.OffTopic => "Off-topic",
        FlagReason.NeedsStaffAttention => "Needs staff attention",
        FlagReason.Other => "Something else",
        _ => reason.ToString(),
    };

    public static string Explain(FlagReason reason) => reason switch
    {
        FlagReason.Spam => "Promotes a product or service and is not an honest contribution.",
        FlagReason.RudeOrAbusive => "A reasonable person would find it insulting, hateful or threatening.",
        FlagReason.OffTopic => "Not about the company's products or services.",
        FlagReason.NeedsStaffAttention => "Something the company's staff should look at (a bug, an outage, an account problem).",
        FlagReason.Other => "Something else a moderator should know: say what in the note.",
        _ => "",
    };

    /// <summary>Spam and abuse count towards an automatic hold; the rest wait for a person.</summary>
    public static bool CountsTowardsHold(FlagReason reason) => reason is FlagReason.Spam or FlagReason.RudeOrAbusive;

    /// <summary>Members with the review privilege may settle these; the rest need a moderator.</summary>
    public static bool IsLowSeverity(FlagReason reason) => reason is FlagReason.OffTopic or FlagReason.Other;
}
