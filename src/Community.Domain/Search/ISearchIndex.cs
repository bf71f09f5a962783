namespace Community.Domain.Search;

public enum SearchHitKind
{
    Question,
    Article,
}

/// <summary>
/// One result. <see cref="SnippetHtml"/> is safe to render: the text is HTML-encoded and only the index's own
/// highlight marks become &lt;mark&gt;.
/// </summary>
public sealed record SearchHit(
    SearchHitKind Kind, int Id, string Title, string SnippetHtml, IReadOnlyList<string> Tags, int Score, int AnswerCount,
    bool HasAcceptedAnswer, bool HasOfficialAnswer, DateTime Date, string? AuthorId = null, string? AuthorName = null, Staff.StaffDisclosure? AuthorStaff = null)
{
    public string Url => Kind == SearchHitKind.Article ? $"kb/{Id}/{Questions.Slug.From(Title)}" : $"questions/{Id}/{Questions.Slug.From(Title)}";
}

/// <param name="Page">1-based.</param>
public sealed record SearchRequest(SearchQuery Query, int Page = 1, int PageSize = SearchRequest.DefaultPageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPage = 50;
}

/// <param name="MatchedSomeWords">No result held every word, so these hold some of them.</param>
/// <param name="MoreThanTotal">
/// The count stopped at <see cref="Total"/> (see <see cref="SearchBounds"/>): more pages match, the best of these are shown.
/// </param>
public sealed record SearchResults(IReadOnlyList<SearchHit> Hits, int Total, int Page, int PageSize, bool MatchedSomeWords, bool MoreThanTotal = false)
{
    public static readonly SearchResults None = new([], 0, 1, SearchRequest.DefaultPageSize, false);

    /// <summary>The pages one can go through: those of the ranked results, at most <see cref="SearchRequest.MaxPage"/>.</summary>
    public int Pages => Math.Min((Total + PageSize - 1) / PageSize, SearchRequest.MaxPage);

    /// <summary>"No results", "1 result", "42 results", or "1,000+ results" when the count stopped.</summary>
    public string CountText => Total == 0 ? "No results" : Total == 1 && !MoreThanTotal ? "1 result" : $"{Total:N0}{(MoreThanTotal ? "+" : "")} results";
}

/// <summary>
/// Full-text search over public questions (with their answers) and published articles. SQLite FTS5 implements it on the
/// embedded default (<see cref="SqliteSearchIndex"/>); PostgreSQL full-text search can replace it when scaled out.
/// </summary>
public interface ISearchIndex
{
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);

    /// <summary>While someone types a question title: the best articles and answered questions for the words so far.</summary>
    Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default);

    /// <summary>Public questions like this one (shared tags and words), for its page.</summary>
    Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default);
}
