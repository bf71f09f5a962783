using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>
/// The vote arrows as plain forms (what a member without JavaScript uses; wwwroot/js/votes.js sends the same forms
/// asking for JSON): they set a vote, the same vote again changes nothing, and a post without antiforgery or sign-in
/// changes nothing.
/// </summary>
public sealed class StaticVotingTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Id, string Path)> FreshQuestionAsync(string what)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        return await customer.AskAsync(QuestionForms.UniqueTitle(what));
    }

    [Fact]
    public async Task TheUpFormRaisesTheScoreAndPostingItAgainChangesNothing()
    {
        var (id, path) = await FreshQuestionAsync("Vote once");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var page = await expert.GetDocumentAsync(path);
        Assert.Equal(0, QuestionForms.QuestionScore(page, id));
        var up = QuestionForms.Action($"posts/{id}/vote", withButton: "button.up");
        Assert.Equal("1", QuestionForms.FieldsOf(page.FindForm(up))["value"]);

        var response = await expert.PostFormAsync(path, page, up);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(path, response.Headers.Location!.OriginalString);
        var voted = await expert.FollowAsync(response);
        Assert.Equal(1, QuestionForms.QuestionScore(voted, id));
        Assert.Equal("Your vote was counted.", QuestionForms.Flash(voted)!.TextContent);
        Assert.Contains("flash-ok", QuestionForms.Flash(voted)!.ClassList);
        var upButton = voted.FindForm(up).QuerySelector("button")!;
        Assert.Equal("true", upButton.GetAttribute("aria-pressed"));
        Assert.Contains("on", upButton.ClassList);
        Assert.Equal("0", QuestionForms.FieldsOf(voted.FindForm(up))["value"]);

        // The same post again (a double click, a resent form) sets the same vote: nothing moves.
        var again = await expert.FollowAsync(await expert.PostFormAsync(path, page, up));
        Assert.Equal(1, QuestionForms.QuestionScore(again, id));

        // The flash message is shown once.
        Assert.Null(QuestionForms.Flash(await expert.GetDocumentAsync(path)));
    }

    [Fact]
    public async Task TheUpFormOfAnUpVoteWithdrawsItAndTheDownFormSetsADownVote()
    {
        var (id, path) = await FreshQuestionAsync("Vote toggles");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var up = QuestionForms.Action($"posts/{id}/vote", withButton: "button.up");
        var down = QuestionForms.Action($"posts/{id}/vote", withButton: "button.down");

        var voted = await expert.FollowAsync(await expert.PostFormAsync(path, await expert.GetDocumentAsync(path), up));
        var withdrawn = await expert.FollowAsync(await expert.PostFormAsync(path, voted, up));

        Assert.Equal(0, QuestionForms.QuestionScore(withdrawn, id));
        Assert.Equal("Your vote was removed.", QuestionForms.Flash(withdrawn)!.TextContent);
        Assert.Equal("1", QuestionForms.FieldsOf(withdrawn.FindForm(up))["value"]);

        var downVoted = await expert.FollowAsync(await expert.PostFormAsync(path, withdrawn, down));
        Assert.Equal(-1, QuestionForms.QuestionScore(downVoted, id));
        Assert.Equal("0", QuestionForms.FieldsOf(downVoted.FindForm(down))["value"]);
        Assert.Equal("true", downVoted.FindForm(down).QuerySelector("button")!.GetAttribute("aria-pressed"));

        // Another member's vote adds to it.
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        var both = await staff.FollowAsync(await staff.PostFormAsync(path, await staff.GetDocumentAsync(path), up));
        Assert.Equal(0, QuestionForms.QuestionScore(both, id));
    }

    [Fact]
    public async Task AVoteWithoutTheAntiforgeryTokenIsRejectedAndChangesNothing()
    {
        var (id, path) = await FreshQuestionAsync("Forged vote");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var page = await expert.GetDocumentAsync(path);
        var up = QuestionForms.Action($"posts/{id}/vote", withButton: "button.up");

        var missing = await expert.PostFormAsync(path, page, up, new() { ["__RequestVerificationToken"] = null });
        var wrong = await expert.PostFormAsync(path, page, up, new() { ["__RequestVerificationToken"] = "CfDJ8-not-a-real-token" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(0, QuestionForms.QuestionScore(await expert.GetDocumentAsync(path), id));
    }

    [Fact]
    public async Task AnAnonymousVoteIsSentToSignInAndChangesNothing()
    {
        var (id, path) = await FreshQuestionAsync("Anonymous vote");
        var visitor = factory.CreateBrowserlessClient();
        var page = await visitor.GetDocumentAsync(path);
        // Visitors get sign-in links, not forms.
        Assert.Empty(page.QuerySelectorAll($"form[action='posts/{id}/vote']"));
        Assert.StartsWith("Account/Login?ReturnUrl=", page.QuerySelector($"#question-{id} a.vote.up")!.GetAttribute("href"));

        var response = await visitor.PostAsync($"/posts/{id}/vote",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = "1", ["returnUrl"] = path }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.OriginalString);
        Assert.Equal(0, QuestionForms.QuestionScore(await visitor.GetDocumentAsync(path), id));
    }

    [Fact]
    public async Task VotingOnYourOwnPostIsRefusedWithAFlashMessage()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Own vote"));
        var page = await customer.GetDocumentAsync(path);
        var up = QuestionForms.Action($"posts/{id}/vote", withButton: "button.up");
        Assert.True(page.FindForm(up).QuerySelector("button")!.HasAttribute("disabled"));

        // The button is disabled, but the server decides: a hand-made post is refused.
        var refused = await customer.FollowAsync(await customer.PostFormAsync(path, page, up));

        Assert.Equal("You cannot vote on your own post.", QuestionForms.Flash(refused)!.TextContent);
        Assert.Contains("flash-error", QuestionForms.Flash(refused)!.ClassList);
        Assert.Equal(0, QuestionForms.QuestionScore(refused, id));
    }

    [Fact]
    public async Task AReturnUrlToAnotherSiteIsNotFollowed()
    {
        var (id, path) = await FreshQuestionAsync("Open redirect");
        var expert = await factory.SignedInClientAsync(Demo.Expert);

        var response = await expert.PostFormAsync(path, await expert.GetDocumentAsync(path),
            QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"), new() { ["returnUrl"] = "//evil.example/phish" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    // What wwwroot/js/votes.js gets: the same form, asking for JSON

    private static async Task<(HttpStatusCode Status, JsonElement Reply)> PostForJsonAsync(HttpClient client, IHtmlFormElement form,
        bool withToken = true)
    {
        var fields = QuestionForms.PostedFieldsOf(form).Where(f => withToken || f.Key != "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action")) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json" ? JsonDocument.Parse(body).RootElement : default);
    }

    [Fact]
    public async Task AskedForJsonAVoteAnswersWithTheNewScoreAndTheVoteInsteadOfARedirect()
    {
        var (id, path) = await FreshQuestionAsync("Vote by script");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var page = await expert.GetDocumentAsync(path);
        var up = page.FindForm(QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"));

        var (status, reply) = await PostForJsonAsync(expert, up);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(reply.GetProperty("ok").GetBoolean());
        Assert.Equal(1, reply.GetProperty("score").GetInt32());
        Assert.Equal(1, reply.GetProperty("myVote").GetInt32());
        Assert.Equal("Your vote was counted.", reply.GetProperty("message").GetString());
        // The same form again (the script sends one at a time, but a resent form is harmless): nothing moves.
        Assert.Equal(1, (await PostForJsonAsync(expert, up)).Reply.GetProperty("score").GetInt32());
        var after = await expert.GetDocumentAsync(path);
        Assert.Equal(1, QuestionForms.QuestionScore(after, id));
        Assert.Null(QuestionForms.Flash(after)); // the script shows the outcome; no message waits for the next page
    }

    [Fact]
    public async Task AskedForJsonARefusedVoteSaysWhyAndAVoteWithoutTheTokenIsRejected()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Own vote by script"));
        var up = (await customer.GetDocumentAsync(path)).FindForm(QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"));

        var (status, reply) = await PostForJsonAsync(customer, up);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.False(reply.GetProperty("ok").GetBoolean());
        Assert.Equal("You cannot vote on your own post.", reply.GetProperty("message").GetString());
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var expertsUp = (await expert.GetDocumentAsync(path)).FindForm(QuestionForms.Action($"posts/{id}/vote", withButton: "button.up"));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostForJsonAsync(expert, expertsUp, withToken: false)).Status);
        Assert.Equal(0, QuestionForms.QuestionScore(await customer.GetDocumentAsync(path), id));
    }
}
