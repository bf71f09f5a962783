using Community.Domain.Moderation;

namespace Community.Domain.Tests.Moderation;

/// <summary>The watch list matches whole words and phrases, ignoring case and accents, and never inside another word.</summary>
public sealed class WatchListMatcherTests
{
    [Theory]
    [InlineData("Buy cheap pills today", "cheap pills")]
    [InlineData("BUY CHEAP PILLS", "cheap pills")]
    [InlineData("cheap,pills!", "cheap pills")]
    [InlineData("Try our casino.", "casino")]
    [InlineData("[casino](https://casino.example)", "casino")]
    [InlineData("Visit the Café now", "cafe")]
    [InlineData("visit the cafe now", "Café")]
    [InlineData("CRÈME BRÛLÉE for sale", "creme brulee")]
    [InlineData("Straße closed", "strasse")]
    [InlineData("ｃａｓｉｎｏ wide letters", "casino")]
    public void MatchesWholeWordsWhateverTheCaseOrAccents(string text, string phrase) =>
        Assert.True(WatchListMatcher.Matches(text, phrase));

    [Theory]
    [InlineData("My pillow is new", "pill")]
    [InlineData("The class starts at nine", "ass")]
    [InlineData("Scunthorpe United", "cunt")]
    [InlineData("casinos", "casino")]
    [InlineData("cheap and useful pills", "cheap pills")]
    [InlineData("pills cheap", "cheap pills")]
    [InlineData("anything", "   ")]
    [InlineData("anything", "!!!")]
    public void NeverMatchesInsideAnotherWordOrOutOfOrder(string text, string phrase) =>
        Assert.False(WatchListMatcher.Matches(text, phrase));

    [Fact]
    public void APhraseIsStoredAsItsNormalizedWords() =>
        Assert.Equal("cheap pills online", WatchListMatcher.Normalize("  Cheap   PILLS, online! "));

    [Fact]
    public void TheFirstMatchingTermInListOrderIsReturned()
    {
        var terms = new[]
        {
            new WatchTerm { Id = 1, Phrase = "Cheap Pills", Normalized = WatchListMatcher.Normalize("Cheap Pills") },
            new WatchTerm { Id = 2, Phrase = "casino", Normalized = "casino" },
        };

        Assert.Equal(2, WatchListMatcher.FirstMatch("Our casino has cheap pills", terms.Reverse())!.Id);
        Assert.Null(WatchListMatcher.FirstMatch("A casinos pillbox", terms));
    }

    [Fact]
    public void SymbolsInAPhraseAreLiteralTextNotAPattern()
    {
        Assert.False(WatchListMatcher.Matches("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", "(a+)+$"));
        Assert.True(WatchListMatcher.Matches("I said a to them", "(a+)+$"));
    }
}
