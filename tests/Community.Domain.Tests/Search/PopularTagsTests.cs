using Community.Domain.Questions;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Search;

/// <summary>The search page's tag filter: the most used tags, counted at most every few minutes (issue 11: counting per search took seconds).</summary>
public sealed class PopularTagsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private const string Body = "It started last week and nothing I tried has changed it so far.";

    [Fact]
    public async Task The_most_used_tags_come_first_and_the_count_is_kept_for_a_while()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        await forum.AskAsync(asker, "Router drops every evening at nine", Body, "router", "wifi");
        await forum.AskAsync(await forum.MemberAsync(), "Router light stays orange all day", Body, "router");
        var tags = new TagQueries(forum.Database, forum.Time);

        var first = await tags.PopularNamesAsync(2, Ct);
        await forum.AskAsync(await forum.MemberAsync(), "Billing page shows the wrong plan", Body, "billing");
        await forum.AskAsync(await forum.MemberAsync(), "Billing charged me twice this month", Body, "billing");
        await forum.AskAsync(await forum.MemberAsync(), "Billing address will not save", Body, "billing");
        var cached = await tags.PopularNamesAsync(2, Ct);
        forum.Time.Advance(TagQueries.PopularFor);
        var counted = await tags.PopularNamesAsync(2, Ct);

        Assert.Equal(["router", "wifi"], first);
        Assert.Equal(first, cached);
        Assert.Equal(["billing", "router"], counted);
    }
}
