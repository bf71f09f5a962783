namespace Community.Domain.Privileges;

/// <summary>What reputation unlocks. Staff, moderators and admins hold every privilege.</summary>
public enum Privilege
{
    VoteUp,
    Flag,
    CommentEverywhere,
    VoteDown,
    CreateTags,
    EditOthersPosts,
    VoteToClose,
    AccessReviewQueues,
}

/// <summary>Settings under <c>Privileges</c>: the reputation each privilege needs.</summary>
public sealed record PrivilegeOptions
{
    public int VoteUp { get; init; } = 15;
    public int Flag { get; init; } = 15;
    public int CommentEverywhere { get; init; } = 50;
    public int VoteDown { get; init; } = 125;
    public int CreateTags { get; init; } = 1_500;
    public int EditOthersPosts { get; init; } = 2_000;
    public int VoteToClose { get; init; } = 3_000;
    public int AccessReviewQueues { get; init; } = 10_000;

    /// <summary>Members' votes that close (or reopen) a question; a moderator's vote is binding alone.</summary>
    public int CloseVotesNeeded { get; init; } = 3;

    /// <summary>A close or reopen vote that has not reached <see cref="CloseVotesNeeded"/> in this many days ages away.</summary>
    public int CloseVoteLifetimeDays { get; init; } = 14;

    public int Threshold(Privilege privilege) => privilege switch
    {
        Privilege.VoteUp => VoteUp,
        Privilege.Flag => Flag,
        Privilege.CommentEverywhere => CommentEverywhere,
        Privilege.VoteDown => VoteDown,
        Privilege.CreateTags => CreateTags,
        Privilege.EditOthersPosts => EditOthersPosts,
        Privilege.VoteToClose => VoteToClose,
        Privilege.AccessReviewQueues => AccessReviewQueues,
        _ => throw new ArgumentOutOfRangeException(nameof(privilege)),
    };
}
