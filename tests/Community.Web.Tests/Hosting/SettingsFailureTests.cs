using Community.Web.Hosting;

namespace Community.Web.Tests.Hosting;

public sealed class SettingsFailureTests
{
    [Fact]
    public void TheValidatorsWrapperIsRemoved() => Assert.Equal(
        "Site:Name is required: the forum's name.",
        SettingsFailure.Describe("DataAnnotation validation failed for 'SiteOptions' members: 'Name' with the error: 'Site:Name is required: the forum's name.'."));

    [Fact]
    public void APlainMessageIsKept() =>
        Assert.Equal("DemoData:Password is required.", SettingsFailure.Describe("DemoData:Password is required."));
}
