using Bunit;
using Community.Web.Components.Shared;

namespace Community.Web.Tests.Components;

public sealed class PagerTests : BunitContext
{
    [Fact]
    public void AMiddlePageLinksBothWays()
    {
        var pager = Render<Pager>(p => p.Add(c => c.Page, 2).Add(c => c.PageCount, 3).Add(c => c.BaseUrl, "questions"));

        Assert.Equal("questions", pager.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("questions?page=3", pager.Find("a[rel=next]").GetAttribute("href"));
    }

    [Fact]
    public void ASinglePageShowsNoPager() =>
        Assert.Empty(Render<Pager>(p => p.Add(c => c.Page, 1).Add(c => c.PageCount, 1).Add(c => c.BaseUrl, "questions")).FindAll("nav"));
}
