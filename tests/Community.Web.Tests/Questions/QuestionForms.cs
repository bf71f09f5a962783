using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Questions;

/// <summary>The demo accounts the question tests act as (password <see cref="CommunityWebFactory.DemoPassword"/>).</summary>
internal static class Demo
{
    public const string Customer = "customer@demo.local";
    public const string Expert = "expert@demo.local";
    public const string Moderator = "moderator@demo.local";
    public const string Staff = "staff@demo.local";

    /// <summary>Demo members: two long-time members holding the close-vote privilege, and a newcomer with little reputation.</summary>
    public const string OldTimer = "oliverbrennan@members.demo.local";
    public const string OtherOldTimer = "jamalcarter@members.demo.local";
    public const string Newcomer = "yusufdemir@members.demo.local";

    public const string Body = "The Beacon Point in the hallway blinks amber every evening since the 4.2 firmware update; a restart helps for an hour.";
}

/// <summary>
/// Question-page shortcuts over plain HTTP, as a browser without JavaScript: sign in, ask, answer, and post any
/// form of a page exactly as it was rendered (its hidden fields, antiforgery token and textareas included).
/// </summary>
internal static partial class QuestionForms
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A client that does not follow redirects, so tests see each 302/301, signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this CommunityWebFactory factory, string email)
    {
        var client = factory.CreateBrowserlessClient();
        await client.SignInAsync(email, CommunityWebFactory.DemoPassword);
        return client;
    }

    /// <summary>A title nobody else uses, long enough to be valid.</summary>
    public static string UniqueTitle(string what) => $"{what} on my Beacon Point {Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Asks through /questions/ask and returns the new question's id and path (<c>/questions/{id}/{slug}</c>).</summary>
    public static async Task<(int Id, string Path)> AskAsync(this HttpClient client, string title, string body = Demo.Body, string tags = "firmware hardware")
    {
        var form = await client.GetDocumentAsync("/questions/ask");
        var response = await client.PostFormAsync("/questions/ask", form, Handler("ask"),
            new() { ["Input.Title"] = title, ["Input.Body"] = body, ["Input.Tags"] = tags }, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var path = response.Headers.Location!.OriginalString;
        return (QuestionId(path), path);
    }

    /// <summary>Answers through the question page's answer form and returns the new answer's id.</summary>
    public static async Task<int> AnswerAsync(this HttpClient client, string questionPath, string body)
    {
        var page = await client.GetDocumentAsync(questionPath);
        var response = await client.PostFormAsync(questionPath, page, Handler("answer"), new() { ["Input.Body"] = body }, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = AnswerAnchor().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, $"The answer's redirect has no #answer-id: {response.Headers.Location}");
        return int.Parse(match.Groups[1].Value);
    }

    public static int QuestionId(string path)
    {
        var match = QuestionPath().Match(path);
        Assert.True(match.Success, $"Not a question address: {path}");
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>Picks a Blazor form by its <c>_handler</c> (FormName).</summary>
    public static Func<IHtmlFormElement, bool> Handler(string formName) =>
        form => form.Elements.OfType<IHtmlInputElement>().Any(input => input.Name == "_handler" && input.Value == formName);

    /// <summary>Picks a form by its action attribute (as rendered: relative to &lt;base href="/"&gt;).</summary>
    public static Func<IHtmlFormElement, bool> Action(string action, string? withButton = null) =>
        form => form.GetAttribute("action") == action && (withButton is null || form.QuerySelector(withButton) is not null);

    public static IHtmlFormElement FindForm(this IHtmlDocument page, Func<IHtmlFormElement, bool> which) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>().SingleOrDefault(which)
        ?? throw new InvalidOperationException("The page has no such form (or more than one). Forms: "
            + string.Join(", ", page.QuerySelectorAll("form").Select(f => f.GetAttribute("action") ?? "(no action)")));

    /// <summary>The form's fields by name (the last value of a repeated name), for assertions.</summary>
    public static Dictionary<string, string> FieldsOf(IHtmlFormElement form)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, value) in PostedFieldsOf(form))
            values[name] = value;
        return values;
    }

    /// <summary>Exactly what a browser sends for the form: inputs, textareas and selects in order, a repeated name repeated.</summary>
    public static List<KeyValuePair<string, string>> PostedFieldsOf(IHtmlFormElement form)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("checkbox" or "radio" or "submit" or "button"):
                    values.Add(new(input.Name!, input.Value));
                    break;
                case IHtmlTextAreaElement textarea when !string.IsNullOrEmpty(textarea.Name):
                    values.Add(new(textarea.Name!, textarea.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values.Add(new(select.Name!, select.Value ?? ""));
                    break;
            }
        }
        return values;
    }

    public const string TokenField = "__RequestVerificationToken";

    /// <summary>How many antiforgery tokens a form carries (a browser posts each of them).</summary>
    public static int AntiforgeryTokenCount(IHtmlFormElement form) => PostedFieldsOf(form).Count(f => f.Key == TokenField);

    /// <summary>
    /// Posts one form of an already loaded page as a browser would, with some fields changed (a null value leaves the
    /// field out). <paramref name="oneAntiforgeryToken"/> sends the token once where the form has it twice: the ask,
    /// answer and edit forms do (a bug, see <see cref="FormTokenTests"/>), and the server refuses a post that repeats it.
    /// </summary>
    /// <param name="pageUrl">Where the page was loaded from: a form without an action posts back there.</param>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pageUrl, IHtmlDocument page, Func<IHtmlFormElement, bool> which,
        Dictionary<string, string?>? changes = null, bool oneAntiforgeryToken = false)
    {
        var form = page.FindForm(which);
        var values = PostedFieldsOf(form);
        if (oneAntiforgeryToken && values.FindIndex(f => f.Key == TokenField) is var first and >= 0)
            values = values.Where((f, i) => f.Key != TokenField || i == first).ToList();
        foreach (var (name, value) in changes ?? [])
        {
            var at = values.FindIndex(f => f.Key == name);
            values.RemoveAll(f => f.Key == name);
            if (value is not null)
                values.Insert(at < 0 ? values.Count : at, new(name, value));
        }
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? pageUrl : action;
        return await client.PostAsync(target, new FormUrlEncodedContent(values), Ct);
    }

    /// <summary>Follows a post's redirect back, as the browser would.</summary>
    public static async Task<IHtmlDocument> FollowAsync(this HttpClient client, HttpResponseMessage redirect)
    {
        Assert.True(redirect.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"Expected a redirect, got {(int)redirect.StatusCode}.");
        return await client.GetDocumentAsync(redirect.Headers.Location!.OriginalString);
    }

    /// <summary>The antiforgery token any form of the page carries (it is per person, not per form).</summary>
    public static string AntiforgeryToken(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");

    public static int QuestionScore(IHtmlDocument page, int questionId) => int.Parse(page.QuerySelector($"#question-{questionId} .vote-buttons .score")!.TextContent);

    public static int AnswerScore(IHtmlDocument page, int answerId) => int.Parse(page.QuerySelector($"#answer-{answerId} .vote-buttons .score")!.TextContent);

    public static IElement? Flash(IHtmlDocument page) => page.QuerySelector(".flash");

    /// <summary>"Viewed 88 times" in the question's meta line.</summary>
    public static int ViewCount(IHtmlDocument page)
    {
        var match = Viewed().Match(page.QuerySelector("article.question .question-meta")!.TextContent);
        Assert.True(match.Success, "The question page does not say how often it was viewed.");
        return int.Parse(match.Groups[1].Value);
    }

    /// <summary>Views are counted off the request (<see cref="global::Community.Web.Caching.QuestionViewQueue"/>): waits until the queue is empty.</summary>
    public static async Task ViewsCountedAsync(this CommunityWebFactory factory)
    {
        var queue = factory.Services.GetRequiredService<global::Community.Web.Caching.QuestionViewQueue>();
        for (var attempt = 0; attempt < 250 && queue.Pending > 0; attempt++)
            await Task.Delay(20, TestContext.Current.CancellationToken);
        Assert.Equal(0, queue.Pending);
    }

    [GeneratedRegex(@"^/?questions/(\d+)/[a-z0-9-]+")]
    private static partial Regex QuestionPath();

    [GeneratedRegex(@"#answer-(\d+)$")]
    private static partial Regex AnswerAnchor();

    [GeneratedRegex(@"Viewed (\d+) times")]
    private static partial Regex Viewed();
}
