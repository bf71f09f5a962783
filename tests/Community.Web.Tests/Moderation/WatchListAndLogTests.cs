using System.Net;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Questions;

namespace Community.Web.Tests.Moderation;

/// <summary>The admin's watch list holds a matching answer at once; the audit log lists and filters what happened.</summary>
public sealed class WatchListAndLogTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task AnAnswerMatchingATermTheAdminAddedIsHeldAndOnlyModeratorsSeeTheTerm()
    {
        var term = "zx" + Guid.NewGuid().ToString("N")[..6];
        var admin = await factory.SignedInClientAsync("admin@demo.local");
        var added = await admin.FollowAsync(await admin.PostFormAsync("/moderation/watch-list", await admin.GetDocumentAsync("/moderation/watch-list"),
            QuestionForms.Action("moderation/watch-list"), new() { ["phrase"] = term.ToUpperInvariant(), ["action"] = "HoldUntilReviewed" }));
        Assert.Equal($"“{term.ToUpperInvariant()}” is on the watch list.", QuestionForms.Flash(added)!.TextContent);

        var customer = await factory.SignedInClientAsync(Demo.Customer);
        var (_, path) = await customer.AskAsync(QuestionForms.UniqueTitle("Watch list"));
        var expert = await factory.SignedInClientAsync(Demo.Expert);
        var answerId = await expert.AnswerAsync(path, $"Reset the Point, then try the {term} trick from the manual to pair it again.");

        var visitor = await factory.CreateBrowserlessClient().GetDocumentAsync(path);
        Assert.Null(visitor.QuerySelector($"#answer-{answerId}"));
        var author = await expert.GetDocumentAsync(path);
        Assert.Contains("wording this community checks", author.QuerySelector($"#answer-{answerId} .notice-held")!.TextContent);
        Assert.DoesNotContain(term, author.QuerySelector($"#answer-{answerId} .notice-held")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var queue = await (await factory.SignedInClientAsync(Demo.Moderator)).GetDocumentAsync("/moderation");
        Assert.Equal(term.ToUpperInvariant(), queue.QuerySelector($"#post-{answerId} .queue-term mark")!.TextContent);
    }

    [Fact]
    public async Task TheAuditLogListsDemoEntriesAndFiltersByKind()
    {
        var moderator = await factory.SignedInClientAsync(Demo.Moderator);

        var all = await moderator.GetDocumentAsync("/moderation/log");
        var warnings = await moderator.GetDocumentAsync("/moderation/log?action=member.");

        Assert.Contains(all.QuerySelectorAll("tbody tr"), row => row.GetAttribute("data-action") == "post.held" && row.TextContent.Contains("System"));
        var warned = Assert.Single(warnings.QuerySelectorAll("tbody tr"));
        Assert.Contains("Mateo Alvarez", warned.TextContent);
        Assert.Contains("Ingrid Solberg", warned.TextContent);
    }
}
