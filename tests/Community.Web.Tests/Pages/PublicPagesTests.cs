using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Pages;

public sealed class PublicPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task TheHomePageShowsRecentQuestionsAsCompleteHtml()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/");

        Assert.NotNull(page.QuerySelector("header[role=banner]"));
        Assert.NotNull(page.QuerySelector("main#main"));
        Assert.NotNull(page.QuerySelector("nav[aria-label=Main]"));
        Assert.NotNull(page.QuerySelector("form[role=search] input[name=q]"));
        Assert.Equal(15, page.QuerySelectorAll(".question-list .question-row").Length);
    }

    [Fact]
    public async Task AQuestionPageShowsTheQuestionItsAnswersAndTheAcceptedOne()
    {
        var client = factory.CreateClient();
        var list = await client.GetDocumentAsync("/questions");
        var firstAccepted = list.QuerySelectorAll(".question-row").First(row => row.QuerySelector(".answered-accepted") is not null);
        var link = firstAccepted.QuerySelector("h3 a")!.GetAttribute("href")!;

        var page = await client.GetDocumentAsync("/" + link);

        Assert.Equal(firstAccepted.QuerySelector("h3 a")!.TextContent, page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector(".post.answer.accepted .accepted-mark"));
        Assert.EndsWith(link, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("/questions/999999/nothing-here")]
    [InlineData("/users/no-such-user")]
    [InlineData("/questions/tagged/no-such-tag")]
    [InlineData("/this/does/not/exist")]
    public async Task AMissingPageAnswers404WithAFriendlyPage(string path)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await FormPoster.ParseAsync(response);
        Assert.Contains("not found", page.QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("header[role=banner]"));
    }

    [Theory]
    [InlineData("/questions")]
    [InlineData("/questions/tagged/setup")]
    [InlineData("/tags")]
    [InlineData("/users")]
    [InlineData("/kb")]
    [InlineData("/search?q=mesh")]
    public async Task EveryNavigationTargetAnswers(string path)
    {
        var response = await factory.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await FormPoster.ParseAsync(response)).QuerySelector("main h1"));
    }

    [Fact]
    public async Task PublicPagesNeverShowAnEmailAddress()
    {
        var client = factory.CreateClient();
        foreach (var path in new[] { "/", "/users", "/questions" })
            Assert.DoesNotContain("@demo.local", await client.GetStringAsync(path, TestContext.Current.CancellationToken));
    }
}
