using Community.Domain.Markdown;
using Community.Domain.Posting;

namespace Community.Domain.Tests.Posting;

public sealed class PostInputTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "billing", "setup", "wifi", "firmware", "router", "mobile-app" };

    // ---- title -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(15)]
    [InlineData(80)]
    [InlineData(150)]
    public void ATitleOf15To150CharactersIsAccepted(int length) => Assert.Null(PostInput.TitleProblem(new string('t', length)));

    [Fact]
    public void ATitleShorterThan15CharactersIsRefusedWithItsLength() =>
        Assert.Equal("Make the title at least 15 characters so others can tell what it is about; it has 14.", PostInput.TitleProblem(new string('t', 14)));

    [Fact]
    public void ATitleLongerThan150CharactersIsRefusedWithItsLength() =>
        Assert.Equal("Shorten the title to 150 characters; it has 151.", PostInput.TitleProblem(new string('t', 151)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t ")]
    public void AMissingTitleAsksForOne(string? title) => Assert.Equal("Add a title: a short summary of your problem.", PostInput.TitleProblem(title));

    [Fact]
    public void SpacesAroundATitleDoNotCountTowardsItsLength() =>
        Assert.Contains("it has 14", PostInput.TitleProblem("   " + new string('t', 14) + "   "));

    // ---- body ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(30)]
    [InlineData(30_000)]
    public void ABodyOf30To30000CharactersIsAccepted(int length) => Assert.Null(PostInput.BodyLengthProblem(new string('b', length)));

    [Fact]
    public void ABodyShorterThan30CharactersIsRefusedWithItsLength() =>
        Assert.Equal("Add more detail: at least 30 characters; it has 29.", PostInput.BodyLengthProblem(new string('b', 29)));

    [Fact]
    public void ABodyLongerThan30000CharactersIsRefusedWithItsLength()
    {
        var problem = PostInput.BodyLengthProblem(new string('b', 30_001));

        Assert.NotNull(problem);
        Assert.StartsWith("Shorten the text to ", problem);
        Assert.Contains(30_001.ToString("N0"), problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\n ")]
    public void AMissingBodyAsksForOne(string? body) =>
        Assert.Equal("Describe your problem: what you tried and what happened.", PostInput.BodyLengthProblem(body));

    [Fact]
    public void ABodyTooShortForTheRulesIsNotRendered()
    {
        var (rendered, problem) = PostInput.Render(new MarkdownRenderer(), "too short");

        Assert.Null(rendered);
        Assert.Equal("Add more detail: at least 30 characters; it has 9.", problem);
    }

    [Fact]
    public void ARendererRefusalBecomesTheBodysProblem()
    {
        var (rendered, problem) = PostInput.Render(new MarkdownRenderer(), new string('>', 40) + " a quote nested far too deeply to show");

        Assert.Null(rendered);
        Assert.Contains("nests quotes or lists 40 levels deep", problem);
    }

    [Fact]
    public void AnAcceptableBodyIsRendered()
    {
        var (rendered, problem) = PostInput.Render(new MarkdownRenderer(), "The router **restarts** every night at two.");

        Assert.Null(problem);
        Assert.Contains("<strong>restarts</strong>", rendered!.Html);
    }

    // ---- tags ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void OneToFiveKnownTagsAreAccepted(int count) => Assert.Null(PostInput.TagsProblem(Known.Take(count).ToList(), Known));

    [Fact]
    public void NoTagIsRefused() => Assert.Equal("Choose at least one tag, the product area your question is about.", PostInput.TagsProblem([], Known));

    [Fact]
    public void SixTagsAreRefused() => Assert.Equal("Choose at most 5 tags; you chose 6.", PostInput.TagsProblem(Known.Take(6).ToList(), Known));

    [Fact]
    public void UnknownTagsAreNamedInTheMessage() =>
        Assert.Equal("Choose existing tags only; these do not exist: wlan, modem.", PostInput.TagsProblem(["wifi", "wlan", "modem"], Known));

    [Fact]
    public void TypedTagsBecomeDistinctLowerCaseNames() =>
        Assert.Equal(["setup", "wifi-coverage", "firmware"], PostInput.ParseTags("Setup, wifi-coverage  firmware"));

    [Fact]
    public void TagsMayBeSeparatedBySpacesCommasOrSemicolons() =>
        Assert.Equal(["a", "b", "c", "d"], PostInput.ParseTags(" a,b;c d ,; "));

    [Fact]
    public void ATagTypedTwiceInDifferentCaseCountsOnce() => Assert.Equal(["wifi"], PostInput.ParseTags("WiFi wifi WIFI"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" , ; ")]
    public void NoTypedTagsParseToNone(string? tags) => Assert.Empty(PostInput.ParseTags(tags));
}
