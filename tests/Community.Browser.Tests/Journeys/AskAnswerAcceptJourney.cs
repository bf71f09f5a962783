using System.Text.RegularExpressions;
using Community.Browser.Tests.Infrastructure;
using Community.Browser.Tests.Pages;

namespace Community.Browser.Tests.Journeys;

/// <summary>
/// The forum's core loop across two people: the customer asks, the expert answers and votes without a page load,
/// the customer votes and accepts, and the list shows the question as resolved. Visitors get sign-in links and no circuit.
/// </summary>
public sealed class AskAnswerAcceptJourney(BrowserSite site) : BrowserTest(site)
{
    /// <param name="sendTokenOnce">
    /// False is the journey exactly as people make it. True sends the ask and answer forms' repeated antiforgery token
    /// once, so the rest of the journey (live votes, accepting, the list) is tested while that bug stands.
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Customer_asks_expert_answers_and_votes_live_customer_accepts_and_the_list_shows_it_resolved(bool sendTokenOnce)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        var title = $"Beacon Point blinks amber after the 4.2 update ({unique})";

        // The customer asks, and lands on the new question's page.
        var customer = await SignedInAsync("customer@demo.local");
        var ask = await AskQuestionPage.OpenAsync(customer);
        var asked = await ask.AskAsync(title,
            $"Since the **4.2 firmware** my hallway Point blinks amber every evening. Restarting helps for an hour. Ref {unique}.",
            "firmware hardware", previewed: "4.2 firmware", sendTokenOnce);
        await Expect(asked.Heading).ToHaveTextAsync(title);
        await Expect(asked.QuestionVotes.Score).ToHaveTextAsync("0");
        await Expect(asked.ResolvedBadge).ToHaveCountAsync(0);
        var questionUrl = customer.Url;

        // The expert, in another browser context, answers it.
        var expert = await SignedInAsync("expert@demo.local");
        var circuitRequests = RecordBlazorTraffic(expert);
        await expert.GotoAsync(questionUrl);
        var question = new QuestionPage(expert);
        await Expect(question.Heading).ToHaveTextAsync(title);
        var answerId = await question.PostAnswerAsync(
            "Move the nightly update window: in the Beacon app open **Settings > Firmware** and pick 3am. The amber light is the update retrying.",
            previewed: "Settings > Firmware", sendTokenOnce);
        await Expect(question.Answer(answerId)).ToContainTextAsync("The amber light is the update retrying.");

        // ...and votes the question up: the script posts the arrow's form, the score changes, the page does not reload or navigate.
        var urlBeforeVote = expert.Url;
        await expert.EvaluateAsync("() => { window.__sameDocument = 'still here'; }");
        var pageLoads = CountPageLoads(expert);
        var voteRequests = RecordVoteRequests(expert);
        await question.QuestionVotes.VoteUpAsync();
        await Expect(question.QuestionVotes.Score).ToHaveTextAsync("1");
        await Expect(question.QuestionVotes.Up).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.Equal(urlBeforeVote, expert.Url);
        Assert.Equal("still here", await expert.EvaluateAsync<string>("() => window.__sameDocument"));
        Assert.Empty(Snapshot(pageLoads));
        Assert.Equal(["fetch"], Snapshot(voteRequests));
        // Voted again, the arrow withdraws the vote; a fast double click sends one vote, so the score moves by one.
        await question.QuestionVotes.Up.DblClickAsync();
        await Expect(question.QuestionVotes.Score).ToHaveTextAsync("0");
        await Expect(question.QuestionVotes.Up).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(question.QuestionVotes.Up).ToBeEnabledAsync();
        Assert.Equal(["fetch", "fetch"], Snapshot(voteRequests));
        await question.QuestionVotes.Up.ClickAsync();
        await Expect(question.QuestionVotes.Score).ToHaveTextAsync("1");
        // The answer editor is still a live island on the circuit.
        Assert.Contains(Snapshot(circuitRequests), url => url.Contains("/_blazor", StringComparison.Ordinal));

        // The customer reloads: the expert's answer and vote are there. They vote the answer up, live too, and accept it.
        await customer.ReloadAsync();
        await Expect(asked.Answer(answerId)).ToBeVisibleAsync();
        await Expect(asked.QuestionVotes.Score).ToHaveTextAsync("1");
        await Expect(asked.AnswerVotes(answerId).Score).ToHaveTextAsync("0");
        await asked.AnswerVotes(answerId).VoteUpAsync();
        await Expect(asked.AnswerVotes(answerId).Score).ToHaveTextAsync("1");
        await asked.AcceptButton(answerId).ClickAsync();

