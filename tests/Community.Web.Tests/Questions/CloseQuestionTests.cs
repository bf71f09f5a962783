using System.Net;
using Community.Domain.Questions;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>Moderators close questions; a duplicate links to its original, and a closed question takes no answers.</summary>
public sealed class CloseQuestionTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task TheModeratorClosesAQuestionAsADuplicateAndThePageLinksToTheOriginal()
    {
        var list = await factory.CreateClient().GetDocumentAsync("/questions?sort=top");
        var originalLink = list.QuerySelector(".question-row h3 a")!;
        var originalTitle = originalLink.TextContent;
        var originalId = QuestionForms.QuestionId(originalLink.GetAttribute("href")!);
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Asked again"));
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var page = await moderator.GetDocumentAsync(path);
        var close = QuestionForms.Action($"questions/{id}/close");
        Assert.Equal(nameof(CloseReason.Duplicate), QuestionForms.FieldsOf(page.FindForm(close))["reason"]);

        var response = await moderator.PostFormAsync(path, page, close,
            new() { ["reason"] = nameof(CloseReason.Duplicate), ["duplicateOf"] = originalId.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closed = await moderator.FollowAsync(response);
        Assert.Equal("The question was closed.", QuestionForms.Flash(closed)!.TextContent);
        var notice = closed.QuerySelector(".notice-closed")!;
        Assert.Contains(CloseReasons.Describe(CloseReason.Duplicate), notice.TextContent);
        var duplicateOf = notice.QuerySelector("a.duplicate-of")!;
        Assert.Equal(originalTitle, duplicateOf.TextContent);
        Assert.Equal(originalLink.GetAttribute("href"), duplicateOf.GetAttribute("href"));
        Assert.NotNull(closed.FindForm(QuestionForms.Action($"questions/{id}/reopen")));

        // Everyone sees it closed, with the link, and there is no answer form any more.
        var asker = await customer.GetDocumentAsync(path);
        Assert.Equal(originalTitle, asker.QuerySelector(".notice-closed a.duplicate-of")!.TextContent);
        Assert.Equal("This question is closed, so it takes no new answers.", asker.QuerySelector(".your-answer p")!.TextContent);
        Assert.Empty(asker.QuerySelectorAll("textarea[name='Input.Body']"));
        Assert.Null(asker.QuerySelector(".moderator-tools"));
        var original = await customer.GetDocumentAsync("/" + duplicateOf.GetAttribute("href"));
        Assert.Equal(originalTitle, original.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task ADuplicateWithoutTheOriginalsNumberIsRefusedAndTheQuestionStaysOpen()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Duplicate of what"));
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);

        // The number box is posted empty, as a browser sends it.
        var refused = await moderator.FollowAsync(await moderator.PostFormAsync(path, await moderator.GetDocumentAsync(path),
            QuestionForms.Action($"questions/{id}/close"), new() { ["reason"] = nameof(CloseReason.Duplicate), ["duplicateOf"] = "" }));

        Assert.Equal("Fix the highlighted fields and try again. Give the number of the question this one duplicates.", QuestionForms.Flash(refused)!.TextContent);
        Assert.Contains("flash-error", QuestionForms.Flash(refused)!.ClassList);
        Assert.Null(refused.QuerySelector(".notice-closed"));
        Assert.NotNull(refused.FindForm(QuestionForms.Action($"questions/{id}/close")));
    }

    [Fact]
    public async Task AMemberCannotCloseAQuestion()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Not closed by members"));
        // A newcomer: members with 3,000 reputation see the vote-to-close tools, which never close alone.
        var expert = await factory.SignedInClientAsync(Demo.Newcomer);
        var page = await expert.GetDocumentAsync(path);
        Assert.Null(page.QuerySelector(".moderator-tools"));

        var response = await expert.PostAsync($"questions/{id}/close", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = QuestionForms.AntiforgeryToken(page),
            ["reason"] = nameof(CloseReason.OffTopic),
            ["returnUrl"] = path,
        }), TestContext.Current.CancellationToken);

        var after = await expert.FollowAsync(response);
        Assert.Equal("Only moderators can close or reopen questions.", QuestionForms.Flash(after)!.TextContent);
        Assert.Null(after.QuerySelector(".notice-closed"));
    }

    [Fact]
    public async Task TheModeratorReopensAClosedQuestion()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Closed then reopened"));
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var closed = await moderator.FollowAsync(await moderator.PostFormAsync(path, await moderator.GetDocumentAsync(path),
            QuestionForms.Action($"questions/{id}/close"), new() { ["reason"] = nameof(CloseReason.NeedsDetails), ["duplicateOf"] = "" }));
        Assert.Contains(CloseReasons.Describe(CloseReason.NeedsDetails), closed.QuerySelector(".notice-closed")!.TextContent);
        Assert.Null(closed.QuerySelector(".notice-closed a.duplicate-of"));

        var reopened = await moderator.FollowAsync(await moderator.PostFormAsync(path, closed, QuestionForms.Action($"questions/{id}/reopen")));

        Assert.Equal("The question was reopened.", QuestionForms.Flash(reopened)!.TextContent);
        Assert.Null(reopened.QuerySelector(".notice-closed"));
        Assert.NotNull(reopened.FindForm(QuestionForms.Handler("answer")));
    }

    [Fact]
    public async Task ClosingAsOffTopicWithTheNumberBoxLeftBlankClosesTheQuestion()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Off topic for sure"));
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var page = await moderator.GetDocumentAsync(path);
        var close = QuestionForms.Action($"questions/{id}/close");
        // Exactly what a browser posts: the number input is sent, empty.
        Assert.Equal("", QuestionForms.FieldsOf(page.FindForm(close))["duplicateOf"]);

        var response = await moderator.PostFormAsync(path, page, close, new() { ["reason"] = nameof(CloseReason.OffTopic) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var closed = await moderator.FollowAsync(response);
        Assert.Equal("The question was closed.", QuestionForms.Flash(closed)!.TextContent);
        Assert.Contains(CloseReasons.Describe(CloseReason.OffTopic), closed.QuerySelector(".notice-closed")!.TextContent);
    }
}
