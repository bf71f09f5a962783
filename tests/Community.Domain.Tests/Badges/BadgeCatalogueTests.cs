using Community.Domain.Badges;

namespace Community.Domain.Tests.Badges;

public sealed class BadgeCatalogueTests
{
    [Fact]
    public void IdsAndSlugsAreUnique()
    {
        Assert.Equal(BadgeCatalogue.All.Count, BadgeCatalogue.All.Select(b => b.Id).Distinct().Count());
        Assert.Equal(BadgeCatalogue.All.Count, BadgeCatalogue.All.Select(b => b.Slug).Distinct().Count());
    }

    [Fact]
    public void EveryLevelHasBadges() =>
        Assert.All(Enum.GetValues<BadgeLevel>(), level => Assert.Contains(BadgeCatalogue.All, b => b.Level == level));

    [Fact]
    public void EveryRuleHasABadge() =>
        Assert.All(Enum.GetValues<BadgeRule>(), rule => Assert.Contains(BadgeCatalogue.All, b => b.Rule == rule));

    [Fact]
    public void TagBadgesRiseInBothMeasuresWithTheLevel()
    {
        Assert.Equal([(10, 5), (100, 20), (400, 80)], BadgeCatalogue.TagBadges.Select(b => (b.Threshold, b.MinimumAnswers)));
        Assert.Equal([BadgeLevel.Bronze, BadgeLevel.Silver, BadgeLevel.Gold], BadgeCatalogue.TagBadges.Select(b => b.Level));
    }

    [Fact]
    public void ScoreAndViewBadgesRiseWithTheLevel()
    {
        foreach (var family in BadgeCatalogue.All.Where(b => b.Repeat == BadgeRepeat.PerPost).GroupBy(b => b.Rule))
        {
            var ordered = family.OrderBy(b => b.Level).ToList();
            Assert.Equal(ordered.Select(b => b.Threshold).Order(), ordered.Select(b => b.Threshold));
        }
    }

    [Fact]
    public void ATagBadgeIsShownUnderItsTagsName()
    {
        var billing = BadgeCatalogue.ForTag(BadgeCatalogue.TagGold, "billing");

        Assert.Equal(("billing", "billing", BadgeCatalogue.TagGold.Id, BadgeLevel.Gold), (billing.Name, billing.Slug, billing.Id, billing.Level));
        Assert.Contains("[billing]", billing.Description);
        Assert.Throws<ArgumentException>(() => BadgeCatalogue.ForTag(BadgeCatalogue.Student, "billing"));
    }

    [Fact]
    public void FindReturnsNothingForAnUnknownId() => Assert.Null(BadgeCatalogue.Find(9999));
}
