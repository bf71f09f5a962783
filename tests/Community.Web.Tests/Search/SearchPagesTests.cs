using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using AngleSharp.Html.Dom;
using Community.Domain.Search;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Search;

/// <summary>Search, the crawler endpoints and "still stuck?" over HTTP on the demo community, as a browser without JavaScript.</summary>
public sealed class SearchPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_finds_demo_questions_with_highlighted_snippets_and_no_circuit()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync("/search?q=pulsing+blue", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var page = await FormPoster.ParseAsync(new HttpResponseMessage { Content = new StringContent(html) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(page.QuerySelectorAll(".search-title"), a => a.TextContent.Contains("pulsing blue light", StringComparison.OrdinalIgnoreCase));
        Assert.NotEmpty(page.QuerySelectorAll(".search-snippet mark"));
        // Under the bound (issue 11) the count is exact and says nothing about one.
        Assert.Matches(@"^\d+ results?$", page.QuerySelector(".search-count")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".search-bound"));
        Assert.DoesNotContain("_framework/blazor.web.js\" autostart=\"false\"", html);
        Assert.Empty(page.QuerySelectorAll("[data-blazor-component], blazor-ssr"));
    }

    [Theory]
    [InlineData("\"unbalanced quote beacon")]
    [InlineData("NEAR(beacon point)")]
    [InlineData("beacon AND OR NOT *")]
    [InlineData("title:beacon")]
    [InlineData("***")]
    [InlineData("[")]
    [InlineData("%00%01<script>")]
    public async Task Malformed_queries_answer_with_a_page_not_an_error(string q)
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/search?q=" + Uri.EscapeDataString(q), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_very_long_query_is_cut_with_a_message()
    {
        var page = await factory.CreateBrowserlessClient().GetDocumentAsync("/search?q=" + string.Concat(Enumerable.Repeat("beacon+", 400)));

        Assert.Contains(page.QuerySelectorAll(".notice"), n => n.TextContent.Contains("first 200 characters"));
    }

    [Fact]
    public async Task Facets_filter_the_results()
    {
        var page = await factory.CreateBrowserlessClient().GetDocumentAsync("/search?q=beacon&tag=hardware&accepted=1");

        var hits = page.QuerySelectorAll(".search-hit");
        Assert.NotEmpty(hits);
        Assert.All(hits, hit => Assert.Contains(hit.QuerySelectorAll(".tag"), t => t.TextContent == "hardware"));
    }

    [Fact]
    public async Task Robots_txt_keeps_crawlers_out_of_private_and_result_pages_and_names_the_sitemap()
    {
        var robots = await factory.CreateBrowserlessClient().GetStringAsync("/robots.txt", Ct);

        foreach (var path in new[] { "/Account/", "/moderation", "/staff/", "/review", "/admin", "/search" })
            Assert.Contains($"Disallow: {path}", robots);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", robots);
    }

    [Fact]
    public async Task Deleted_questions_are_absent_from_search_sitemap_and_feeds()
    {
        var member = await factory.SignedInClientAsync(Demo.Customer);
        var keep = await member.AskAsync(QuestionForms.UniqueTitle("Quasarlink keeps flickering"));
        var gone = await member.AskAsync(QuestionForms.UniqueTitle("Quasarlink went silent"));
        var deleted = await member.PostFormAsync(gone.Path, await member.GetDocumentAsync(gone.Path), QuestionForms.Action($"posts/{gone.Id}/delete"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var client = factory.CreateBrowserlessClient();

        var results = (await client.GetDocumentAsync("/search?q=quasarlink")).QuerySelectorAll(".search-title").Select(a => a.GetAttribute("href")).ToList();
        var sitemapIndex = XDocument.Parse(await client.GetStringAsync("/sitemap.xml", Ct));
        XNamespace sm = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var questionSitemap = sitemapIndex.Descendants(sm + "loc").Select(l => l.Value).Single(l => l.Contains("questions-1.xml"));
        var urls = XDocument.Parse(await client.GetStringAsync(questionSitemap, Ct)).Descendants(sm + "url").ToList();
        var feed = SyndicationFeed.Load(XmlReader.Create(await client.GetStreamAsync("/feeds/questions", Ct)));
        var tagFeed = SyndicationFeed.Load(XmlReader.Create(await client.GetStreamAsync("/feeds/tags/firmware", Ct)));

        Assert.Contains(keep.Path.TrimStart('/'), results);
        Assert.DoesNotContain(results, r => r!.StartsWith($"questions/{gone.Id}/"));
        Assert.Contains(urls, u => u.Element(sm + "loc")!.Value.EndsWith(keep.Path) && u.Element(sm + "lastmod") is not null);
        Assert.DoesNotContain(urls, u => u.Element(sm + "loc")!.Value.Contains($"/questions/{gone.Id}/"));
        Assert.Contains(feed.Items, i => i.Id.EndsWith(keep.Path));
        Assert.DoesNotContain(feed.Items, i => i.Id.Contains($"/questions/{gone.Id}/"));
        Assert.Contains(tagFeed.Items, i => i.Id.EndsWith(keep.Path));
        Assert.DoesNotContain(tagFeed.Items, i => i.Id.Contains($"/questions/{gone.Id}/"));
        Assert.All(tagFeed.Items, i => Assert.Contains(i.Categories, c => c.Name == "firmware"));
    }

    [Fact]
    public async Task A_feed_for_an_unknown_tag_is_not_found()
    {
        var response = await factory.CreateBrowserlessClient().GetAsync("/feeds/tags/no-such-tag", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Question_pages_carry_valid_QAPage_data_meta_tags_and_related_questions()
    {
        var client = factory.CreateBrowserlessClient();
        var path = (await client.GetDocumentAsync("/search?q=pulsing+blue")).QuerySelector(".search-title")!.GetAttribute("href")!;
        var page = await client.GetDocumentAsync("/" + path);

        var data = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("https://schema.org", data.GetProperty("@context").GetString());
        Assert.Equal("QAPage", data.GetProperty("@type").GetString());
        var question = data.GetProperty("mainEntity");
        Assert.Equal("Question", question.GetProperty("@type").GetString());
        foreach (var required in new[] { "name", "text", "answerCount", "dateCreated", "author" })
            Assert.True(question.TryGetProperty(required, out _), $"Question lacks {required}");
        var answers = (question.TryGetProperty("acceptedAnswer", out var accepted) ? [accepted] : Array.Empty<JsonElement>())
            .Concat(question.TryGetProperty("suggestedAnswer", out var suggested) ? suggested.EnumerateArray() : []).ToList();
        Assert.NotEmpty(answers);
        Assert.All(answers, answer =>
        {
            Assert.Equal("Answer", answer.GetProperty("@type").GetString());
            foreach (var required in new[] { "text", "url", "dateCreated", "upvoteCount", "author" })
                Assert.True(answer.TryGetProperty(required, out _), $"Answer lacks {required}");
            Assert.NotEmpty(answer.GetProperty("author").GetProperty("name").GetString()!);
        });
        Assert.Equal("http://localhost/" + path, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("meta[name=description]")!.GetAttribute("content")));
        Assert.NotNull(page.QuerySelector("meta[property='og:title']"));
        Assert.NotEmpty(page.QuerySelectorAll(".related-questions li a"));
        Assert.DoesNotContain(page.QuerySelectorAll(".related-questions li a"), a => a.GetAttribute("href") == path);
    }

    [Fact]
    public async Task Structured_data_is_for_visitors_a_members_page_carries_none()
    {
        var visitor = factory.CreateBrowserlessClient();
        var path = "/" + (await visitor.GetDocumentAsync("/search?q=pulsing+blue")).QuerySelector(".search-title")!.GetAttribute("href")!;
        var member = await factory.SignedInClientAsync(Demo.Customer);

        var visitorsPage = await visitor.GetDocumentAsync(path);
        var membersPage = await member.GetDocumentAsync(path);

        Assert.Single(visitorsPage.QuerySelectorAll("script[type='application/ld+json']"));
        // Search engines read as visitors; a member's page is personal and never indexed, so it skips the work.
        Assert.Empty(membersPage.QuerySelectorAll("script[type='application/ld+json']"));
        Assert.NotNull(membersPage.QuerySelector("link[rel=canonical]"));
    }

    [Fact]
    public async Task Did_this_solve_it_counts_once_per_visitor_and_no_leads_to_a_prefilled_question()
    {
        var client = factory.CreateBrowserlessClient();
        var path = "/" + (await client.GetDocumentAsync("/search?q=pulsing+blue")).QuerySelector(".search-title")!.GetAttribute("href")!;
        var id = QuestionForms.QuestionId(path);
        var votes = factory.Services.GetRequiredService<ResolutionVotes>();
        var before = await votes.CountAsync(SearchHitKind.Question, id, Ct);

        var questionPage = await client.GetDocumentAsync(path + "?q=blue+light");
        var first = await client.PostFormAsync(path, questionPage, QuestionForms.Action($"solved/question/{id}"), new() { ["solved"] = "no" });
        // The same form again (a double click, a second tab): the first answer stands.
        var second = await client.PostFormAsync(path, questionPage, QuestionForms.Action($"solved/question/{id}"), new() { ["solved"] = "yes" });
        var after = await votes.CountAsync(SearchHitKind.Question, id, Ct);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal($"{path}?stuck=1&q=blue%20light#still-stuck", first.Headers.Location!.OriginalString);
        Assert.Equal((before.Solved, before.NotSolved + 1), (after.Solved, after.NotSolved));
        var stuckPage = await client.GetDocumentAsync(first.Headers.Location.OriginalString.Split('#')[0]);
        var ask = stuckPage.QuerySelector("a.ask-follow-up")!.GetAttribute("href")!;
        Assert.Equal($"questions/ask?title=blue%20light&from={Uri.EscapeDataString(path)}", ask);

        // Signing in keeps what they typed: the login page is asked to come back to the pre-filled form.
        var login = await client.GetAsync("/" + ask, Ct);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var member = await factory.SignedInClientAsync(Demo.Customer);
        var loginUrl = new Uri(new Uri("http://localhost"), login.Headers.Location!);
        var returnUrl = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(loginUrl.Query)["ReturnUrl"].ToString();
        Assert.StartsWith("/questions/ask?title=", returnUrl);
        var form = await member.GetDocumentAsync(returnUrl);
        Assert.Equal("blue light", ((IHtmlInputElement)form.QuerySelector("#ask-title")!).Value);
        Assert.Contains(path, form.QuerySelector(".came-from")!.InnerHtml);
        Assert.Contains("did not solve my problem", form.QuerySelector("textarea")!.TextContent);
        Assert.NotEmpty(form.QuerySelectorAll(".title-suggestions a.suggestion"));
    }

    [Fact]
    public async Task Staff_see_the_resolution_signal_and_the_deflection_metrics()
    {
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        var path = "/" + (await staff.GetDocumentAsync("/search?q=pulsing+blue")).QuerySelector(".search-title")!.GetAttribute("href")!;

        var page = await staff.GetDocumentAsync(path);
        var metrics = await staff.GetAsync("/staff/deflection", Ct);
        var anonymous = await factory.CreateBrowserlessClient().GetAsync("/staff/deflection", Ct);

        Assert.NotNull(page.QuerySelector(".resolution-signal"));
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        // The demo's two settled deflections show in the last-7-days row.
        var metricsPage = await FormPoster.ParseAsync(metrics);
        Assert.Equal("2", metricsPage.QuerySelector(".deflection-metrics tbody tr td.deflected")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task Opening_a_suggestion_is_recorded_and_leads_to_the_page()
    {
        var deflections = factory.Services.GetRequiredService<Deflections>();
        var before = await deflections.CountAsync(DateTime.UtcNow.AddDays(-1), Ct);
        var client = factory.CreateBrowserlessClient();
        var path = "/" + (await client.GetDocumentAsync("/search?q=pulsing+blue")).QuerySelector(".search-title")!.GetAttribute("href")!;

        var response = await client.GetAsync($"/deflect/question/{QuestionForms.QuestionId(path)}", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/questions/{QuestionForms.QuestionId(path)}", response.Headers.Location!.OriginalString);
        Assert.Equal(before.Opened + 1, (await deflections.CountAsync(DateTime.UtcNow.AddDays(-1), Ct)).Opened);
    }
}
