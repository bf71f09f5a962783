using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Staff;

/// <summary>The demo staff member and the disclosure every one of their posts carries.</summary>
internal static class Sam
{
    public const string Email = Demo.Staff;
    public const string Name = "Sam Ortega";
    public const string Title = "Support engineer";
    public const string Team = "Technical support";
    public const string Company = "Brightwave";

    /// <summary>What <c>.staff-disclosure</c> reads beside each of Sam's posts: name, title, company.</summary>
    public const string Disclosure = $"{Name}, {Title}, {Company}";
}

/// <summary>Shortcuts for the staff-disclosure tests: who is who, the mark of a post, the JSON-LD of a page, and the staff forms.</summary>
internal static class StaffSite
{
    public const string Admin = "admin@demo.local";
    public const string AdminName = "Alex Kim";
    public const string CustomerName = "Dana Whitfield";
    public const string ExpertName = "Priya Raman";

    /// <summary>The user id of a demo account, from the app's own user store.</summary>
    public static async Task<string> UserIdAsync(this CommunityWebFactory factory, string email)
    {
        using var scope = factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<CommunityUser>>().FindByEmailAsync(email);
        return user?.Id ?? throw new InvalidOperationException($"No account {email}.");
    }

    /// <summary>A read-only look into the app's database, for picking demo posts (never for asserting what a page shows).</summary>
    public static async Task<T> QueryAsync<T>(this CommunityWebFactory factory, Func<CommunityDbContext, Task<T>> query)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<CommunityDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await query(db);
    }

    /// <summary>The "Staff" link of the element's signature (or comment, or list row), if it has one.</summary>
    public static IElement? StaffMark(this IElement scope) => scope.QuerySelector(".staff-mark");

    public static IElement? StaffDisclosure(this IElement scope) => scope.QuerySelector(".staff-disclosure");

    /// <summary>Asserts the element carries the full disclosure: a "Staff" link to the person's staff page and "Name, Title, Company".</summary>
    public static void AssertDisclosed(IElement scope, string userId, string disclosure)
    {
        var mark = scope.StaffMark();
        Assert.True(mark is not null, $"No staff mark in: {scope.OuterHtml}");
        Assert.Equal("A", mark.TagName);
        Assert.Equal("Staff", mark.TextContent.Trim());
        Assert.Equal($"staff/{userId}", mark.GetAttribute("href"));
        Assert.Equal(disclosure, scope.StaffDisclosure()?.TextContent.Trim());
    }

    public static void AssertNotDisclosed(IElement scope)
    {
        Assert.True(scope.StaffMark() is null, $"A staff mark where there should be none: {scope.OuterHtml}");
        Assert.Null(scope.StaffDisclosure());
    }

    /// <summary>The answer's article on a question page.</summary>
    public static IElement Answer(this IHtmlDocument page, int answerId) =>
        page.QuerySelector($"article.answer#answer-{answerId}") ?? throw new InvalidOperationException($"The page has no answer {answerId}.");

    /// <summary>The signature line ("answered … by …") of a post on a question page.</summary>
    public static IElement Signature(this IElement post) =>
        post.QuerySelector(".post-footer .post-signature") ?? throw new InvalidOperationException($"No signature in: {post.OuterHtml}");

    /// <summary>The row of a question list whose title links to the question.</summary>
    public static IElement? QuestionRow(this IHtmlDocument page, int questionId) =>
        page.QuerySelectorAll(".question-row").SingleOrDefault(r => r.QuerySelector($"h3 a[href^='questions/{questionId}/']") is not null);

    /// <summary>The schema.org data in the page's head, parsed.</summary>
    public static JsonDocument JsonLd(this IHtmlDocument page)
    {
        var scripts = page.QuerySelectorAll("script[type='application/ld+json']");
        Assert.Single(scripts);
        return JsonDocument.Parse(scripts[0].TextContent);
    }

    /// <summary>Every answer object of a QAPage (accepted and suggested).</summary>
    public static IEnumerable<JsonElement> JsonLdAnswers(JsonElement question)
    {
        if (question.TryGetProperty("acceptedAnswer", out var accepted))
            yield return accepted;
        if (question.TryGetProperty("suggestedAnswer", out var suggested))
            foreach (var answer in suggested.EnumerateArray())
                yield return answer;
    }

    /// <summary>Posts the question page's comment form under the post, as a browser does.</summary>
    public static async Task<IHtmlDocument> CommentAsync(this HttpClient client, string questionPath, int postId, string body)
    {
        var page = await client.GetDocumentAsync(questionPath);
        var response = await client.PostFormAsync(questionPath, page, QuestionForms.Action($"posts/{postId}/comments"), new() { ["body"] = body });
        var after = await client.FollowAsync(response);
        Assert.Equal("Your comment was added.", QuestionForms.Flash(after)?.TextContent);
        return after;
    }

    /// <summary>The comment of <paramref name="post"/> whose text contains <paramref name="text"/>.</summary>
    public static IElement Comment(this IElement post, string text) =>
        post.QuerySelectorAll("li.comment").SingleOrDefault(c => c.QuerySelector(".comment-body")!.TextContent.Contains(text, StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No comment saying '{text}' under: {post.OuterHtml}");
}
