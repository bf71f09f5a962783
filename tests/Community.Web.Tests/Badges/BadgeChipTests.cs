using Bunit;
using Community.Domain.Badges;
using Community.Web.Components.Pages.Badges;

namespace Community.Web.Tests.Badges;

public sealed class BadgeChipTests : BunitContext
{
    [Fact]
    public void AChipLinksToTheBadgeAndSaysItsLevel()
    {
        var chip = Render<BadgeChip>(p => p.Add(c => c.Badge, BadgeCatalogue.GreatAnswer));

        var link = chip.Find("a");
        Assert.Equal("badges/12/great-answer", link.GetAttribute("href"));
        Assert.Contains("badge-gold", link.ClassList);
        Assert.Equal("Great Answer (gold)", link.TextContent.Trim());
    }

    [Fact]
    public void ATagBadgeChipLinksToItsTag()
    {
        var chip = Render<BadgeChip>(p => p.Add(c => c.Badge, BadgeCatalogue.ForTag(BadgeCatalogue.TagSilver, "billing")));

        Assert.Equal("badges/21/billing", chip.Find("a").GetAttribute("href"));
    }
}
