using System.Net;
using Community.Domain.Badges;
using Community.Web.Jobs;
using Community.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Badges;

/// <summary>The badge pages over the demo community, whose seeding ran the sweep.</summary>
public sealed class BadgePagesTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task TheBadgesPageListsEveryBadgeByLevelWithItsHolders()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/badges");

        Assert.Equal("Badges", page.QuerySelector("main h1")!.TextContent);
        Assert.Equal(["Gold", "Silver", "Bronze", "Tag badges"], page.QuerySelectorAll("main h2").Select(h => h.TextContent));
        Assert.Equal(BadgeCatalogue.All.Count, page.QuerySelectorAll(".badge-table tbody tr").Length);
        var bronze = page.QuerySelector("#level-bronze")!.ParentElement!;
        var teacher = bronze.QuerySelectorAll("tbody tr").Single(row => row.QuerySelector("a")!.TextContent.Contains("Teacher"));
        Assert.Equal("badges/2/teacher", teacher.QuerySelector("a")!.GetAttribute("href"));
        Assert.True(int.Parse(teacher.QuerySelector(".holders")!.TextContent) > 0);
        Assert.NotEmpty(page.QuerySelectorAll(".tag-badges li"));
    }

    [Fact]
    public async Task ABadgePageListsWhoEarnedItNewestFirstWithLinksToThem()
    {
        var page = await factory.CreateClient().GetDocumentAsync("/badges/2/teacher");

        Assert.StartsWith("Teacher", page.QuerySelector("main h1")!.TextContent);
        var holders = page.QuerySelectorAll(".badge-holders li a[href^='users/']").Select(a => a.TextContent).ToList();
        Assert.Contains("Priya Raman", holders);
        Assert.All(page.QuerySelectorAll(".badge-holders li"), li => Assert.NotNull(li.QuerySelector("a[href^='questions/']")));
        Assert.EndsWith("/badges/2/teacher", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ATagBadgeLinkShowsItsHoldersInThatTag()
    {
        var client = factory.CreateClient();
        var overview = await client.GetDocumentAsync("/badges");
        var link = overview.QuerySelector(".tag-badges li a")!;

        var page = await client.GetDocumentAsync("/" + link.GetAttribute("href"));

        Assert.StartsWith(link.QuerySelector(".visually-hidden")!.PreviousSibling!.TextContent.Trim(), page.QuerySelector("main h1")!.TextContent);
        Assert.NotEmpty(page.QuerySelectorAll(".badge-holders li"));
    }

    [Fact]
    public async Task ABadgeNobodyHoldsSaysSo()
    {
        var page = await factory.CreateClient().GetDocumentAsync($"/badges/{BadgeCatalogue.GreatAnswer.Id}/{BadgeCatalogue.GreatAnswer.Slug}");

        Assert.Equal("Nobody has earned this badge yet.", page.QuerySelector(".empty")!.TextContent);
    }

    [Fact]
    public async Task AnUnknownBadgeAnswers404()
    {
        var response = await factory.CreateClient().GetAsync("/badges/9999/nothing", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not found", (await FormPoster.ParseAsync(response)).QuerySelector("main h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheSweepIsARecurringJobThatFindsNothingLeftAfterSeeding()
    {
        _ = factory.Server;
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();

        Assert.Contains(connection.GetRecurringJobs(), job => job.Id == RecurringJobs.BadgeSweep && job.Cron == Cron.Hourly(37));
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BadgeSweepJob>().RunAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<BadgeAwarder>().SweepAsync(TestContext.Current.CancellationToken));
    }
}
