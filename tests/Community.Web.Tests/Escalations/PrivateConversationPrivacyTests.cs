using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Escalations;

/// <summary>
/// The demo's private follow-up between Dana (the asker) and Sam (staff): readable by them and admins; a 404 on every
/// route for everyone else, signed in or not; and its words on no public page, list, profile or search result.
/// </summary>
public sealed class PrivateConversationPrivacyTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Words only the private conversation and the internal note contain.</summary>
    private static readonly string[] Secrets = ["BW-20261102", "dana.whitfield@example.com", "previous address", "logistics"];

    private Task<(int Id, int QuestionId)> ConversationAsync() =>
        factory.QueryAsync(async db => await db.PrivateConversations.Select(c => new ValueTuple<int, int>(c.Id, c.QuestionId)).SingleAsync(Ct));

    [Theory]
    [InlineData(Demo.Customer)]
    [InlineData(Demo.Staff)]
    [InlineData(StaffSite.Admin)]
    public async Task TheAskerStaffAndAdminsReadIt(string email)
    {
        var (id, _) = await ConversationAsync();
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync($"/private/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Equal("Private follow-up", page.QuerySelector("main h1")!.TextContent);
        Assert.Contains("BW-20261102", page.QuerySelector(".private-messages")!.TextContent);
        Assert.True(response.Headers.CacheControl?.NoStore, "A private page is never stored by a cache.");
    }

    [Theory]
    [InlineData(Demo.Expert)]
    [InlineData(Demo.Moderator)]
    [InlineData(null)]
    public async Task EveryoneElseGetsNotFoundOnEveryRoute(string? email)
    {
        var (id, questionId) = await ConversationAsync();
        var client = email is null ? factory.CreateBrowserlessClient() : await factory.SignedInClientAsync(email);
        var token = QuestionForms.AntiforgeryToken(await client.GetDocumentAsync("/Account/Login"));

        var read = await client.GetAsync($"/private/{id}", Ct);
        var write = await client.PostAsync($"/private/{id}/messages", Form(token, ("body", "Let me see"), ("clientToken", "x1")), Ct);
        var open = await client.PostAsync($"/questions/{questionId}/follow-up", Form(token), Ct);
        var missing = await client.GetAsync("/private/999999", Ct);

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        // The refusal looks exactly like an address that never existed.
        Assert.Equal(await Title(missing), await Title(read));
        var text = await read.Content.ReadAsStringAsync(Ct);
        Assert.All(Secrets, s => Assert.DoesNotContain(s, text));
        var count = await factory.QueryAsync(db => db.PrivateMessages.CountAsync(m => m.ConversationId == id && m.Body == "Let me see", Ct));
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData(Demo.Expert)]
    [InlineData(null)]
    public async Task ItsContentIsOnNoPublicPageListProfileOrSearchResult(string? email)
    {
        var (id, questionId) = await ConversationAsync();
        var danaId = await factory.UserIdAsync(Demo.Customer);
        var client = email is null ? factory.CreateBrowserlessClient() : await factory.SignedInClientAsync(email);
        string[] pages =
        [
            $"/questions/{questionId}", "/", "/questions", "/questions?tab=unanswered", "/questions?tab=newest", $"/users/{danaId}", "/users",
            "/search?q=BW-20261102", "/search?q=logistics", "/search?q=order", "/tags", "/staff",
            "/sitemap.xml", "/sitemaps/questions-1.xml", "/feeds/questions", "/feeds/tags/billing",
        ];

        foreach (var url in pages)
        {
            var response = await client.GetAsync(url, Ct);
            if (response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect)
                response = await client.GetAsync(response.Headers.Location!, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (!(response.Content.Headers.ContentType?.MediaType ?? "").Contains("html", StringComparison.Ordinal))
            {
                // The sitemap and the Atom feeds: the raw XML.
                var xml = await response.Content.ReadAsStringAsync(Ct);
                foreach (var secret in Secrets.Append($"private/{id}"))
                    Assert.False(xml.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{url} shows \"{secret}\".");
                continue;
            }
            var page = await FormPoster.ParseAsync(response);
            // A search page repeats what was searched for (title, box, links that keep the query): what it found is what matters.
            var html = url.StartsWith("/search", StringComparison.Ordinal)
                ? page.QuerySelector("ol.search-results")?.OuterHtml ?? ""
                : page.DocumentElement.OuterHtml.Replace(page.QuerySelector("input[type=hidden][name=ReturnUrl]")?.OuterHtml ?? "\u0000", "");
            foreach (var secret in Secrets.Append($"private/{id}"))
                Assert.False(html.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{url} shows \"{secret}\".");
        }
    }

    [Fact]
    public async Task TheQuestionLinksTheConversationForTheAskerAndStaffOnly()
    {
        var (id, questionId) = await ConversationAsync();
        foreach (var (email, linked) in new[] { (Demo.Customer, true), (Demo.Staff, true), (Demo.Expert, false), (Demo.Moderator, false) })
        {
            var client = await factory.SignedInClientAsync(email);
            var page = await client.GetDocumentAsync((await client.GetAsync($"/questions/{questionId}", Ct)).Headers.Location!.OriginalString);
            Assert.Equal(linked, page.QuerySelector($"a.private-link[href='private/{id}']") is not null);
            Assert.Equal("Staff are looking into it", page.QuerySelector(".question-status .status-label")!.TextContent);
        }
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new(QuestionForms.TokenField, token)));

    private static async Task<string?> Title(HttpResponseMessage response) => (await FormPoster.ParseAsync(response)).Title;
}
