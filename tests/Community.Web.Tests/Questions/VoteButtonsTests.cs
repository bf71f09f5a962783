using AngleSharp.Dom;
using Bunit;
using Community.Web.Components.Pages.Questions.Parts;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Questions;

/// <summary>
/// The vote arrows: sign-in links for visitors, and for members one form per arrow, which works without JavaScript and
/// which wwwroot/js/votes.js sends with fetch (its JSON reply: VoteReplyTests; in a browser: AskAnswerAcceptJourney).
/// </summary>
public sealed class VoteButtonsTests : BunitContext
{
    private const int PostId = 42;
    private const string ReturnUrl = "/questions/7/beacon-point-blinks-amber#answer-42";
    private const string Token = "fake-antiforgery-token";

    public VoteButtonsTests() => Services.AddSingleton<AntiforgeryStateProvider>(new FakeAntiforgery());

    private IRenderedComponent<VoteButtons> RenderVotes(bool signedIn, bool canVote, int myVote = 0, int score = 3, int postId = PostId) =>
        Render<VoteButtons>(p => p
            .Add(c => c.PostId, postId).Add(c => c.Score, score).Add(c => c.MyVote, myVote).Add(c => c.Kind, "answer")
            .Add(c => c.SignedIn, signedIn).Add(c => c.CanVote, canVote).Add(c => c.ReturnUrl, ReturnUrl));

    // Anonymous visitors

    [Fact]
    public void AnAnonymousVisitorGetsLinksToSignInThatComeBackToThePost()
    {
        var votes = RenderVotes(signedIn: false, canVote: false);

        var links = votes.FindAll("a.vote");
        Assert.Equal(2, links.Count);
        Assert.All(links, link => Assert.Equal("Account/Login?ReturnUrl=%2Fquestions%2F7%2Fbeacon-point-blinks-amber%23answer-42", link.GetAttribute("href")));
        Assert.Equal("Sign in to vote this answer up", votes.Find("a.vote.up").GetAttribute("aria-label"));
        Assert.Equal("Sign in to vote this answer down", votes.Find("a.vote.down").GetAttribute("aria-label"));
        Assert.Equal("3", votes.Find(".score").TextContent);
        Assert.Empty(votes.FindAll("form, button, input"));
    }

    // Signed in, on their own post

    [Fact]
    public void OnTheirOwnPostAMemberGetsDisabledButtonsThatSayWhy()
    {
        var votes = RenderVotes(signedIn: true, canVote: false);

        var buttons = votes.FindAll("button.vote");
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, button =>
        {
            Assert.True(button.HasAttribute("disabled"));
            Assert.Equal("You cannot vote on your own post", button.GetAttribute("title"));
        });
        Assert.Empty(votes.FindAll("a.vote"));
    }

    // One form per arrow, posting the vote the click would set; the script finds them by data-vote

    [Theory]
    [InlineData(0, "1", "-1")]
    [InlineData(1, "0", "-1")]
    [InlineData(-1, "1", "0")]
    public void EachArrowIsAFormPostingTheNextVote(int myVote, string upSends, string downSends)
    {
        var votes = RenderVotes(signedIn: true, canVote: true, myVote);

        var forms = votes.FindAll("form");
        Assert.Equal(2, forms.Count);
        Assert.All(forms, form =>
        {
            Assert.Equal("post", form.GetAttribute("method"));
            Assert.Equal($"posts/{PostId}/vote", form.GetAttribute("action"));
            Assert.Equal(ReturnUrl, Hidden(form, "returnUrl"));
            Assert.Equal(Token, Hidden(form, "__RequestVerificationToken"));
            Assert.Equal("submit", form.QuerySelector("button")!.GetAttribute("type"));
            Assert.False(form.QuerySelector("button")!.HasAttribute("disabled"));
        });
        Assert.Equal(["up", "down"], forms.Select(form => form.GetAttribute("data-vote")));
        Assert.Equal(upSends, Hidden(forms[0], "value"));
        Assert.Equal(downSends, Hidden(forms[1], "value"));
        AssertPressed(votes.Find("button.vote.up"), myVote == 1);
        AssertPressed(votes.Find("button.vote.down"), myVote == -1);
        Assert.Equal("3", votes.Find(".score").TextContent);
        Assert.Equal("polite", votes.Find(".score").GetAttribute("aria-live"));
    }

    private static string? Hidden(IElement form, string name) =>
        form.QuerySelector($"input[type=hidden][name='{name}']")?.GetAttribute("value");

    private static void AssertPressed(IElement button, bool pressed)
    {
        Assert.Equal(pressed ? "true" : "false", button.GetAttribute("aria-pressed"));
        Assert.Equal(pressed, button.ClassList.Contains("on"));
    }

    private sealed class FakeAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }
}
