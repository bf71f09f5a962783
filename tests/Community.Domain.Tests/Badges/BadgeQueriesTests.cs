using Community.Domain.Badges;
using Community.Domain.Tests.Posting;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeQueriesTests
{
    [Fact]
    public async Task TheOverviewCountsHoldersOfEveryBadgeAndListsTagBadgesHeld()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(3);
        await forum.SetScoreAsync(await forum.AskAsync(members[0]), 1);
        await forum.SetScoreAsync(await forum.AskAsync(members[1], TestForum.QuestionTitle + " again"), 1);
        await AnswerFiveInAsync(forum, members[2], "billing");
        await forum.Awarder().SweepAsync(Ct);

        var overview = await new BadgeQueries(forum.Database).OverviewAsync(Ct);

        Assert.Equal(BadgeCatalogue.All, overview.Badges.Select(b => b.Badge));
        Assert.Equal(2, overview.Badges.Single(b => b.Badge == BadgeCatalogue.Student).Holders);
        Assert.Equal(0, overview.Badges.Single(b => b.Badge == BadgeCatalogue.GreatAnswer).Holders);
        var tag = Assert.Single(overview.TagBadges);
        Assert.Equal(("billing", BadgeLevel.Bronze, 1), (tag.Badge.Name, tag.Badge.Level, tag.Holders));
    }

    [Fact]
    public async Task HoldersAreListedNewestFirstWithWhatTheyEarnedItFor()
    {
        await using var forum = await TestForum.CreateAsync();
        var earlier = await forum.MemberAsync("Early Bird");
        var later = await forum.MemberAsync("Late Comer");
        var first = await forum.AskAsync(earlier);
        await forum.SetScoreAsync(first, 10);
        await forum.Awarder().SweepAsync(Ct);
        forum.Time.Advance(TimeSpan.FromHours(1));
        await forum.SetScoreAsync(await forum.AskAsync(later, "Beacon Point blinks amber at night"), 10);
        await forum.Awarder().SweepAsync(Ct);

        var holders = await new BadgeQueries(forum.Database).HoldersAsync(BadgeCatalogue.NiceQuestion, cancellationToken: Ct);

        Assert.Equal(2, holders.Members);
        Assert.Equal(["Late Comer", "Early Bird"], holders.Newest.Select(h => h.DisplayName));
        Assert.Equal("Beacon Point blinks amber at night", holders.Newest[0].Subject!.Title);
        Assert.Equal($"questions/{first}/router-drops-wi-fi-every-night", holders.Newest[1].Subject!.Link);
    }

    [Fact]
    public async Task ABadgeEarnedPerPostCountsAwardsAndMembersApart()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        await forum.SetScoreAsync(await forum.AskAsync(asker), 10);
        await forum.SetScoreAsync(await forum.AskAsync(asker, "Beacon Point blinks amber at night"), 10);
        await forum.Awarder().SweepAsync(Ct);

        var holders = await new BadgeQueries(forum.Database).HoldersAsync(BadgeCatalogue.NiceQuestion, cancellationToken: Ct);

        Assert.Equal((1, 2, 2), (holders.Members, holders.Awards, holders.Newest.Count));
    }

    [Fact]
    public async Task ATagBadgesHoldersCanBeNarrowedToOneTag()
    {
        await using var forum = await TestForum.CreateAsync();
        var members = await forum.MembersAsync(2);
        await AnswerFiveInAsync(forum, members[0], "billing");
        await AnswerFiveInAsync(forum, members[1], "router");
        await forum.Awarder().SweepAsync(Ct);
        var queries = new BadgeQueries(forum.Database);

        Assert.Equal(["billing", "router"], (await queries.HoldersAsync(BadgeCatalogue.TagBronze, cancellationToken: Ct)).Newest.Select(h => h.AwardKey).Order());
        Assert.Equal([members[1].UserId], (await queries.HoldersAsync(BadgeCatalogue.TagBronze, "router", cancellationToken: Ct)).Newest.Select(h => h.UserId));
    }

    [Fact]
    public async Task AMembersBadgesCountRepeatsAndShowTagsByName()
    {
        await using var forum = await TestForum.CreateAsync();
        var member = await forum.MemberAsync();
        await AnswerFiveInAsync(forum, member, "billing");
        forum.Time.Advance(TimeSpan.FromDays(2 * 366));
        await forum.Awarder().SweepAsync(Ct);

        var badges = await new BadgeQueries(forum.Database).ForMemberAsync(member.UserId, Ct);

        Assert.Equal([("Yearling", 2), ("billing", 1), ("Teacher", 1)], badges.Select(b => (b.Badge.Name, b.Times)));
    }

    /// <summary>Five answers in <paramref name="tag"/> scoring 2 each: exactly a bronze tag badge, and nothing per answer.</summary>
    private static async Task AnswerFiveInAsync(TestForum forum, Community.Domain.Posting.Actor answerer, string tag)
    {
        var asker = await forum.MemberAsync();
        for (var i = 0; i < 5; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} in {tag} {i}", TestForum.QuestionBody, tag);
            await forum.SetScoreAsync(await forum.AnswerAsync(answerer, question), 2);
        }
    }
}
