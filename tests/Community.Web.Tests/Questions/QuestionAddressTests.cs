using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Questions;

/// <summary>A question's address: the id finds it, the slug is corrected, a deleted one is gone for everyone but its author, views count once.</summary>
public sealed class QuestionAddressTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/questions/{0}/not-the-right-slug", "")]
    [InlineData("/questions/{0}", "")]
    [InlineData("/questions/{0}/old-title?utm_source=mail", "?utm_source=mail")]
    public async Task AWrongOrMissingSlugAnswers301ToTheCanonicalAddress(string requested, string keptQuery)
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Amber light after the update");
        var (id, canonical) = await customer.AskAsync(title);
        Assert.EndsWith("/" + Community.Domain.Questions.Slug.From(title), canonical);

        var response = await factory.CreateBrowserlessClient().GetAsync(string.Format(requested, id), Ct);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical + keptQuery, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task TheCanonicalAddressAnswers200WithoutARedirect()
    {
        var list = await factory.CreateClient().GetDocumentAsync("/questions");
        var link = list.QuerySelector(".question-row h3 a")!.GetAttribute("href")!;

        var response = await factory.CreateBrowserlessClient().GetAsync("/" + link, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.EndsWith("/" + link, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ADeletedQuestionAnswers404ToVisitorsAndOtherMembersButItsAuthorSeesItMarkedDeleted()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Guest network vanished");
        var (id, path) = await customer.AskAsync(title);
        var before = await customer.GetDocumentAsync(path);
        Assert.Null(before.QuerySelector(".notice-deleted"));

        var deleted = await customer.FollowAsync(await customer.PostFormAsync(path, before, QuestionForms.Action($"posts/{id}/delete")));

        Assert.Equal("The post was deleted. You can undelete it from the same place.", QuestionForms.Flash(deleted)?.TextContent);
        Assert.Equal(title, deleted.QuerySelector("h1")!.TextContent);
        Assert.Contains("This question is deleted", deleted.QuerySelector(".notice-deleted")!.TextContent);
        Assert.NotNull(deleted.FindForm(QuestionForms.Action($"posts/{id}/undelete")));

        var anonymous = await factory.CreateBrowserlessClient().GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        var notFound = await FormPoster.ParseAsync(anonymous);
        // The status code page ("Page not found") stands in for the question page's own "Question not found".
        Assert.Contains("not found", notFound.QuerySelector("main h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(title, notFound.DocumentElement.TextContent);
        Assert.DoesNotContain("blinks amber", notFound.DocumentElement.TextContent);

        var expert = await factory.SignedInClientAsync(Demo.Expert);
        Assert.Equal(HttpStatusCode.NotFound, (await expert.GetAsync(path, Ct)).StatusCode);

        var newest = await factory.CreateClient().GetDocumentAsync("/questions?sort=newest");
        Assert.DoesNotContain(newest.QuerySelectorAll(".question-row h3 a"), a => a.TextContent == title);
    }

    [Fact]
    public async Task AViewCountsOncePerVisitor()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Speed test halves at night"));
        // A page shows the count from before its own visit is added: the asker's first look counts, the second does not.
        var first = await ViewsSeenByAsync(customer, path);
        var start = await ViewsSeenByAsync(customer, path);
        Assert.Equal(first + 1, start);

        var expert = await factory.SignedInClientAsync(Demo.Expert);
        Assert.Equal(start, await ViewsSeenByAsync(expert, path));
        Assert.Equal(start + 1, await ViewsSeenByAsync(expert, path));
        Assert.Equal(start + 1, await ViewsSeenByAsync(expert, path));

        var staff = await factory.SignedInClientAsync(Demo.Staff);
        Assert.Equal(start + 1, await ViewsSeenByAsync(staff, path));
        Assert.Equal(start + 2, await ViewsSeenByAsync(staff, path));
        Assert.Equal(start + 2, await ViewsSeenByAsync(customer, path));
    }

    [Fact]
    public async Task TwoRequestsFromTheSameAnonymousClientCountOneView()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Beacon app shows offline"));
        await customer.GetDocumentAsync(path);
        var start = await ViewsSeenByAsync(customer, path);

        var visitor = factory.CreateClient();
        await visitor.GetDocumentAsync(path);
        await visitor.GetDocumentAsync(path);

        Assert.Equal(start + 1, await ViewsSeenByAsync(customer, path));
    }

    /// <summary>The count a page shows once every earlier view has been counted (they are counted off the request).</summary>
    private async Task<int> ViewsSeenByAsync(HttpClient client, string path)
    {
        await factory.ViewsCountedAsync();
        return QuestionForms.ViewCount(await client.GetDocumentAsync(path));
    }
}
