using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Community.Domain;
using Community.Domain.Persistence;
using Community.Domain.Voting;
using Community.Web.Components.Pages.Questions.Parts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Questions;

/// <summary>
/// The vote arrows in their three shapes: sign-in links for visitors, forms when rendered statically (SSR or the
/// prerender of the island), and buttons on a circuit, whose clicks go through the real <see cref="CastVote"/>.
/// </summary>
public sealed class VoteButtonsTests : BunitContext, IClassFixture<VoteDatabase>
{
    private const int PostId = 42;
    private const string ReturnUrl = "/questions/7/beacon-point-blinks-amber#answer-42";
    private const string Token = "fake-antiforgery-token";

    private static readonly RendererInfo Static = new("Static", isInteractive: false);
    private static readonly RendererInfo Interactive = new("Server", isInteractive: true);

    private readonly VoteDatabase database;

    public VoteButtonsTests(VoteDatabase database)
    {
        this.database = database;
        // The domain's own registration (so CastVote gets whatever it depends on), on this class's migrated file.
        Services.AddCommunityDomain(database.Provider, database.ConnectionString);
        Services.AddSingleton<IDbContextFactory<CommunityDbContext>>(database);
        Services.AddSingleton<AntiforgeryStateProvider>(new FakeAntiforgery());
    }

    private IRenderedComponent<VoteButtons> RenderVotes(RendererInfo renderer, bool signedIn, bool canVote, int myVote = 0, int score = 3, int postId = PostId)
    {
        SetRendererInfo(renderer);
        return Render<VoteButtons>(p => p
            .Add(c => c.PostId, postId).Add(c => c.Score, score).Add(c => c.MyVote, myVote).Add(c => c.Kind, "answer")
            .Add(c => c.SignedIn, signedIn).Add(c => c.CanVote, canVote).Add(c => c.ReturnUrl, ReturnUrl));
    }

