namespace Community.Domain.Badges;

/// <summary>What a badge measures; the badge's threshold says how much of it is needed.</summary>
public enum BadgeRule
{
    /// <summary>The score of one of the member's questions.</summary>
    QuestionScore,

    /// <summary>The score of one of the member's answers.</summary>
    AnswerScore,

    /// <summary>The score of one of the member's answers that the asker accepted.</summary>
    AcceptedAnswerScore,

    /// <summary>The views of one of the member's questions.</summary>
    QuestionViews,

    /// <summary>How many of the member's questions have an accepted answer.</summary>
    AcceptedOnOwnQuestions,

    UpVotesCast,
    DownVotesCast,

    /// <summary>Edits (revisions after the first) the member made, to any post.</summary>
    EditsMade,

    /// <summary>Flags the moderators found helpful. Flags do not exist yet, so nobody meets this until moderation lands.</summary>
    HelpfulFlags,

    /// <summary>Whole years since the member joined, counted by calendar anniversary.</summary>
    MembershipYears,

    /// <summary>The total score of the member's answers in one tag, with at least <see cref="Badge.MinimumAnswers"/> answers there.</summary>
    TagAnswerScore,

    /// <summary>How many published knowledge-base articles credit the member's answers.</summary>
    PublishedArticles,
}

/// <summary>How often one member can hold a badge; each kind has its own award key.</summary>
public enum BadgeRepeat
{
    /// <summary>Once ever: the key is <c>once</c>.</summary>
    Once,

    /// <summary>Once per question or answer: the key is the post id.</summary>
    PerPost,

    /// <summary>Once per tag: the key is the tag name.</summary>
    PerTag,

    /// <summary>Once per year of membership: the key is <c>year-1</c>, <c>year-2</c>…</summary>
    PerYear,
}
