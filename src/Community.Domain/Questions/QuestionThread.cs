using Community.Domain.Comments;

namespace Community.Domain.Questions;

/// <summary>A question page as one viewer sees it: answers accepted first, then by score; their own votes; what they may see.</summary>
public sealed record QuestionThread(
    int Id,
    string Title,
    string BodyHtml,
    int Score,
    int ViewCount,
    DateTime AskedAt,
    DateTime? EditedAt,
    DateTime LastActivityAt,
    PostAuthor Author,
    IReadOnlyList<string> Tags,
    int? AcceptedAnswerId,
    IReadOnlyList<AnswerView> Answers,
    int Version,
    bool IsDeleted,
    ClosedInfo? Closed,
    IReadOnlyList<CommentView> Comments,
    int MyVote,
    int? OfficialAnswerId = null,
    string? HiddenReason = null,
    bool IsLocked = false,
    ArticleLink? Article = null,
    bool HasEscalation = false,
    bool ExpertsInvited = false,
    ViewerStanding? Viewer = null)
{
    public string Slug => Questions.Slug.From(Title);
    public string Url => $"questions/{Id}/{Slug}";
    public bool IsResolved => AcceptedAnswerId is not null;
}

/// <summary>The signed-in viewer's reputation and whether they follow the question, read with the question.</summary>
public sealed record ViewerStanding(int Reputation, bool Follows);

/// <summary>The published knowledge-base article made from this thread.</summary>
public sealed record ArticleLink(int Id, string Title)
{
    public string Url => $"kb/{Id}/{Questions.Slug.From(Title)}";
}

public sealed record AnswerView(
    int Id, string BodyHtml, int Score, DateTime AnsweredAt, DateTime? EditedAt, PostAuthor Author,
    bool IsAccepted, bool IsDeleted, int Version, IReadOnlyList<CommentView> Comments, int MyVote, bool IsOfficial = false, string? HiddenReason = null);

/// <param name="Staff">The disclosure the post was written with; null for members.</param>
public sealed record PostAuthor(string Id, string DisplayName, int Reputation, Staff.StaffDisclosure? Staff = null);

/// <param name="ByCommunity">Closed by members' votes rather than by one moderator.</param>
public sealed record ClosedInfo(CloseReason Reason, DateTime ClosedAt, int? DuplicateOfId, string? DuplicateOfTitle, bool ByCommunity = false)
{
    public string Explanation => CloseReasons.Describe(Reason);
    public string ClosedBy => ByCommunity ? "by community vote" : "by a moderator";
}
