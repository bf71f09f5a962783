namespace Community.Domain.Questions;

/// <summary>The orders of the question list.</summary>
public enum QuestionTab
{
    /// <summary>Last activity first: asked, answered, edited.</summary>
    Active,
    Newest,
    /// <summary>No accepted answer and no answer with a positive score, newest first.</summary>
    Unanswered,
    Top,
}

/// <summary>One page of a list and where the next one starts (keyset paging: as fast on page 3,000 as on page 1).</summary>
public sealed record QuestionListPage(IReadOnlyList<QuestionSummary> Items, string? NextCursor);
