using System.Net;
using Community.Domain.Questions;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Review;

/// <summary>Members with 3,000 reputation vote to close from the question page; a moderator sees their votes and decides alone.</summary>
public sealed class CloseVotePagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task TwoMembersVoteToCloseTheModeratorSeesTheVotesAndHerVoteCloses()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Off topic"));
        Assert.Null((await customer.GetDocumentAsync(path)).QuerySelector(".close-votes"));
        var vote = QuestionForms.Action($"questions/{id}/close-votes");

        var oldTimer = await factory.SignedInClientAsync(Demo.OldTimer);
        var page = await oldTimer.GetDocumentAsync(path);
        Assert.Contains("Vote to close (0 of 3)", page.QuerySelector(".close-votes summary")!.TextContent);
        var first = await oldTimer.FollowAsync(await oldTimer.PostFormAsync(path, page, vote, new() { ["reason"] = nameof(CloseReason.OffTopic) }));
        Assert.Equal("Your vote was counted: 1 of 3 needed.", QuestionForms.Flash(first)!.TextContent);
        Assert.Contains("You voted to close (1 of 3 votes).", first.QuerySelector(".close-votes")!.TextContent);

        var other = await factory.SignedInClientAsync(Demo.OtherOldTimer);
        var second = await other.FollowAsync(await other.PostFormAsync(path, await other.GetDocumentAsync(path), vote, new() { ["reason"] = nameof(CloseReason.OffTopic) }));
        Assert.Equal("Your vote was counted: 2 of 3 needed.", QuestionForms.Flash(second)!.TextContent);

        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var moderatorsView = await moderator.GetDocumentAsync(path);
        Assert.Contains("Members' votes to close: 2 of 3", moderatorsView.QuerySelector(".close-vote-count")!.TextContent);
        var queue = await moderator.GetDocumentAsync("/review");
        Assert.Contains(queue.QuerySelectorAll(".close-vote-queue li"), li => li.TextContent.Contains("2 votes to close") && li.QuerySelector($"a[href='{path.TrimStart('/')}']") is not null);

        var closed = await moderator.FollowAsync(await moderator.PostFormAsync(path, moderatorsView, QuestionForms.Action($"questions/{id}/close"), new() { ["reason"] = nameof(CloseReason.OffTopic) }));
        Assert.Contains("Closed by a moderator", closed.QuerySelector(".notice-closed")!.TextContent);
    }

    [Fact]
    public async Task AMemberBelowThePrivilegeSeesNoFormAndAHandMadeVoteIsRefused()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (id, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Keep me open"));
        var oldTimer = await factory.SignedInClientAsync(Demo.OldTimer);
        var form = await oldTimer.GetDocumentAsync(path);
        var newcomer = await factory.SignedInClientAsync(Demo.Newcomer);
        Assert.Null((await newcomer.GetDocumentAsync(path)).QuerySelector(".close-votes"));

        var response = await newcomer.PostFormAsync(path, form, QuestionForms.Action($"questions/{id}/close-votes"),
            new() { ["reason"] = nameof(CloseReason.OffTopic), ["__RequestVerificationToken"] = QuestionForms.AntiforgeryToken(await newcomer.GetDocumentAsync(path)) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
        Assert.Contains("Vote to close (0 of 3)", (await oldTimer.GetDocumentAsync(path)).QuerySelector(".close-votes summary")!.TextContent);
    }

    [Fact]
    public async Task TheDemoExpertCastsTheDecidingVoteOnTheDemosWaitingQuestion()
    {
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var queue = await expert.GetDocumentAsync("/review");
        var waiting = queue.QuerySelectorAll(".close-vote-queue li").First(li => li.TextContent.Contains("2 votes to close"));
        var path = "/" + waiting.QuerySelector("a")!.GetAttribute("href");
        var page = await expert.GetDocumentAsync(path);
        Assert.Contains("Vote to close (2 of 3)", page.QuerySelector(".close-votes summary")!.TextContent);

        var closed = await expert.FollowAsync(await expert.PostFormAsync(path, page, QuestionForms.Action($"questions/{QuestionForms.QuestionId(path)}/close-votes"),
            new() { ["reason"] = nameof(CloseReason.NeedsDetails) }));

        Assert.Equal("Your vote closed the question.", QuestionForms.Flash(closed)!.TextContent);
        Assert.Contains("Closed by community vote", closed.QuerySelector(".notice-closed")!.TextContent);
        Assert.Contains(CloseReasons.Describe(CloseReason.NeedsDetails), closed.QuerySelector(".notice-closed")!.TextContent);
        Assert.Contains("Vote to reopen (0 of 3)", closed.QuerySelector(".close-votes button")!.TextContent);
    }
}
