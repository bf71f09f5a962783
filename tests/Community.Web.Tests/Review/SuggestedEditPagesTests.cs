using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Review;

/// <summary>A suggested edit from the edit page to the review queue and back to the suggester's notices.</summary>
public sealed class SuggestedEditPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCustomersSuggestionWaitsForTheExpertWhoApprovesItAndTheCustomerIsTold()
    {
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var (id, path) = await expert.AskAsync(QuestionForms.UniqueTitle("Needs a clearer body"));
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        const string improved = Demo.Body + "\n\nThe amber light is on the **upstairs landing** Point only.";

        var suggested = await customer.PostFormAsync($"/posts/{id}/edit", await customer.GetDocumentAsync($"/posts/{id}/edit"), QuestionForms.Handler("edit"),
            new() { ["Input.Body"] = improved, ["Input.Summary"] = "Said which Point blinks" }, oneAntiforgeryToken: true);

        Assert.Equal(HttpStatusCode.Redirect, suggested.StatusCode);
        var back = await customer.FollowAsync(suggested);
        Assert.Contains("your suggested edit is waiting for review", QuestionForms.Flash(back)!.TextContent);
        Assert.DoesNotContain("upstairs landing", back.QuerySelector($"#question-{id} .markdown")!.TextContent);

        var queue = await expert.GetDocumentAsync("/review");
        var item = queue.QuerySelectorAll(".suggested-edit").Single(a => a.QuerySelector("h3 a")!.GetAttribute("href") == path.TrimStart('/'));
        Assert.Contains("Dana Whitfield", item.QuerySelector(".suggestion-meta")!.TextContent);
        Assert.Equal("Said which Point blinks", item.QuerySelector(".suggestion-summary")!.TextContent);
        Assert.Contains(item.QuerySelectorAll(".diff .diff-added"), s => s.TextContent.Contains("upstairs landing"));
        var suggestionId = item.Id!["suggested-edit-".Length..];

        var approved = await expert.PostFormAsync("/review", queue, QuestionForms.Action($"suggested-edits/{suggestionId}/approve"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("approved", QuestionForms.Flash(await expert.FollowAsync(approved))!.TextContent);

        var question = await factory.CreateClient().GetDocumentAsync(path);
        Assert.Contains("upstairs landing", question.QuerySelector($"#question-{id} .markdown")!.TextContent);
        var history = await factory.CreateClient().GetDocumentAsync($"/posts/{id}/revisions");
        Assert.Contains("Dana Whitfield", history.GetElementById("revision-2")!.QuerySelector(".revision-meta")!.TextContent);
        var notices = await customer.GetDocumentAsync("/notices");
        Assert.Contains(notices.QuerySelectorAll(".notice-list li"), li => li.TextContent.Contains("Your suggested edit was approved: Said which Point blinks"));
    }

    [Fact]
    public async Task TheReviewQueueIsForMembersWithTheEditPrivilege()
    {
        var anonymous = await factory.CreateBrowserlessClient().GetAsync("/review", Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/Login", anonymous.Headers.Location!.PathAndQuery);

        var customer = factory.CreateBrowserlessClient();
        await customer.SignInAsync(Demo.Customer, CommunityWebFactory.DemoPassword);
        var refused = await customer.GetAsync("/review", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.PathAndQuery);
        Assert.Null((await customer.GetDocumentAsync("/")).QuerySelector(".site-account a[href='review']"));

        var expert = await factory.SignedInClientAsync(Demo.Expert);
        Assert.NotNull((await expert.GetDocumentAsync("/")).QuerySelector(".site-account a[href='review']"));
        var queue = await expert.GetDocumentAsync("/review");
        // The demo's waiting suggestion, and (the expert has over 3,000) the question with two votes to close.
        Assert.Contains(queue.QuerySelectorAll(".suggestion-summary"), q => q.TextContent == "Added where the setting is in the app");
        Assert.Contains(queue.QuerySelectorAll(".close-vote-queue li"), li => li.TextContent.Contains("2 votes to close"));
    }

    [Fact]
    public async Task ANewcomersHandMadeApprovalOfTheDemoSuggestionIsRefused()
    {
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var queue = await expert.GetDocumentAsync("/review");
        var demo = queue.QuerySelectorAll(".suggested-edit").First();
        var action = demo.QuerySelector("form[action$='/approve']")!.GetAttribute("action")!;
        var newcomer = await factory.SignedInClientAsync(Demo.Newcomer);

        var response = await newcomer.PostFormAsync("/review", queue, QuestionForms.Action(action),
            new() { ["__RequestVerificationToken"] = QuestionForms.AntiforgeryToken(await newcomer.GetDocumentAsync("/notices")), ["returnUrl"] = "/notices" });

        var after = await newcomer.FollowAsync(response);
        Assert.Contains("Reviewing suggested edits needs 2,000 reputation", QuestionForms.Flash(after)!.TextContent);
        Assert.Contains(demo.Id!, (await expert.GetDocumentAsync("/review")).QuerySelectorAll(".suggested-edit").Select(a => a.Id!));
    }
}
