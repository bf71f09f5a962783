using System.Net;
using System.Text.RegularExpressions;
using Community.Domain.Notifications;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Notifications;

/// <summary>The notification centre, following, e-mail choices and unsubscribing, over HTTP.</summary>
public sealed partial class NotificationPagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAnswerReachesTheAskersNotificationsBellAndMailboxAndTheMailsLinkUnsubscribesWithoutSigningIn()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Told by e-mail");
        var (_, path) = await customer.AskAsync(title);
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        await expert.AnswerAsync(path, "Hold the reset button for ten seconds, then re-add the Point from the app's device list.");

        var centre = await customer.GetDocumentAsync("/notifications");
        var item = centre.QuerySelectorAll(".notice-list li.unread").First(li => li.TextContent.Contains(title));
        Assert.Equal(nameof(NotificationKind.AnswerOnYourQuestion), item.GetAttribute("data-kind"));
        Assert.Contains("Priya Raman answered your question", item.TextContent);
        Assert.Matches(@"^Notifications: [1-9]\d* unread$", centre.QuerySelector(".notification-bell")!.GetAttribute("aria-label")!);

        // Other tests' members may be told of the same question (a followed tag): this is the asker's e-mail.
        var mail = await MailAboutAsync($"Priya Raman answered your question “{title}”");
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", mail);
        var unsubscribe = UnsubscribeLink().Match(mail).Groups[1].Value;
        var anonymous = factory.CreateBrowserlessClient();
        var page = await anonymous.GetDocumentAsync(new Uri(unsubscribe).PathAndQuery);
        Assert.Contains("an answer to your question", page.QuerySelector(".unsubscribe-form")!.TextContent);
        var done = await anonymous.PostFormAsync(new Uri(unsubscribe).PathAndQuery, page, QuestionForms.Action("email/unsubscribe"));
        Assert.Equal("/email/unsubscribe?done=1", done.Headers.Location!.OriginalString);

        var settings = await customer.GetDocumentAsync("/notifications/settings");
        Assert.True(settings.QuerySelector($"tr[data-kind={NotificationKind.AnswerOnYourQuestion}] input[value=Never]")!.HasAttribute("checked"));
    }

    [Fact]
    public async Task AForgedOrTruncatedUnsubscribeTokenChangesNothingAndSaysWhatToDo()
    {
        var anonymous = factory.CreateBrowserlessClient();
        var page = await anonymous.GetDocumentAsync("/email/unsubscribe?token=not-a-real-token");
        Assert.Contains("not valid", page.QuerySelector(".invalid-link")!.TextContent);
        Assert.Null(page.QuerySelector(".unsubscribe-form"));

        var oneClick = await anonymous.PostAsync("/email/unsubscribe/one-click?token=forged", new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, oneClick.StatusCode);
    }

    [Fact]
    public async Task AFollowerHearsOfAnswersAndMembersChooseTheirEmailAndTags()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Followed by a newcomer");
        var (id, path) = await customer.AskAsync(title);
        var newcomer = await factory.SignedInClientAsync(Demo.Newcomer);
        var question = await newcomer.GetDocumentAsync(path);
        Assert.Equal("Follow", question.QuerySelector(".follow-question button")!.TextContent);
        var followed = await newcomer.FollowAsync(await newcomer.PostFormAsync(path, question, QuestionForms.Action($"questions/{id}/follow")));
        Assert.Equal("Following ✔", followed.QuerySelector(".follow-question button")!.TextContent);

        var expert = await factory.SignedInClientAsync(Demo.Expert);
        await expert.AnswerAsync(path, "Move the Point one room closer to the Pro and check the backhaul light turns white.");
        var centre = await newcomer.GetDocumentAsync("/notifications");
        Assert.Contains(centre.QuerySelectorAll(".notice-list li"), li => li.GetAttribute("data-kind") == nameof(NotificationKind.FollowedActivity) && li.TextContent.Contains(title));

        var settings = await newcomer.GetDocumentAsync("/notifications/settings");
        var saved = await newcomer.FollowAsync(await newcomer.PostFormAsync("/notifications/settings", settings, QuestionForms.Action("notifications/settings/email"),
            new() { [$"delivery.{NotificationKind.FollowedActivity}"] = nameof(EmailDelivery.Immediately) }));
        Assert.True(saved.QuerySelector($"tr[data-kind={NotificationKind.FollowedActivity}] input[value=Immediately]")!.HasAttribute("checked"));

        var tagged = await newcomer.FollowAsync(await newcomer.PostAsync("/tags/firmware/follow", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["follow"] = "true", ["returnUrl"] = "/notifications/settings", [QuestionForms.TokenField] = QuestionForms.AntiforgeryToken(saved),
        }), Ct));
        Assert.Contains(tagged.QuerySelectorAll(".followed-tags li a"), a => a.TextContent == "firmware");
    }

    [Fact]
    public async Task OneNotificationIsMarkedReadByItsOwnerOnly()
    {
        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var title = QuestionForms.UniqueTitle("Read one by one");
        var (_, path) = await customer.AskAsync(title);
        await (await factory.SignedInClientAsync(Demo.Expert)).AnswerAsync(path, "Check that the Point's light is white before moving it, then try again.");
        var centre = await customer.GetDocumentAsync("/notifications");
        var item = centre.QuerySelectorAll(".notice-list li.unread").First(li => li.TextContent.Contains(title));
        var action = item.QuerySelector("form")!.GetAttribute("action")!;

        var newcomer = await factory.SignedInClientAsync(Demo.Newcomer);
        await newcomer.PostFormAsync("/notifications", centre, QuestionForms.Action(action), new() { [QuestionForms.TokenField] = QuestionForms.AntiforgeryToken(await newcomer.GetDocumentAsync("/notifications")) });
        Assert.Contains((await customer.GetDocumentAsync("/notifications")).QuerySelectorAll(".notice-list li.unread"), li => li.TextContent.Contains(title));

        await customer.PostFormAsync("/notifications", centre, QuestionForms.Action(action));
        Assert.DoesNotContain((await customer.GetDocumentAsync("/notifications")).QuerySelectorAll(".notice-list li.unread"), li => li.TextContent.Contains(title));
    }

    /// <summary>The e-mail the background job wrote to the pickup folder about <paramref name="subject"/>; the job runs on its own.</summary>
    private async Task<string> MailAboutAsync(string subject)
    {
        Directory.CreateDirectory(factory.PickupFolder);
        using var changes = new FileSystemWatcher(factory.PickupFolder) { EnableRaisingEvents = true };
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var found = Directory.GetFiles(factory.PickupFolder, "*.eml").Select(Read).FirstOrDefault(t => t?.Contains(subject) == true);
            if (found is not null)
                return found;
            changes.WaitForChanged(WatcherChangeTypes.Created | WatcherChangeTypes.Changed, 500);
        }
        throw new TimeoutException($"No e-mail about “{subject}” reached the pickup folder.");
    }

    /// <summary>The message's headers and decoded text part (the body is transfer-encoded in the file).</summary>
    private static string? Read(string file)
    {
        try
        {
            var message = MimeKit.MimeMessage.Load(file);
            return string.Join("\n", message.Headers.Select(h => $"{h.Field}: {h.Value}")) + "\n" + message.TextBody;
        }
        catch (IOException)
        {
            return null; // still being written
        }
    }

    [GeneratedRegex(@"Stop e-mails like this one[^:]*: (http\S+)")]
    private static partial Regex UnsubscribeLink();
}