        await Expect(asked.Flash).ToHaveTextAsync("You accepted this answer: the question shows as resolved.");
        await Expect(asked.AcceptedMarkOf(answerId)).ToHaveTextAsync("✔ Accepted");
        await Expect(asked.ResolvedBadge).ToHaveTextAsync("✔ Resolved");
        await Expect(asked.AcceptedAnswer).ToHaveCountAsync(1);
        await Expect(asked.AnswerVotes(answerId).Score).ToHaveTextAsync("1");
        await Expect(asked.AcceptButton(answerId)).ToHaveCountAsync(0);

        // The newest list shows the question with the accepted-answer style.
        var newest = await QuestionsListPage.OpenAsync(customer, "newest");
        var row = newest.Row(title);
        await Expect(row).ToHaveCountAsync(1);
        await Expect(QuestionsListPage.AcceptedStat(row)).ToHaveTextAsync("1 answers");
        await Expect(row.Locator(".question-stats")).ToHaveAttributeAsync("aria-label", new Regex("^1 votes, 1 answers, one accepted, "));
    }

    [Fact]
    public async Task An_anonymous_visitor_gets_sign_in_links_to_vote_and_opens_no_circuit()
    {
        var visitor = await NewVisitorAsync();
        var blazorTraffic = RecordBlazorTraffic(visitor);
        var home = await HomePage.OpenAsync(visitor);
        var question = await home.OpenFirstAnsweredQuestionAsync();
        var questionPath = new Uri(visitor.Url).AbsolutePath;

        var votes = question.QuestionVotes;
        await Expect(votes.SignInLinks).ToHaveCountAsync(2);
        await Expect(votes.UpLink).ToHaveAttributeAsync("href", "Account/Login?ReturnUrl=" + Uri.EscapeDataString(questionPath));
        await Expect(votes.UpLink).ToHaveAttributeAsync("title", "Sign in to vote");
        await Expect(votes.Root.Locator("button, form")).ToHaveCountAsync(0);
        await Expect(question.Answers.First.Locator(".vote-buttons a.vote.up")).ToBeVisibleAsync();

        // Blazor's script is running, and with the network idle it has opened no circuit for this page.
        await visitor.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await visitor.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(Snapshot(blazorTraffic));
        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", await visitor.ContentAsync(), StringComparison.Ordinal);

        // The arrow leads to sign-in and back to the question, where the member's arrows are live.
        await votes.UpLink.ClickAsync();
        await Expect(visitor).ToHaveURLAsync(new Regex("/Account/Login\\?ReturnUrl=" + Regex.Escape(Uri.EscapeDataString(questionPath)) + "$"));
        await new LoginPage(visitor).SignInAsync("expert@demo.local", CommunityServer.DemoPassword);
        await Expect(visitor).ToHaveURLAsync(new Regex(Regex.Escape(questionPath) + "$"));
        await Expect(question.QuestionVotes.Up).ToBeEnabledAsync();
        Assert.Contains(Snapshot(blazorTraffic), url => url.Contains("/_blazor", StringComparison.Ordinal));
    }

    private static List<string> Snapshot(List<string> list)
    {
        lock (list) return [.. list];
    }

    /// <summary>Every request or WebSocket to the circuit endpoint (/_blazor) the page makes from now on.</summary>
    private static List<string> RecordBlazorTraffic(IPage page)
    {
        var urls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/_blazor", StringComparison.Ordinal))
                lock (urls) urls.Add(request.Url);
        };
        page.WebSocket += (_, socket) =>
        {
            lock (urls) urls.Add(socket.Url);
        };
        return urls;
    }

    /// <summary>The resource type (fetch, document…) of every vote post the page makes from now on.</summary>
    private static List<string> RecordVoteRequests(IPage page)
    {
        var types = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/vote", StringComparison.Ordinal))
                lock (types) types.Add(request.ResourceType);
        };
        return types;
    }

    /// <summary>
    /// Navigations of the page itself from now on: full loads, and enhanced navigations (fetches of a page); the vote
    /// script's fetches are not page loads (<see cref="RecordVoteRequests"/> follows those).
    /// </summary>
    private static List<string> CountPageLoads(IPage page)
    {
        var loads = new List<string>();
        page.FrameNavigated += (_, frame) =>
        {
            if (frame == page.MainFrame)
                lock (loads) loads.Add("navigated to " + frame.Url);
        };
        page.Request += (_, request) =>
        {
            if (request.ResourceType is "document" or "fetch" && !request.Url.Contains("/_blazor", StringComparison.Ordinal)
                && !(request.ResourceType == "fetch" && request.Url.EndsWith("/vote", StringComparison.Ordinal)))
                lock (loads) loads.Add($"{request.ResourceType} {request.Method} {request.Url}");
        };
        return loads;
    }
}
