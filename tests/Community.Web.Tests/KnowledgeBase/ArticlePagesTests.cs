using System.Net;
using System.Text.Json;
using Community.Domain.KnowledgeBase;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;
using Community.Web.Tests.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.KnowledgeBase;

/// <summary>
/// The knowledge base over HTTP, as a browser without JavaScript: a resolved thread becomes a draft, staff publish it,
/// anyone reads it as static HTML at its canonical address; unpublished, it answers 410 to visitors.
/// </summary>
public sealed class ArticlePagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAcceptedThreadBecomesADraftThatOnlyStaffSeeUntilPublished()
    {
        var (questionId, path, _) = await factory.ResolvedThreadAsync("Draft first");
        var articleId = await factory.FeedAsync(questionId);
        var articlePath = await factory.ArticlePathAsync(articleId);
        var anonymous = factory.CreateBrowserlessClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(articlePath, Ct)).StatusCode);
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        var review = await staff.GetDocumentAsync("/kb/review");
        Assert.NotNull(review.QuerySelector($"#drafts a[href='kb/review/{articleId}']"));

        var published = await staff.ReviewActionAsync(articleId, "publish");

        Assert.Equal("The article is published.", QuestionForms.Flash(await staff.FollowAsync(published))!.TextContent);
        var response = await anonymous.GetAsync(articlePath, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Contains("update window to 3am", page.QuerySelector(".kb-solution")!.TextContent);
        Assert.Contains("amber every evening", page.QuerySelector(".kb-problem")!.TextContent);
        Assert.Equal(StaffSite.ExpertName, page.QuerySelector(".kb-credit a")!.TextContent);
        Assert.Equal(path, "/" + page.QuerySelector("a.kb-source-link")!.GetAttribute("href"));
        Assert.Equal($"http://localhost{articlePath}", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.DoesNotContain("Blazor:{\"type\":\"server\"", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var thread = await anonymous.GetDocumentAsync(path);
        Assert.Equal(articlePath, "/" + thread.QuerySelector(".kb-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TheListShowsPublishedArticlesByTagButNotDrafts()
    {
        var (publishedId, _, _) = await factory.ResolvedThreadAsync("Tagged and published");
        var (draftId, _, _) = await factory.ResolvedThreadAsync("Tagged but draft");
        var published = await factory.FeedAsync(publishedId);
        var draft = await factory.FeedAsync(draftId);
        await (await factory.SignedInClientAsync(Demo.Staff)).ReviewActionAsync(published, "publish");
        var anonymous = factory.CreateBrowserlessClient();

        var firmware = await anonymous.GetDocumentAsync("/kb?tag=firmware&sort=recent");
        var billing = await anonymous.GetDocumentAsync("/kb?tag=billing");

        var links = firmware.QuerySelectorAll(".kb-item-title").Select(a => "/" + a.GetAttribute("href")).ToList();
        Assert.Contains(await factory.ArticlePathAsync(published), links);
        Assert.DoesNotContain(await factory.ArticlePathAsync(draft), links);
        Assert.All(firmware.QuerySelectorAll(".kb-item"), item => Assert.Contains("firmware", item.QuerySelector(".tag-list")!.TextContent));
        Assert.DoesNotContain(await factory.ArticlePathAsync(published), billing.QuerySelectorAll(".kb-item-title").Select(a => "/" + a.GetAttribute("href")));
    }

    [Fact]
    public async Task AWrongSlugRedirectsPermanentlyToTheCanonicalAddress()
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Slug check");
        var articleId = await factory.FeedAsync(questionId);
        await (await factory.SignedInClientAsync(Demo.Staff)).ReviewActionAsync(articleId, "publish");

        var response = await factory.CreateBrowserlessClient().GetAsync($"/kb/{articleId}/not-the-title", Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(await factory.ArticlePathAsync(articleId), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AnUnpublishedArticleAnswers410ToVisitorsAndStaffStillSeeIt()
    {
        var (questionId, path, _) = await factory.ResolvedThreadAsync("Unpublish me");
        var articleId = await factory.FeedAsync(questionId);
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        await staff.ReviewActionAsync(articleId, "publish");
        var articlePath = await factory.ArticlePathAsync(articleId);

        var unpublished = await staff.ReviewActionAsync(articleId, "unpublish");

        Assert.Equal("The article is unpublished: its address now answers 410 Gone.", QuestionForms.Flash(await staff.FollowAsync(unpublished))!.TextContent);
        var gone = await factory.CreateBrowserlessClient().GetAsync(articlePath, Ct);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("This article is no longer published", (await FormPoster.ParseAsync(gone)).QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.Gone, (await (await factory.SignedInClientAsync(Demo.Customer)).GetAsync(articlePath, Ct)).StatusCode);
        var preview = await staff.GetAsync(articlePath, Ct);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.NotNull((await FormPoster.ParseAsync(preview)).QuerySelector(".kb-status-note"));
        Assert.Null((await factory.CreateBrowserlessClient().GetDocumentAsync(path)).QuerySelector(".kb-link"));
        Assert.Equal(ArticleStatus.Unpublished, await factory.QueryAsync(db => db.KnowledgeBaseArticles.Where(a => a.Id == articleId).Select(a => a.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task WithdrawingTheAcceptanceTakesThePublishedArticleDownWith410()
    {
        var (questionId, path, _) = await factory.ResolvedThreadAsync("Withdrawn later");
        var articleId = await factory.FeedAsync(questionId);
        await (await factory.SignedInClientAsync(Demo.Staff)).ReviewActionAsync(articleId, "publish");
        var customer = await factory.SignedInClientAsync(Demo.Customer);

        await customer.FollowAsync(await customer.PostFormAsync(path, await customer.GetDocumentAsync(path), QuestionForms.Action($"questions/{questionId}/unaccept")));
        await factory.FeedAsync(questionId);

        Assert.Equal(HttpStatusCode.Gone, (await factory.CreateBrowserlessClient().GetAsync(await factory.ArticlePathAsync(articleId), Ct)).StatusCode);
    }

    [Fact]
    public async Task AMergedArticleRedirectsPermanentlyToTheOneItWasMergedInto()
    {
        var (first, _, _) = await factory.ResolvedThreadAsync("Merge source");
        var (second, _, _) = await factory.ResolvedThreadAsync("Merge target");
        var source = await factory.FeedAsync(first);
        var target = await factory.FeedAsync(second);
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        await staff.ReviewActionAsync(target, "publish");

        var merged = await staff.ReviewActionAsync(source, "merge", new() { ["into"] = target.ToString() });

        Assert.Equal($"The article is merged into article {target}; its address redirects there.", QuestionForms.Flash(await staff.FollowAsync(merged))!.TextContent);
        var response = await factory.CreateBrowserlessClient().GetAsync(await factory.ArticlePathAsync(source), Ct);
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(await factory.ArticlePathAsync(target), response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task AVisitorSaysItHelpedOnceWithoutJavaScriptAndASecondAnswerIsNotCounted()
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Helpful once");
        var articleId = await factory.FeedAsync(questionId);
        await (await factory.SignedInClientAsync(Demo.Staff)).ReviewActionAsync(articleId, "publish");
        var articlePath = await factory.ArticlePathAsync(articleId);
        var visitor = factory.CreateBrowserlessClient();
        var page = await visitor.GetDocumentAsync(articlePath);

        var response = await visitor.PostFormAsync(articlePath, page, f => f.ClassList.Contains("kb-helpful-form"), new() { ["helpful"] = "yes" });

        var after = await visitor.FollowAsync(response);
        Assert.Equal("Thank you: glad it helped.", QuestionForms.Flash(after)!.TextContent);
        Assert.Equal("You said yes. Thank you!", after.QuerySelector(".kb-helpful-thanks")!.TextContent);
        Assert.Null(KnowledgeBaseSite.HelpfulForm(after));
        var again = await visitor.FollowAsync(await visitor.PostFormAsync(articlePath, page, f => f.ClassList.Contains("kb-helpful-form"), new() { ["helpful"] = "no" }));
        Assert.Equal(RateArticle.AlreadyRated, QuestionForms.Flash(again)!.TextContent);
        Assert.Equal("1 of 1 found this helpful.", again.QuerySelector(".kb-helpful-count")!.TextContent);
        // Another visitor is another answer.
        Assert.NotNull(KnowledgeBaseSite.HelpfulForm(await factory.CreateBrowserlessClient().GetDocumentAsync(articlePath)));
    }

    [Fact]
    public async Task AHelpfulPostFromAnotherSiteIsRefused()
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Forged helpful");
        var articleId = await factory.FeedAsync(questionId);
        await (await factory.SignedInClientAsync(Demo.Staff)).ReviewActionAsync(articleId, "publish");

        // The cached article page carries no antiforgery token: a visitor's answer must come from our own pages.
        using var forged = new HttpRequestMessage(HttpMethod.Post, $"/kb/{articleId}/helpful")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["helpful"] = "yes" }),
        };
        forged.Headers.Add("Origin", "https://elsewhere.example");
        forged.Headers.Add("Sec-Fetch-Site", "cross-site");
        var response = await factory.CreateBrowserlessClient().SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.QueryAsync(db => db.KnowledgeBaseHelpfulVotes.CountAsync(v => v.ArticleId == articleId, Ct)));
    }

    [Fact]
    public async Task TheDemoHasPublishedArticlesADraftAndOneUnderReview()
    {
        var anonymous = factory.CreateBrowserlessClient();
        var list = await anonymous.GetDocumentAsync("/kb");
        Assert.True(list.QuerySelectorAll(".kb-item").Length >= 5);
        Assert.NotEmpty(list.QuerySelectorAll(".kb-under-review-chip"));
        // "7 of 9 found this helpful": most helpful first, by yes minus no.
        var helpful = list.QuerySelectorAll(".kb-item-helpful").Select(e => e.TextContent.Split(' ')).Select(w => 2 * int.Parse(w[0]) - int.Parse(w[2])).ToList();
        Assert.Equal(helpful.OrderByDescending(h => h), helpful);

        var review = await (await factory.SignedInClientAsync(Demo.Staff)).GetDocumentAsync("/kb/review");
        Assert.NotEmpty(review.QuerySelectorAll("#drafts li"));
        Assert.NotEmpty(review.QuerySelectorAll("#under-review li"));
    }

    [Fact]
    public async Task AnArticleFromTheOfficialAnswerCreditsStaffWithTheirDisclosureInTheHtmlAndTheJsonLd()
    {
        var articleId = await factory.QueryAsync(db => db.KnowledgeBaseCredits.Where(c => c.Role == CreditRole.OfficialAnswer)
            .Join(db.KnowledgeBaseRevisions, c => c.RevisionId, r => r.Id, (c, r) => r.ArticleId).FirstAsync(Ct));
        var page = await factory.CreateClient().GetDocumentAsync(await factory.ArticlePathAsync(articleId));

        Assert.Equal(Sam.Disclosure, page.QuerySelector(".kb-credit.by-staff .staff-disclosure")!.TextContent);
        var json = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        Assert.Equal("TechArticle", json.GetProperty("@type").GetString());
        var staff = json.GetProperty("author").EnumerateArray().Single(a => a.TryGetProperty("affiliation", out _));
        Assert.Equal((Sam.Name, Sam.Company), (staff.GetProperty("name").GetString(), staff.GetProperty("affiliation").GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData(Demo.Customer)]
    [InlineData(Demo.Moderator)]
    public async Task MembersAndModeratorsCannotReviewOrPublish(string email)
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Not yours to publish");
        var articleId = await factory.FeedAsync(questionId);
        var member = await factory.SignedInClientAsync(email);
        var ownToken = QuestionForms.AntiforgeryToken(await member.GetDocumentAsync("/questions/ask"));

        var review = await member.GetAsync("/kb/review", Ct);
        var publish = await member.PostAsync($"/kb/review/{articleId}/publish",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = ownToken }), Ct);

        Assert.StartsWith("/Account/AccessDenied", review.Headers.Location!.PathAndQuery);
        Assert.StartsWith("/Account/AccessDenied", publish.Headers.Location!.PathAndQuery);
        Assert.Equal(ArticleStatus.Draft, await factory.QueryAsync(db => db.KnowledgeBaseArticles.Where(a => a.Id == articleId).Select(a => a.Status).SingleAsync(Ct)));
    }

    [Fact]
    public async Task StaffEditTheTitleAndTextWithSanitizedMarkdown()
    {
        var (questionId, _, _) = await factory.ResolvedThreadAsync("Edit the words");
        var articleId = await factory.FeedAsync(questionId);
        var staff = await factory.SignedInClientAsync(Demo.Staff);
        var editPath = $"/kb/review/{articleId}/edit";
        var form = await staff.GetDocumentAsync(editPath);

        var saved = await staff.PostFormAsync(editPath, form, QuestionForms.Handler("edit-article"), new()
        {
            ["Input.Title"] = "Amber light on a Beacon Point after a firmware update",
            ["Input.Solution"] = "Move the **update window**.<script>alert(1)</script>",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var article = await staff.GetDocumentAsync(await factory.ArticlePathAsync(articleId));
        Assert.Equal("Amber light on a Beacon Point after a firmware update", article.QuerySelector("h1")!.TextContent);
        Assert.Equal("update window", article.QuerySelector(".kb-solution strong")!.TextContent);
        Assert.Empty(article.QuerySelectorAll(".kb-solution script"));
        Assert.Equal(StaffSite.ExpertName, article.QuerySelector(".kb-credit a")!.TextContent);
        Assert.Contains(await factory.QueryAsync(db => db.AuditEntries.Where(e => e.TargetId == articleId.ToString()).Select(e => e.Action).ToListAsync(Ct)), a => a == KnowledgeBaseAudit.Edited);
    }
}
