using Community.Domain.Questions;

namespace Community.Domain.Tests.Questions;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Wi-Fi drops every night at 2am", "wi-fi-drops-every-night-at-2am")]
    [InlineData("  Café router — setup?? ", "cafe-router-setup")]
    [InlineData("C# and .NET", "c-and-net")]
    [InlineData("???", "question")]
    public void ATitleBecomesAReadableUrlPart(string title, string slug) => Assert.Equal(slug, Slug.From(title));

    [Fact]
    public void ALongTitleIsCut() => Assert.True(Slug.From(new string('a', 500)).Length <= Slug.MaxLength);
}
