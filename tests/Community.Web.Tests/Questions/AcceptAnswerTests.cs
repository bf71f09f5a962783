using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>Only the asker accepts an answer; anyone else is told why not, and the question stays unresolved.</summary>
public sealed class AcceptAnswerTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private async Task<(HttpClient Customer, HttpClient Expert, int QuestionId, string Path, int AnswerId)> AnsweredQuestionAsync(string what)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle(what));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Open the Beacon app, go to Settings > Firmware and switch the update window to 3am; the amber light is the update retrying.");
        return (customer, expert, id, path, answerId);
    }

    [Fact]
    public async Task AcceptingByAnyoneButTheAskerIsRefusedWithAFlashMessage()
    {
        var (_, expert, _, path, answerId) = await AnsweredQuestionAsync("Refused accept");
        var page = await expert.GetDocumentAsync(path);
        Assert.Empty(page.QuerySelectorAll(".accept-button"));

        // The expert has no accept button, so they post by hand, with a valid antiforgery token.
        var response = await expert.PostAsync($"answers/{answerId}/accept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = QuestionForms.AntiforgeryToken(page),
            ["returnUrl"] = path,
        }), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await expert.FollowAsync(response);
        var flash = QuestionForms.Flash(after)!;
        Assert.Equal("Only the person who asked can accept an answer.", flash.TextContent);
        Assert.Contains("flash-error", flash.ClassList);
        Assert.Equal("alert", flash.GetAttribute("role"));
        Assert.Null(after.QuerySelector(".resolved-badge"));
        Assert.Null(after.QuerySelector(".accepted-mark"));
        Assert.Null(after.QuerySelector($"#answer-{answerId}.accepted"));
    }

    [Fact]
    public async Task TheAskerAcceptsAnAnswerAndMayWithdrawIt()
    {
        var (customer, _, id, path, answerId) = await AnsweredQuestionAsync("Accepted answer");
        var page = await customer.GetDocumentAsync(path);
        Assert.Equal("Accept this answer", page.QuerySelector($"#answer-{answerId} .accept-button")!.TextContent.Trim());

        var accepted = await customer.FollowAsync(await customer.PostFormAsync(path, page, QuestionForms.Action($"answers/{answerId}/accept")));

        Assert.Equal("You accepted this answer: the question shows as resolved.", QuestionForms.Flash(accepted)!.TextContent);
        Assert.Equal("✔ Resolved", accepted.QuerySelector(".resolved-badge")!.TextContent);
        Assert.Equal("✔ Accepted", accepted.QuerySelector($"#answer-{answerId}.accepted .accepted-mark")!.TextContent);
        var row = (await customer.GetDocumentAsync("/questions?sort=newest")).QuerySelectorAll(".question-row")
            .Single(r => r.QuerySelector($"h3 a[href^='questions/{id}/']") is not null);
        Assert.NotNull(row.QuerySelector(".answered-accepted"));

        var withdrawn = await customer.FollowAsync(await customer.PostFormAsync(path, accepted, QuestionForms.Action($"questions/{id}/unaccept")));

        Assert.Equal("You withdrew your acceptance.", QuestionForms.Flash(withdrawn)!.TextContent);
        Assert.Null(withdrawn.QuerySelector(".resolved-badge"));
        Assert.Null(withdrawn.QuerySelector(".accepted-mark"));
    }

    [Fact]
    public async Task WithdrawingByAnyoneButTheAskerIsRefused()
    {
        var (customer, expert, id, path, answerId) = await AnsweredQuestionAsync("Refused withdraw");
        await customer.PostFormAsync(path, await customer.GetDocumentAsync(path), QuestionForms.Action($"answers/{answerId}/accept"));
        var page = await expert.GetDocumentAsync(path);

        var response = await expert.PostAsync($"questions/{id}/unaccept", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = QuestionForms.AntiforgeryToken(page),
            ["returnUrl"] = path,
        }), TestContext.Current.CancellationToken);

        var after = await expert.FollowAsync(response);
        Assert.Equal("Only the person who asked can change the accepted answer.", QuestionForms.Flash(after)!.TextContent);
        Assert.Equal("✔ Resolved", after.QuerySelector(".resolved-badge")!.TextContent);
    }
}