    private void SignIn(string userId)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized("Priya Voter");
        auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
    }

    // Anonymous visitors

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AnAnonymousVisitorGetsLinksToSignInThatComeBackToThePost(bool interactive)
    {
        var votes = RenderVotes(interactive ? Interactive : Static, signedIn: false, canVote: false);

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
    public void OnTheirOwnPostAMemberGetsDisabledButtonsWhenStatic()
    {
        var votes = RenderVotes(Static, signedIn: true, canVote: false);

        var buttons = votes.FindAll("button.vote");
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, button => Assert.True(button.HasAttribute("disabled")));
        Assert.Empty(votes.FindAll("a.vote"));
    }

    [Fact]
    public void OnTheirOwnPostAMemberGetsDisabledButtonsThatSayWhyWhenInteractive()
    {
        var votes = RenderVotes(Interactive, signedIn: true, canVote: false);

        var buttons = votes.FindAll("button.vote");
        Assert.Equal(2, buttons.Count);
        Assert.All(buttons, button =>
        {
            Assert.True(button.HasAttribute("disabled"));
            Assert.Equal("You cannot vote on your own post", button.GetAttribute("title"));
        });
    }

    // Static rendering: one form per arrow, posting the vote the click would set

    [Theory]
    [InlineData(0, "1", "-1")]
    [InlineData(1, "0", "-1")]
    [InlineData(-1, "1", "0")]
    public void StaticallyEachArrowIsAFormPostingTheNextVote(int myVote, string upSends, string downSends)
    {
        var votes = RenderVotes(Static, signedIn: true, canVote: true, myVote);

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
        Assert.Equal(upSends, Hidden(forms[0], "value"));
        Assert.Equal(downSends, Hidden(forms[1], "value"));
        AssertPressed(votes.Find("button.vote.up"), myVote == 1);
        AssertPressed(votes.Find("button.vote.down"), myVote == -1);
        Assert.Equal("3", votes.Find(".score").TextContent);
    }

    [Fact]
    public void InteractiveButtonsAreNotFormsAndDoNotSubmit()
    {
        var votes = RenderVotes(Interactive, signedIn: true, canVote: true);

        Assert.Empty(votes.FindAll("form"));
        Assert.All(votes.FindAll("button.vote"), button =>
        {
            Assert.Equal("button", button.GetAttribute("type"));
            Assert.False(button.HasAttribute("disabled"));
        });
        Assert.Equal("polite", votes.Find(".score").GetAttribute("aria-live"));
    }

    // Interactive rendering: clicks vote through CastVote, without a page load

    [Fact]
    public async Task ClickingUpVotesAndClickingItAgainWithdrawsTheVote()
    {
        SignIn(database.VoterId);
        var postId = await database.QuestionAsync(score: 4);
        var votes = RenderVotes(Interactive, signedIn: true, canVote: true, score: 4, postId: postId);

        await votes.Find("button.vote.up").ClickAsync(new());

        votes.WaitForAssertion(() => Assert.Equal("5", votes.Find(".score").TextContent));
        AssertPressed(votes.Find("button.vote.up"), true);
        Assert.Equal((5, 1), await database.StoredAsync(postId, database.VoterId));

        await votes.Find("button.vote.up").ClickAsync(new());

        votes.WaitForAssertion(() => Assert.Equal("4", votes.Find(".score").TextContent));
        AssertPressed(votes.Find("button.vote.up"), false);
        Assert.Equal((4, (int?)null), await database.StoredAsync(postId, database.VoterId));
    }

    [Fact]
    public async Task ClickingDownAfterUpMovesTheScoreByTwo()
    {
        SignIn(database.VoterId);
        var postId = await database.QuestionAsync(score: 0);
        var votes = RenderVotes(Interactive, signedIn: true, canVote: true, score: 0, postId: postId);

        await votes.Find("button.vote.up").ClickAsync(new());
        votes.WaitForAssertion(() => Assert.Equal("1", votes.Find(".score").TextContent));
        await votes.Find("button.vote.down").ClickAsync(new());

        votes.WaitForAssertion(() => Assert.Equal("-1", votes.Find(".score").TextContent));
        AssertPressed(votes.Find("button.vote.down"), true);
        AssertPressed(votes.Find("button.vote.up"), false);
        Assert.Equal("Score -1", votes.Find(".score").GetAttribute("aria-label"));
        Assert.Equal((-1, -1), await database.StoredAsync(postId, database.VoterId));
    }

    [Fact]
    public async Task TheServerRefusalIsShownWhenTheButtonWasEnabledByMistake()
    {
        // Rendered as if someone else's post, but the signed-in member wrote it: CastVote refuses.
        SignIn(database.AuthorId);
        var postId = await database.QuestionAsync(score: 2);
        var votes = RenderVotes(Interactive, signedIn: true, canVote: true, score: 2, postId: postId);

        await votes.Find("button.vote.up").ClickAsync(new());

        votes.WaitForAssertion(() => Assert.Equal("You cannot vote on your own post.", votes.Find(".vote-error[role=alert]").TextContent));
        Assert.Equal("2", votes.Find(".score").TextContent);
        AssertPressed(votes.Find("button.vote.up"), false);
        Assert.Equal((2, (int?)null), await database.StoredAsync(postId, database.AuthorId));
    }

    [Fact]
    public async Task ACircuitThatLostItsSignInAsksToSignInAgain()
    {
        AddAuthorization().SetNotAuthorized();
        var postId = await database.QuestionAsync(score: 1);
        var votes = RenderVotes(Interactive, signedIn: true, canVote: true, score: 1, postId: postId);

        await votes.Find("button.vote.up").ClickAsync(new());

        votes.WaitForAssertion(() => Assert.Equal("Sign in again to vote.", votes.Find(".vote-error").TextContent));
        Assert.Equal("1", votes.Find(".score").TextContent);
        Assert.False(votes.Find("button.vote.up").HasAttribute("disabled"));
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
