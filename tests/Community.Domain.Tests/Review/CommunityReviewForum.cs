using Community.Domain.Notices;
using Community.Domain.Privileges;
using Community.Domain.Questions;
using Community.Domain.Revisions;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Review;

/// <summary>The review services over one test forum.</summary>
internal sealed class CommunityReviewForum(TestForum forum)
{
    public TestForum Forum => forum;
    public MemberNotices Notices { get; } = new(forum.Database, forum.Privileges, forum.Time);
    public SuggestEdit Suggest { get; } = new(forum.Database, forum.Markdown, forum.Limits, forum.Privileges, forum.Time);
    public ReviewSuggestedEdit Review => new(forum.Database, forum.Markdown, forum.Ledger, forum.Privileges, forum.Time, Notices);
    public VoteToClose CloseVotes { get; } = new(forum.Database, forum.Privileges, forum.Limits, forum.Time);
    public ReviewQueues Queues { get; } = new(forum.Database, forum.Privileges, forum.Time);

    /// <summary>Members just below and just above a privilege.</summary>
    public Task<Community.Domain.Posting.Actor> BelowAsync(Privilege privilege, string? name = null) =>
        forum.MemberWithReputationAsync(forum.Privileges.Threshold(privilege) - 1, name);

    public Task<Community.Domain.Posting.Actor> HoldingAsync(Privilege privilege, string? name = null) =>
        forum.MemberWithReputationAsync(forum.Privileges.Threshold(privilege), name);
}
