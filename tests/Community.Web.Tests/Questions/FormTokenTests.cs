using System.Net;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>
/// Every posting form on the question pages carries one antiforgery token, and posting it exactly as a browser does
/// (every field, a repeated one repeated) goes through.
/// </summary>
public sealed class FormTokenTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Theory]
    [InlineData("ask")]
    [InlineData("answer")]
    [InlineData("edit")]
    public async Task ABlazorFormCarriesOneTokenAndPostedAsABrowserPostsItGoesThrough(string formName)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Posted as a browser"));
        var (client, url, changes) = formName switch
        {
            "ask" => (customer, "/questions/ask", new Dictionary<string, string?>
                { ["Input.Title"] = QuestionForms.UniqueTitle("Asked as a browser"), ["Input.Body"] = Demo.Body, ["Input.Tags"] = "setup" }),
            "answer" => (await factory.SignedInClientAsync(Demo.Expert), path, new Dictionary<string, string?>
                { ["Input.Body"] = "Answered as a browser answers: every field of the form, as rendered." }),
            _ => (customer, $"/posts/{id}/edit", new Dictionary<string, string?> { ["Input.Body"] = Demo.Body + "\n\nEdited as a browser edits." }),
        };
        var page = await client.GetDocumentAsync(url);
        var form = page.FindForm(QuestionForms.Handler(formName));

        var response = await client.PostFormAsync(url, page, QuestionForms.Handler(formName), changes);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, QuestionForms.AntiforgeryTokenCount(form));
    }

    [Fact]
    public async Task TheAskFormPostedWithItsTokenOnceGoesThrough()
    {
        // The same post as above with the repeated token sent once: what the ask form needs to work in a browser.
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var page = await customer.GetDocumentAsync("/questions/ask");

        var response = await customer.PostFormAsync("/questions/ask", page, QuestionForms.Handler("ask"),
            new() { ["Input.Title"] = QuestionForms.UniqueTitle("Token once"), ["Input.Body"] = Demo.Body, ["Input.Tags"] = "setup" }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Theory]
    [InlineData("vote up")]
    [InlineData("vote down")]
    [InlineData("accept")]
    [InlineData("comment")]
    [InlineData("delete")]
    [InlineData("close")]
    public async Task EachPlainFormCarriesOneTokenAndPostedAsABrowserPostsItGoesThrough(string which)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Plain forms"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "An answer with its own forms: vote, comment and, for the asker, accept.");
        (HttpClient client, Func<IHtmlFormElement, bool> form, Dictionary<string, string?>? changes) = which switch
        {
            "vote up" => (expert, QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"), null),
            "vote down" => (expert, QuestionForms.Action($"posts/{id}/vote", withButton: "button.down"), null),
            "accept" => (customer, QuestionForms.Action($"answers/{answerId}/accept"), null),
            "comment" => (expert, QuestionForms.Action($"posts/{id}/comments"), new Dictionary<string, string?> { ["body"] = "Which firmware version exactly?" }),
            "delete" => (customer, QuestionForms.Action($"posts/{id}/delete"), null),
            _ => (await factory.SignedInClientAsync(Demo.Moderator), QuestionForms.Action($"questions/{id}/close"), new Dictionary<string, string?> { ["reason"] = "OffTopic" }),
        };
        var page = await client.GetDocumentAsync(path);

        var response = await client.PostFormAsync(path, page, form, changes);

        Assert.Equal(1, QuestionForms.AntiforgeryTokenCount(page.FindForm(form)));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await client.FollowAsync(response);
        Assert.Contains("flash-ok", QuestionForms.Flash(after)!.ClassList);
    }

    [Fact]
    public async Task TheDuplicateTokenIsWhatTheServerRefuses()
    {
        // Documents the mechanism behind the skipped rows above: the same valid token, sent twice, is refused.
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Token twice"));
        var page = await expert.GetDocumentAsync(path);
        var up = page.FindForm(QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"));
        var fields = QuestionForms.PostedFieldsOf(up);
        fields.Add(new(QuestionForms.TokenField, QuestionForms.AntiforgeryToken(page)));

        var response = await expert.PostAsync($"posts/{id}/vote", new FormUrlEncodedContent(fields), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, QuestionForms.QuestionScore(await expert.GetDocumentAsync(path), id));
    }
}
