using System.Security.Cryptography;
using System.Text;
using Community.Domain.Questions;

namespace Community.Domain.KnowledgeBase;

/// <summary>One part of a solution: an answer (accepted and/or official) or an escalation's public summary.</summary>
public sealed record SolutionPart(int? AnswerId, string AuthorId, string AuthorName, CreditRole Role, string Markdown, string Html, Staff.StaffDisclosure? Staff);

/// <summary>What an article says, made from the thread; its fingerprint tells the feed whether anything changed.</summary>
/// <param name="SourceTitle">The question's title: the fingerprint follows the thread, not a title staff kept.</param>
public sealed record ArticleContent(string Title, string SourceTitle, string ProblemMarkdown, string ProblemHtml, IReadOnlyList<SolutionPart> Solution, IReadOnlyList<string> Tags)
{
    public const string PartSeparator = "\n\n---\n\n";

    public string SolutionMarkdown => string.Join(PartSeparator, Solution.Select(p => p.Markdown));
    public string SolutionHtml => string.Join("\n<hr />\n", Solution.Select(p => p.Html));
    public string TagList => string.Join(' ', Tags);

    public string Fingerprint => Hash(SourceTitle, ProblemMarkdown, SolutionMarkdown, TagList,
        string.Join(";", Solution.Select(p => $"{p.AnswerId}|{p.AuthorId}|{p.Role}|{p.Staff?.Describe()}")));

    /// <summary>
    /// The article a resolved thread makes: the accepted answer (what worked for the asker) first, then the official
    /// answer when it is another one, then an escalation's summary. Null when the thread offers no solution.
    /// </summary>
    public static ArticleContent? From(Question question, Answer? accepted, Answer? official, SolutionPart? summary, string? keptTitle = null)
    {
        var parts = new List<SolutionPart>();
        if (accepted is not null)
            parts.Add(Part(accepted, official?.Id == accepted.Id ? CreditRole.OfficialAnswer : CreditRole.AcceptedAnswer));
        if (official is not null && official.Id != accepted?.Id)
            parts.Add(Part(official, CreditRole.OfficialAnswer));
        if (summary is not null)
            parts.Add(summary);
        if (parts.Count == 0)
            return null;
        return new ArticleContent(keptTitle ?? question.Title, question.Title, question.Body, question.BodyHtml, parts,
            question.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList());
    }

    private static SolutionPart Part(Answer answer, CreditRole role) =>
        new(answer.Id, answer.AuthorId, answer.Author?.DisplayName ?? "", role, answer.Body, answer.BodyHtml, answer.StaffDisclosure);

    public static string Hash(params string[] fields)
    {
        var text = string.Join("\u001f", fields);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
