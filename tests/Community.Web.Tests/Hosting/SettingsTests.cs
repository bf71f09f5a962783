using Community.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Community.Web.Tests.Hosting;

/// <summary>A wrong or missing required setting stops the app at start-up with a message naming the setting.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData("Site:Name", "", "Site:Name is required")]
    [InlineData("Site:CompanyName", "", "Site:CompanyName is required")]
    [InlineData("Email:FromAddress", "not an address", "Email:FromAddress must be an e-mail address")]
    [InlineData("Email:FromAddress", "", "Email:FromAddress is required")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be a port number")]
    [InlineData("DemoData:Password", "", "DemoData:Password is required when DemoData:Enabled is true")]
    [InlineData("ConnectionStrings:Community", "", "ConnectionStrings:Community is required")]
    [InlineData("Redis:Configuration", "password=secret", "Redis:Configuration is not a valid Redis configuration")]
    public async Task ABadSettingStopsStartUpAndNamesTheSetting(string key, string value, string message)
    {
        var settings = new List<KeyValuePair<string, string?>> { new(key, value) };
        if (key.StartsWith("Email:Smtp:", StringComparison.Ordinal))
            settings.Add(new("Email:Smtp:Host", "smtp.example.com"));
        await using var factory = new MisconfiguredFactory(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, failure.Message);
    }

    private sealed class MisconfiguredFactory(IEnumerable<KeyValuePair<string, string?>> settings) : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => settings;
    }
}
