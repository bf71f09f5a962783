namespace Community.Domain.Reputation;

/// <summary>Settings under <c>Reputation</c>: the points for each event (defaults from the large Q&amp;A sites).</summary>
public sealed record ReputationOptions
{
    public int QuestionUpvoted { get; init; } = 10;
    public int AnswerUpvoted { get; init; } = 10;
    public int AnswerAccepted { get; init; } = 15;
    public int AcceptedAnAnswer { get; init; } = 2;
    public int PostDownvoted { get; init; } = -2;
    public int DownvotedAnswer { get; init; } = -1;
    public int SuggestedEditApproved { get; init; } = 2;

    /// <summary>Most a member gains from votes in one UTC day; accepts are not capped.</summary>
    public int DailyVoteCap { get; init; } = 200;

    /// <summary>A vote undone within this time leaves no trace in the history.</summary>
    public TimeSpan VoteGracePeriod { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Serial voting: this many votes by one member on another's posts within <see cref="SerialVotingWindow"/>.</summary>
    public int SerialVotingThreshold { get; init; } = 10;
    public TimeSpan SerialVotingWindow { get; init; } = TimeSpan.FromHours(24);
}
