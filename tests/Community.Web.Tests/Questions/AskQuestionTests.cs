using System.Net;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>/questions/ask as a plain form: what is wrong is said per field, nothing typed is lost, and a double post makes one question.</summary>
public sealed class AskQuestionTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAnonymousVisitorIsSentToSignInBeforeAsking()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/questions/ask", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task InvalidInputReshowsTheFormWithAMessagePerFieldAndKeepsWhatWasTyped()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var form = await customer.GetDocumentAsync("/questions/ask");
        var token = form.FindForm(QuestionForms.Handler("ask")).Elements.OfType<IHtmlInputElement>().Single(i => i.Name == "Input.ClientToken").Value;
        Assert.Matches("^[0-9a-f]{32}$", token);

        var response = await customer.PostFormAsync("/questions/ask", form, QuestionForms.Handler("ask"), new()
        {
            ["Input.Title"] = "Wi-Fi slow",
            ["Input.Body"] = "It is slow <b>again</b>.",
            ["Input.Tags"] = "wifi-coverage no-such-tag",
        }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Equal("Fix the highlighted fields and try again.", page.QuerySelector("form .alert-danger")!.TextContent);
        Assert.Equal("Make the title at least 15 characters so others can tell what it is about; it has 10.", FieldMessage(page, "ask-title"));
        Assert.Equal("Add more detail: at least 30 characters; it has 24.", FieldMessage(page, "ask-body"));
        Assert.Equal("Choose existing tags only; these do not exist: no-such-tag.", FieldMessage(page, "ask-tags"));
        foreach (var id in new[] { "ask-title", "ask-body", "ask-tags" })
            Assert.Contains("is-invalid", page.GetElementById(id)!.ClassList);

        // What was typed comes back as typed (encoded, not interpreted), with the same one-time token.
        Assert.Equal("Wi-Fi slow", page.GetElementById("ask-title")!.GetAttribute("value"));
        Assert.Equal("It is slow <b>again</b>.", ((IHtmlTextAreaElement)page.GetElementById("ask-body")!).Value);
        Assert.Null(page.QuerySelector("form b"));
        Assert.Equal("wifi-coverage no-such-tag", page.GetElementById("ask-tags")!.GetAttribute("value"));
        Assert.Equal(token, page.QuerySelector("input[name='Input.ClientToken']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AnEmptyFormSaysWhatEachFieldNeeds()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var form = await customer.GetDocumentAsync("/questions/ask");

        var response = await customer.PostFormAsync("/questions/ask", form, QuestionForms.Handler("ask"),
            new() { ["Input.Title"] = "", ["Input.Body"] = "", ["Input.Tags"] = "" }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Equal("Add a title: a short summary of your problem.", FieldMessage(page, "ask-title"));
        Assert.Equal("Describe your problem: what you tried and what happened.", FieldMessage(page, "ask-body"));
        Assert.Equal("Choose at least one tag, the product area your question is about.", FieldMessage(page, "ask-tags"));
    }

    [Fact]
    public async Task PostingTheSameFormTwiceMakesOneQuestion()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Double click on post");
        var form = await customer.GetDocumentAsync("/questions/ask");
        var fields = new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.Body"] = Demo.Body, ["Input.Tags"] = "setup Firmware" };

        var first = await customer.PostFormAsync("/questions/ask", form, QuestionForms.Handler("ask"), fields, oneAntiforgeryToken: true);
        var second = await customer.PostFormAsync("/questions/ask", form, QuestionForms.Handler("ask"), fields, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var newest = await customer.GetDocumentAsync("/questions?sort=newest");
        Assert.Single(newest.QuerySelectorAll(".question-row h3 a"), a => a.TextContent == title);

        var question = await customer.GetDocumentAsync(first.Headers.Location!.OriginalString);
        Assert.Equal(title, question.QuerySelector("h1")!.TextContent);
        Assert.Equal(["firmware", "setup"], question.QuerySelectorAll("article.question .tag").Select(t => t.TextContent));

        // A new form (a new token) is a new question, even with the same text.
        var again = await customer.PostFormAsync("/questions/ask", await customer.GetDocumentAsync("/questions/ask"), QuestionForms.Handler("ask"), fields, oneAntiforgeryToken: true);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.NotEqual(first.Headers.Location, again.Headers.Location);
    }

    private static string? FieldMessage(IHtmlDocument page, string fieldId) =>
        page.GetElementById(fieldId)!.ParentElement!.QuerySelector(".validation-message")?.TextContent;
}
