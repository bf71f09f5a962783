using System.Data.Common;
using System.Net;

namespace Community.Domain.Search;

/// <summary>
/// How many matches either engine ranks (issue 11). Ranking every match of a common word cost seconds on a million posts,
/// so each search ranks a bounded candidate set read from the index: the newest <see cref="Candidates"/> matches, every
/// match among the newest <see cref="TitleCandidates"/> whose title or tags hold the words (so a title match beats a
/// body match however old it is, within that bound), and published articles. The count stops at <see cref="Candidates"/>:
/// past it a search says "1,000+ results", and its pages go through the ranked set.
/// </summary>
/// <param name="CommonTitleMatches">
/// Related questions: a title word or tag in at least this many titles is too common to find them by while the title has
/// rarer ones (see <c>SqliteSearchIndex.RelatedAsync</c>). Counting stops there, so telling costs at most this many
/// index entries per word.
/// </param>
/// <param name="CommonWindow">
/// Search (SQLite): a word in at least half of the newest this many live questions is common; beside rarer words it does
/// not narrow the full documents' match (see <c>SqliteSearchIndex.BodyMatchAsync</c>). Telling costs at most half this
/// many index entries per word, once an hour.
/// </param>
public sealed record SearchBounds(int Candidates = 1000, int TitleCandidates = 200, int CommonTitleMatches = 2000, int CommonWindow = 1000)
{
    public static readonly SearchBounds Default = new();

    /// <summary>Related questions show five: the newest 200 matches and 200 title matches are plenty.</summary>
    public SearchBounds ForRelated => this with { Candidates = Math.Min(Candidates, 200) };
}

/// <summary>What both engines share: a result line read from a row, and the snippet made safe.</summary>
internal static class SearchHits
{
    public const string Open = "\u0001";
    public const string Close = "\u0002";

    /// <summary>
    /// The columns every engine's page query selects, in this order: id (negative for an article), title, snippet text,
    /// tags (space-separated), score, answer count, accepted?, official?, date, author id, author name, and the staff
    /// disclosure (name, title, team, company) the question was written with.
    /// </summary>
    public static SearchHit Read(DbDataReader reader)
    {
        var id = reader.GetInt64(0);
        return new SearchHit(
            id > 0 ? SearchHitKind.Question : SearchHitKind.Article,
            (int)Math.Abs(id),
            reader.GetString(1),
            SnippetHtml(reader.IsDBNull(2) ? "" : reader.GetString(2)),
            reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
            reader.GetInt32(4), reader.GetInt32(5), reader.GetBoolean(6), reader.GetBoolean(7),
            DateTime.SpecifyKind(reader.IsDBNull(8) ? DateTime.MinValue : reader.GetDateTime(8), DateTimeKind.Utc),
            reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
            // The staff disclosure the question was written with: search shows it as every list does.
            reader.IsDBNull(11) ? null : new Staff.StaffDisclosure(reader.GetString(11), Text(reader, 12), Text(reader, 13), Text(reader, 14)));
    }

    private static string Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? "" : reader.GetString(column);

    /// <summary>
    /// The snippet as HTML: all of its text encoded (it is the author's Markdown source, never trusted), a little
    /// Markdown punctuation dropped for reading, and only our own marks turned into &lt;mark&gt;.
    /// </summary>
    public static string SnippetHtml(string snippet)
    {
        var plain = System.Text.RegularExpressions.Regex.Replace(snippet, @"[*_`#]+|\]\([^)\u0001\u0002]*\)|\[", "");
        plain = System.Text.RegularExpressions.Regex.Replace(plain, @"\s+", " ").Trim();
        return WebUtility.HtmlEncode(plain).Replace(Open, "<mark>").Replace(Close, "</mark>");
    }
}
