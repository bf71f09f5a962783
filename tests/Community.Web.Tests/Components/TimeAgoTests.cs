using Community.Web.Components.Shared;

namespace Community.Web.Tests.Components;

public sealed class TimeAgoTests
{
    [Theory]
    [InlineData(0.2, "just now")]
    [InlineData(1, "1 minute ago")]
    [InlineData(59, "59 minutes ago")]
    [InlineData(60, "1 hour ago")]
    [InlineData(60 * 30, "1 day ago")]
    [InlineData(60 * 24 * 45, "1 month ago")]
    [InlineData(60 * 24 * 800, "2 years ago")]
    public void AgesReadNaturally(double minutes, string text) => Assert.Equal(text, TimeAgo.Describe(TimeSpan.FromMinutes(minutes)));
}
