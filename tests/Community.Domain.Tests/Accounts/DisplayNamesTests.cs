using Community.Domain.Accounts;

namespace Community.Domain.Tests.Accounts;

public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("Ada Lovelace", "ada lovelace")]
    [InlineData("Ada Lovelace", "ADA  LOVELACE ")]
    [InlineData("Ada", "Ａｄａ")] // full-width letters fold under NFKC
    [InlineData("Rene", "Rene")]
    public void NamesThatDifferOnlyByCaseWidthOrSpacingCollide(string first, string second) =>
        Assert.Equal(DisplayNames.Normalize(first), DisplayNames.Normalize(second));

    [Fact]
    public void DifferentNamesDoNotCollide() =>
        Assert.NotEqual(DisplayNames.Normalize("Ada Lovelace"), DisplayNames.Normalize("Ada Byron"));

    [Theory]
    [InlineData("Priya Raman")]
    [InlineData("Siobhan O'Neill")]
    [InlineData("Zoë_K-2")]
    [InlineData("渡辺健二")]
    public void OrdinaryNamesAreAccepted(string name) => Assert.Null(DisplayNames.Validate(name));

    [Theory]
    [InlineData("", "Choose a display name")]
    [InlineData("   ", "Choose a display name")]
    [InlineData("Al", "3 to 30 characters")]
    [InlineData("An extraordinarily long display name", "3 to 30 characters")]
    [InlineData("Sam\u200BOrtega", "invisible or text-direction")]
    [InlineData("Sam\u202EagetrO", "invisible or text-direction")]
    [InlineData("<script>", "letters, digits, spaces")]
    [InlineData("Sam@Ortega", "remove \"@\"")]
    public void UnusableNamesAreRefusedWithAReason(string name, string reason) =>
        Assert.Contains(reason, DisplayNames.Validate(name));

    [Fact]
    public void RenamingStoresTheCleanNameAndItsNormalizedKey()
    {
        var user = new CommunityUser();

        user.Rename("  Dana   Whitfield ");

        Assert.Equal("Dana Whitfield", user.DisplayName);
        Assert.Equal("DANA WHITFIELD", user.NormalizedDisplayName);
    }
}
