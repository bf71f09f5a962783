using System.Net;
using System.Net.Http.Headers;
using Community.Domain.Questions;
using Community.Web.Caching;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Caching;

/// <summary>
/// Visitors' pages come from the output cache: the same impersonal bytes for everyone without a session, validators
/// and 304s, and every write that changes a page evicts it (issue 9, item 6).
/// </summary>
public sealed class AnonymousPageCacheTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Id, string Path)> FreshQuestionAsync(string what) =>
        await (await factory.SignedInClientAsync(Demo.Customer)).AskAsync(QuestionForms.UniqueTitle(what));

    private async Task<HttpResponseMessage> VisitAsync(string path, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers?.Invoke(request.Headers);
        return await factory.CreateBrowserlessClient().SendAsync(request, Ct);
    }

    private async Task<string> VisitorSeesAsync(string path) => await (await VisitAsync(path)).Content.ReadAsStringAsync(Ct);

    /// <summary>Posts to one of the forum's form endpoints as a member, with the member's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsMemberAsync(HttpClient member, string action, Dictionary<string, string> fields)
    {
        var token = QuestionForms.AntiforgeryToken(await member.GetDocumentAsync("/questions/ask"));
        fields[QuestionForms.TokenField] = token;
        return await member.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    [Fact]
    public async Task AVisitorsPageIsSharedWithValidatorsAndNothingPersonal()
    {
        var (_, path) = await FreshQuestionAsync("Cached page");

        var first = await VisitAsync(path);
        var second = await VisitAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), "A shared page must not set a cookie.");
        Assert.True(first.Headers.CacheControl is { Public: true, NoCache: true }, $"Cache-Control: {first.Headers.CacheControl}");
        Assert.NotNull(first.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);
        var html = await first.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(QuestionForms.TokenField, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", html, StringComparison.Ordinal);

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(html, await second.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("/questions")]
    [InlineData("/questions/tagged/firmware")]
    [InlineData("/kb")]
    [InlineData("/search?q=firmware")]
    [InlineData("/")]
    public async Task ListArticleAndSearchPagesAreCachedToo(string path)
    {
        var first = await VisitAsync(path);
        var second = await VisitAsync(path);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.False(second.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task EachPageSizeOfAListIsAnEntryOfItsOwn()
    {
        var thirty = await VisitAsync("/questions/tagged/firmware");
        var fifty = await VisitAsync("/questions/tagged/firmware?pagesize=50");
        var fiftyAgain = await VisitAsync("/questions/tagged/firmware?pagesize=50");

        Assert.Equal(HttpStatusCode.OK, fifty.StatusCode);
        Assert.NotNull(fifty.Headers.ETag);
        Assert.NotEqual(thirty.Headers.ETag, fifty.Headers.ETag);
        Assert.Equal(fifty.Headers.ETag, fiftyAgain.Headers.ETag);
        Assert.NotNull(fiftyAgain.Headers.Age);
        Assert.Contains("pagesize=50", await fiftyAgain.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task AnAddressWithAQueryKeyOfNoLinkOfOursIsRenderedButNeitherStoredNorLookedUp()
    {
        var (_, path) = await FreshQuestionAsync("Campaign link");
        var cached = await VisitAsync(path);
        Assert.NotNull(cached.Headers.ETag);

        var tracked = await VisitAsync(path + "?utm_source=newsletter");
        var trackedAgain = await VisitAsync(path + "?utm_source=newsletter");
        var busted = await VisitAsync(path + "?x=" + Guid.NewGuid().ToString("N"));

        Assert.All([tracked, trackedAgain, busted], response =>
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Null(response.Headers.Age);
            Assert.Null(response.Headers.ETag);
            // The same visitor's page as the stored one, so no token and no cookie for it either.
            Assert.False(response.Headers.Contains("Set-Cookie"), "A visitor's page must not set a cookie.");
        });
        Assert.DoesNotContain(QuestionForms.TokenField, await tracked.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("Campaign link", await trackedAgain.Content.ReadAsStringAsync(Ct));
        // The shared entry is untouched, and the site's own keys still vary it.
        Assert.Equal(cached.Headers.ETag, (await VisitAsync(path)).Headers.ETag);
        var stuck = await VisitAsync(path + "?stuck=1");
        Assert.NotEqual(cached.Headers.ETag, stuck.Headers.ETag);
        Assert.Equal(stuck.Headers.ETag, (await VisitAsync(path + "?stuck=1")).Headers.ETag);
    }

    [Fact]
    public async Task AConditionalRequestForAnUnchangedPageGets304()
    {
        var (_, path) = await FreshQuestionAsync("Conditional");
        var page = await VisitAsync(path);
        var etag = page.Headers.ETag!;
        var modified = page.Content.Headers.LastModified!.Value;

        var byTag = await VisitAsync(path, h => h.IfNoneMatch.Add(etag));
        var byDate = await VisitAsync(path, h => h.IfModifiedSince = modified);
        var otherTag = await VisitAsync(path, h => h.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"")));

        Assert.Equal(HttpStatusCode.NotModified, byTag.StatusCode);
        Assert.Empty(await byTag.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(etag, byTag.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, byDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherTag.StatusCode);
    }

    [Fact]
    public async Task AMemberNeverGetsTheSharedCopy()
    {
        var (_, path) = await FreshQuestionAsync("Members see their own");
        var shared = await VisitAsync(path);
        var member = await factory.SignedInClientAsync(Demo.Expert);

        var own = await member.GetAsync(path, Ct);

        Assert.NotEqual(shared.Headers.ETag, own.Headers.ETag);
        Assert.Null(own.Headers.Age);
        Assert.True(own.Headers.CacheControl?.NoStore, $"Cache-Control: {own.Headers.CacheControl}");
        Assert.Contains(QuestionForms.TokenField, await own.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANewAnswerEvictsTheQuestionPageAndTheLists()
    {
        var (_, path) = await FreshQuestionAsync("Evicted by an answer");
        var before = await VisitAsync(path);
        var list = await VisitorSeesAsync("/questions?sort=active");
        const string answer = "Unplug the Beacon Point for ten seconds, then hold the button while plugging it back in.";

        await (await factory.SignedInClientAsync(Demo.Expert)).AnswerAsync(path, answer);

        var after = await VisitAsync(path);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains(answer, await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.NotEqual(list, await VisitorSeesAsync("/questions?sort=active"));
    }

    [Fact]
    public async Task AVoteACommentAndAnAcceptanceEachEvictThePage()
    {
        var (id, path) = await FreshQuestionAsync("Evicted by votes");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, "Reset the network settings from the app, then pair the Beacon Point again.");
        await VisitAsync(path);

        await PostAsMemberAsync(expert, $"/posts/{id}/vote", new() { ["value"] = "1", ["returnUrl"] = path });
        Assert.Equal(1, QuestionForms.QuestionScore(await factory.CreateBrowserlessClient().GetDocumentAsync(path), id));

        const string comment = "Which firmware version does the app show for this Beacon Point?";
        await PostAsMemberAsync(expert, $"/posts/{answerId}/comments", new() { ["body"] = comment, ["clientToken"] = Guid.NewGuid().ToString("N"), ["returnUrl"] = path });
        Assert.Contains(comment, await VisitorSeesAsync(path), StringComparison.Ordinal);

        var asker = await factory.SignedInClientAsync(Demo.Customer);
        await PostAsMemberAsync(asker, $"/answers/{answerId}/accept", new() { ["returnUrl"] = path });
        var accepted = await factory.CreateBrowserlessClient().GetDocumentAsync(path);
        Assert.NotNull(accepted.QuerySelector($"#answer-{answerId} .accepted-mark"));
    }

    [Fact]
    public async Task DeletingAnAnswerAndClosingTheQuestionEvictThePage()
    {
        var (id, path) = await FreshQuestionAsync("Evicted by moderation");
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        const string answer = "This answer will be deleted by its author before anyone reads it.";
        var answerId = await expert.AnswerAsync(path, answer);
        Assert.Contains(answer, await VisitorSeesAsync(path), StringComparison.Ordinal);

        await PostAsMemberAsync(expert, $"/posts/{answerId}/delete", new() { ["returnUrl"] = path });
        Assert.DoesNotContain(answer, await VisitorSeesAsync(path), StringComparison.Ordinal);

        await PostAsMemberAsync(await factory.SignedInClientAsync(Demo.Moderator), $"/questions/{id}/close",
            new() { ["reason"] = nameof(CloseReason.NeedsDetails), ["returnUrl"] = path });
        Assert.Contains(CloseReasons.Describe(CloseReason.NeedsDetails), await VisitorSeesAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFeedbackFormOfACachedPageIsAcceptedFromOurPagesOnly()
    {
        var (id, path) = await FreshQuestionAsync("Feedback without a token");
        await VisitAsync(path);
        var page = await factory.CreateBrowserlessClient().GetDocumentAsync(path);
        var form = page.FindForm(QuestionForms.Action($"solved/question/{id}"));
        Assert.Equal(0, QuestionForms.AntiforgeryTokenCount(form));

        HttpRequestMessage Post(string site) => new(HttpMethod.Post, $"/solved/question/{id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["solved"] = "yes", ["returnUrl"] = path }),
            Headers = { { "Sec-Fetch-Site", site } },
        };
        var forged = await factory.CreateBrowserlessClient().SendAsync(Post("cross-site"), Ct);
        var ours = await factory.CreateBrowserlessClient().SendAsync(Post("same-origin"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, ours.StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.ResolutionVotes.CountAsync(v => v.TargetId == id, Ct)));
    }

    [Fact]
    public async Task AViewServedFromTheCacheStillCounts()
    {
        var (id, path) = await FreshQuestionAsync("Cached views");
        await VisitAsync(path, h => h.UserAgent.ParseAdd("FirstReader/1.0"));
        var counted = await factory.QueryAsync(db => db.Questions.Where(q => q.Id == id).Select(q => q.ViewCount).SingleAsync(Ct));

        var hit = await VisitAsync(path, h => h.UserAgent.ParseAdd("SecondReader/1.0"));
        Assert.NotNull(hit.Headers.Age);

        // Counted off the request: wait for the queue, a bounded number of times.
        for (var attempt = 0; attempt < 50 && await ViewsAsync() == counted; attempt++)
            await Task.Delay(100, Ct);
        Assert.Equal(counted + 1, await ViewsAsync());

        Task<int> ViewsAsync() => factory.QueryAsync(db => db.Questions.Where(q => q.Id == id).Select(q => q.ViewCount).SingleAsync(Ct));
    }
}
