using Community.Domain.Posting;

namespace Community.Domain.Privileges;

/// <summary>The one question every privilege check asks: may a member with this reputation do this?</summary>
public static class PrivilegeRules
{
    public static bool Holds(PrivilegeOptions options, Privilege privilege, int reputation, bool isModerator) =>
        isModerator || reputation >= options.Threshold(privilege);

    public static Decision Check(PrivilegeOptions options, Privilege privilege, int reputation, bool isModerator) =>
        Holds(options, privilege, reputation, isModerator)
            ? Decision.Allow
            : Decision.Deny($"{Describe(privilege)} needs {options.Threshold(privilege):N0} reputation; you have {reputation:N0}. See /help/privileges for how to earn it.");

    public static string Describe(Privilege privilege) => privilege switch
    {
        Privilege.VoteUp => "Voting up",
        Privilege.Flag => "Flagging posts",
        Privilege.CommentEverywhere => "Commenting on others' posts",
        Privilege.VoteDown => "Voting down",
        Privilege.CreateTags => "Creating tags",
        Privilege.EditOthersPosts => "Editing others' posts directly",
        Privilege.VoteToClose => "Voting to close and reopen",
        Privilege.AccessReviewQueues => "Reviewing the queues",
        _ => privilege.ToString(),
    };

    /// <summary>The cheapest privilege not yet held, for "your next goal".</summary>
    public static (Privilege Privilege, int Needed)? Next(PrivilegeOptions options, int reputation) =>
        Enum.GetValues<Privilege>()
            .Select(p => (Privilege: p, Threshold: options.Threshold(p)))
            .Where(p => p.Threshold > reputation)
            .OrderBy(p => p.Threshold)
            .Select(p => ((Privilege, int)?)(p.Privilege, p.Threshold - reputation))
            .FirstOrDefault();
}
