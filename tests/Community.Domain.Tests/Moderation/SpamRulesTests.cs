using Community.Domain.Moderation;

namespace Community.Domain.Tests.Moderation;

/// <summary>Spam basics without a database: new members' hourly posts and links, and the brand-new account's link hold.</summary>
public sealed class SpamRulesTests
{
    private static readonly ModerationOptions Defaults = new();
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("No links here at all.", 0)]
    [InlineData("See [the manual](https://example.com/manual) and https://example.com/faq", 2)]
    [InlineData("HTTP://SHOUTY.example and http://quiet.example", 2)]
    [InlineData("Visit www.cheap.example or https://www.other.example", 2)]
    [InlineData("[a]: https://ref.example\n\nUse [a].", 1)]
    public void LinksAreCountedInTheMarkdownSource(string text, int links) => Assert.Equal(links, SpamRules.CountLinks(text));

    [Fact]
    public void ANewMemberPostsAFewTimesAnHourAndEarnsMoreWithReputation()
    {
        Assert.True(SpamRules.CanPostMore(1, Defaults.NewMemberPostsPerHour - 1, Defaults).Allowed);
        var refused = SpamRules.CanPostMore(1, Defaults.NewMemberPostsPerHour, Defaults);
        Assert.False(refused.Allowed);
        Assert.Contains("nothing you typed is lost", refused.Reason);
        Assert.True(SpamRules.CanPostMore(Defaults.NewMemberReputation, 50, Defaults).Allowed);
    }

    [Fact]
    public void ANewMembersPostWithTooManyLinksIsRefusedWithTheCount()
    {
        Assert.Null(SpamRules.LinksProblem(1, Defaults.NewMemberMaxLinks, Defaults));
        Assert.Contains("this one has 5", SpamRules.LinksProblem(1, 5, Defaults));
        Assert.Null(SpamRules.LinksProblem(Defaults.NewMemberReputation, 40, Defaults));
    }

    [Fact]
    public void ABrandNewAccountsPostWithSeveralLinksIsHeld()
    {
        Assert.True(SpamRules.ShouldHoldForLinks(1, Now.AddHours(-1), Now, 2, Defaults));
        Assert.False(SpamRules.ShouldHoldForLinks(1, Now.AddHours(-1), Now, 1, Defaults));
        Assert.False(SpamRules.ShouldHoldForLinks(1, Now.AddDays(-30), Now, 3, Defaults));
        Assert.False(SpamRules.ShouldHoldForLinks(11, Now.AddHours(-1), Now, 3, Defaults));
    }
}
