using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Moderation;

/// <summary>Moderation over HTTP: who may open which page (checked on the server), antiforgery on its forms, and the flag and queue forms working without JavaScript.</summary>
public sealed class ModerationPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/moderation", Demo.Customer)]
    [InlineData("/moderation", Demo.Expert)]
    [InlineData("/moderation/log", Demo.Customer)]
    [InlineData("/moderation/log", Demo.Staff)]
    [InlineData("/moderation/watch-list", Demo.Moderator)]
    [InlineData("/moderation/members/x", Demo.Customer)]
    public async Task MembersWithoutTheRoleOrPrivilegeAreRefused(string path, string email)
    {
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/moderation")]
    [InlineData("/moderation/log")]
    [InlineData("/flags/mine")]
    public async Task VisitorsAreSentToSignIn(string path)
    {
        var response = await factory.CreateBrowserlessClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Account/Login", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/moderation", Demo.Moderator, "Moderation")]
    [InlineData("/moderation", Demo.Staff, "Moderation")]
    [InlineData("/moderation/log", Demo.Moderator, "Audit log")]
    [InlineData("/moderation/log", "admin@demo.local", "Audit log")]
    [InlineData("/moderation/watch-list", "admin@demo.local", "Watch list")]
    [InlineData("/flags/mine", Demo.Customer, "My flags")]
    public async Task ModeratorsAndAdminsGetIn(string path, string email, string heading)
    {
        var client = await factory.SignedInClientAsync(email);

        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(heading, (await FormPoster.ParseAsync(response)).QuerySelector("main h1")!.TextContent);
    }

    [Fact]
    public async Task TheQueueShowsTheDemoFlagsWithTheWatchListTermForModerators()
    {
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);

        var page = await moderator.GetDocumentAsync("/moderation");

        var items = page.QuerySelectorAll(".queue-item");
        Assert.True(items.Length >= 4);
        Assert.Contains("held", items[0].ClassList);
        Assert.Equal("outlet deals", page.QuerySelector(".queue-term mark")!.TextContent);
        Assert.Contains(page.QuerySelectorAll(".queue-flag strong"), s => s.TextContent == "Needs staff attention");
        Assert.NotNull(page.QuerySelector("a[href='moderation/log']"));
    }

    [Fact]
    public async Task FormPostsWithoutTheAntiforgeryTokenAreRefused()
    {
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var member = await factory.SignedInClientAsync(Demo.Customer);

        var handle = await moderator.PostAsync("/moderation/handle", new FormUrlEncodedContent(new Dictionary<string, string> { ["PostId"] = "1", ["Seen"] = "1", ["Decision"] = "Dismiss" }), Ct);
        var flag = await member.PostAsync("/posts/1/flag", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = "Spam" }), Ct);
        var admin = await factory.SignedInClientAsync("admin@demo.local");
        var watch = await admin.PostAsync("/moderation/watch-list", new FormUrlEncodedContent(new Dictionary<string, string> { ["phrase"] = "x", ["action"] = "FlagForReview" }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, handle.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, flag.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, watch.StatusCode);
    }

    [Fact]
    public async Task AMemberCannotPostToTheQueueEvenWithAValidToken()
    {
        var member = await factory.SignedInClientAsync(Demo.Customer);
        var page = await member.GetDocumentAsync("/flags/mine");

        var response = await member.PostAsync("/moderation/handle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["PostId"] = "1", ["Seen"] = "1", ["Decision"] = "Dismiss", [QuestionForms.TokenField] = QuestionForms.AntiforgeryToken(page),
        }), Ct);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AccessDenied", response.Headers.Location?.OriginalString ?? "");
    }

    [Fact]
    public async Task AFlagPostedFromTheQuestionPageIsListedUnderMyFlags()
    {
        var asker = await factory.SignedInClientAsync(Demo.Expert);
        var (id, path) = await asker.AskAsync(QuestionForms.UniqueTitle("Flag me"));
        var member = await factory.SignedInClientAsync(Demo.Customer);
        var page = await member.GetDocumentAsync(path);

        var response = await member.PostFormAsync(path, page, QuestionForms.Action($"posts/{id}/flag"), new() { ["reason"] = "OffTopic" });

        var back = await member.FollowAsync(response);
        Assert.StartsWith("Thanks: a moderator will review your flag.", QuestionForms.Flash(back)!.TextContent);
        var mine = await member.GetDocumentAsync("/flags/mine");
        Assert.Contains(mine.QuerySelectorAll(".my-flags td a"), a => a.TextContent.StartsWith("Flag me"));
        var again = await member.FollowAsync(await member.PostFormAsync(path, await member.GetDocumentAsync(path), QuestionForms.Action($"posts/{id}/flag"), new() { ["reason"] = "Spam" }));
        Assert.Equal("You already flagged this; a moderator will look at it.", QuestionForms.Flash(again)!.TextContent);
    }

    [Fact]
    public async Task AModeratorDismissesFlagsFromTheQueueAndASecondDismissIsTold()
    {
        var asker = await factory.SignedInClientAsync(Demo.Expert);
        var (id, path) = await asker.AskAsync(QuestionForms.UniqueTitle("Dismiss me"));
        var member = await factory.SignedInClientAsync(Demo.Customer);
        await member.PostFormAsync(path, await member.GetDocumentAsync(path), QuestionForms.Action($"posts/{id}/flag"), new() { ["reason"] = "OffTopic" });
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);
        var queue = await moderator.GetDocumentAsync("/moderation");
        var dismiss = new Func<AngleSharp.Html.Dom.IHtmlFormElement, bool>(f => f.ClassList.Contains("queue-dismiss") && f.QuerySelector($"input[name=PostId][value='{id}']") is not null);

        var first = await moderator.FollowAsync(await moderator.PostFormAsync("/moderation", queue, dismiss));
        var second = await moderator.FollowAsync(await moderator.PostFormAsync("/moderation", queue, dismiss));

        Assert.Equal("Flags declined.", QuestionForms.Flash(first)!.TextContent);
        Assert.StartsWith("Ingrid Solberg already declined these flags", QuestionForms.Flash(second)!.TextContent);
        Assert.Contains("flash-error", QuestionForms.Flash(second)!.ClassList);
    }
}
