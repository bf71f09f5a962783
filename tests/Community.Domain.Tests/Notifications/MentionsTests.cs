using Community.Domain.Notifications;

namespace Community.Domain.Tests.Notifications;

public sealed class MentionsTests
{
    private static readonly Dictionary<string, string> Thread = new()
    {
        ["sam"] = "Sam",
        ["sam-ortega"] = "Sam Ortega",
        ["priya"] = "Priya Raman",
        ["dana"] = "Dana Whitfield",
    };

    [Theory]
    [InlineData("Thanks @Priya Raman, that fixed it.", "priya")]
    [InlineData("@priya raman see above", "priya")]
    [InlineData("Asking @Sam Ortega to confirm", "sam-ortega")]
    [InlineData("@Sam, any news?", "sam")]
    [InlineData("(@Dana Whitfield)", "dana")]
    public void ANameAfterAnAtIsAMentionAndTheLongestNameWins(string text, string expected) =>
        Assert.Equal([expected], Mentions.Find(text, Thread));

    [Theory]
    [InlineData("write to support@Sam.example")]
    [InlineData("@Samantha knows")]
    [InlineData("@Priya Ramanathan is someone else")]
    [InlineData("@Nobody Here and @ alone")]
    [InlineData("")]
    public void AddressesOtherNamesAndStrangersAreNotMentions(string text) =>
        Assert.Empty(Mentions.Find(text, Thread));

    [Fact]
    public void SeveralMentionsAreFoundOnce() =>
        Assert.Equal(["dana", "priya"], Mentions.Find("@Priya Raman and @Dana Whitfield, and again @Priya Raman", Thread).Order());
}
