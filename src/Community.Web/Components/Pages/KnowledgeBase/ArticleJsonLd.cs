using System.Text.Json.Nodes;
using Community.Domain.KnowledgeBase;
using Community.Web.Components.Pages.Questions;

namespace Community.Web.Components.Pages.KnowledgeBase;

/// <summary>
/// schema.org <c>TechArticle</c> (an Article) for a knowledge-base page. Not QAPage: that belongs to the thread, where
/// members post answers, and two pages claiming the same question would compete; not FAQPage: that is a list of
/// questions the site itself answers, and search engines no longer show it for sites like ours. The article is one
/// edited solution, with its contributors as authors (staff with their employer as affiliation) and the thread it is
/// based on. System.Text.Json escapes &lt; and &gt;, so no text closes the script element.
/// </summary>
public static class ArticleJsonLd
{
    public static string For(ArticleView article, Func<string, string> absoluteUrl, string company)
    {
        var authors = new JsonArray();
        foreach (var credit in article.Credits.DistinctBy(c => c.UserId))
        {
            var person = new JsonObject
            {
                ["@type"] = "Person",
                ["name"] = credit.Staff?.Name ?? credit.DisplayName,
                ["url"] = absoluteUrl(credit.Staff is null ? $"users/{credit.UserId}" : $"staff/{credit.UserId}"),
            };
            if (credit.Staff is { } staff)
            {
                person["jobTitle"] = staff.Title;
                person["affiliation"] = new JsonObject { ["@type"] = "Organization", ["name"] = staff.Company.Length > 0 ? staff.Company : company };
            }
            authors.Add(person);
        }
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "TechArticle",
            ["headline"] = article.Title,
            ["description"] = Clip(QuestionJsonLd.PlainText(article.ProblemHtml), 300),
            ["articleBody"] = QuestionJsonLd.PlainText(article.SolutionHtml),
            ["keywords"] = string.Join(", ", article.Tags),
            ["mainEntityOfPage"] = absoluteUrl(article.Url),
            ["isBasedOn"] = absoluteUrl(article.SourceUrl),
            ["dateModified"] = article.UpdatedAt.ToString("O"),
            ["author"] = authors,
            ["publisher"] = new JsonObject { ["@type"] = "Organization", ["name"] = company },
        };
        if (article.PublishedAt is { } published)
            json["datePublished"] = published.ToString("O");
        return json.ToJsonString();
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
