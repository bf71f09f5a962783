namespace Community.Domain.Reputation;

/// <summary>Why a member's reputation changed; shown in their history.</summary>
public enum ReputationReason
{
    QuestionUpvoted,
    AnswerUpvoted,
    PostDownvoted,
    DownvotedAnswer,
    AnswerAccepted,
    AcceptedAnAnswer,
    VoteUndone,
    AcceptanceUndone,
    PostDeleted,
    PostUndeleted,
    SerialVotingReversed,
    Bonus,
    SuggestedEditApproved,
    KnowledgeArticle,
    KnowledgeArticleWithdrawn,

    /// <summary>Reputation a member brought from the company's previous forum when the community moved here.</summary>
    CarriedOver,
}

public static class ReputationReasons
{
    public static string Describe(ReputationReason reason) => reason switch
    {
        ReputationReason.QuestionUpvoted => "Your question was voted up",
        ReputationReason.AnswerUpvoted => "Your answer was voted up",
        ReputationReason.PostDownvoted => "Your post was voted down",
        ReputationReason.DownvotedAnswer => "You voted an answer down",
        ReputationReason.AnswerAccepted => "Your answer was accepted",
        ReputationReason.AcceptedAnAnswer => "You accepted an answer",
        ReputationReason.VoteUndone => "A vote was undone or changed",
        ReputationReason.AcceptanceUndone => "An acceptance was withdrawn",
        ReputationReason.PostDeleted => "A post was deleted",
        ReputationReason.PostUndeleted => "A post was undeleted",
        ReputationReason.SerialVotingReversed => "Serial voting was reversed",
        ReputationReason.Bonus => "A bonus from the community team",
        ReputationReason.SuggestedEditApproved => "Your suggested edit was approved",
        ReputationReason.KnowledgeArticle => "Your answer became a knowledge-base article",
        ReputationReason.KnowledgeArticleWithdrawn => "A knowledge-base article with your answer was unpublished",
        ReputationReason.CarriedOver => "Carried over from the previous forum",
        _ => reason.ToString(),
    };
}
