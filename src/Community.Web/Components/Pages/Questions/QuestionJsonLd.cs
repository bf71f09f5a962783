using System.Text.Json;
using System.Text.Json.Nodes;
using Community.Domain.Questions;

namespace Community.Web.Components.Pages.Questions;

/// <summary>
/// schema.org QAPage data for a question page. Staff authors carry their employer as <c>affiliation</c>, so the
/// disclosure reaches search engines too. Serialized by System.Text.Json, whose default encoder escapes &lt; and
/// &gt;, so no post text can close the script element.
/// </summary>
public static class QuestionJsonLd
{
    public static string For(QuestionThread thread, string questionText, Func<string, string> absoluteUrl, string company)
    {
        var accepted = thread.Answers.FirstOrDefault(a => a.IsAccepted && !a.IsDeleted);
        var question = new JsonObject
        {
            ["@type"] = "Question",
            ["name"] = thread.Title,
            ["text"] = questionText,
            ["answerCount"] = thread.Answers.Count(a => !a.IsDeleted),
            ["upvoteCount"] = thread.Score,
            ["dateCreated"] = thread.AskedAt.ToString("O"),
            ["author"] = Person(thread.Author, absoluteUrl, company),
        };
        if (accepted is not null)
            question["acceptedAnswer"] = Answer(accepted, thread, absoluteUrl, company);
        var suggested = new JsonArray();
        foreach (var answer in thread.Answers.Where(a => !a.IsDeleted && !a.IsAccepted))
            suggested.Add(Answer(answer, thread, absoluteUrl, company));
        if (suggested.Count > 0)
            question["suggestedAnswer"] = suggested;
        var page = new JsonObject { ["@context"] = "https://schema.org", ["@type"] = "QAPage", ["mainEntity"] = question };
        return page.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static JsonObject Answer(AnswerView answer, QuestionThread thread, Func<string, string> absoluteUrl, string company) => new()
    {
        ["@type"] = "Answer",
        ["text"] = PlainText(answer.BodyHtml),
        ["upvoteCount"] = answer.Score,
        ["dateCreated"] = answer.AnsweredAt.ToString("O"),
        ["url"] = absoluteUrl($"{thread.Url}#answer-{answer.Id}"),
        ["author"] = Person(answer.Author, absoluteUrl, company),
    };

    private static JsonObject Person(PostAuthor author, Func<string, string> absoluteUrl, string company)
    {
        var person = new JsonObject
        {
            ["@type"] = "Person",
            ["name"] = author.Staff?.Name ?? author.DisplayName,
            ["url"] = absoluteUrl(author.Staff is null ? $"users/{author.Id}" : $"staff/{author.Id}"),
        };
        if (author.Staff is { } staff)
        {
            person["jobTitle"] = staff.Title;
            person["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = staff.Company.Length > 0 ? staff.Company : company };
        }
        return person;
    }

    /// <summary>The text of sanitized HTML, for the structured data's plain-text fields.</summary>
    public static string PlainText(string html)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ");
        text = System.Net.WebUtility.HtmlDecode(text);
        return System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
    }
}
