using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Hosting;

/// <summary>Form posts are limited per person or address; the circuit's connection requests are not (circuit writes are limited in the domain).</summary>
public sealed class WriteRateLimitTests(WriteRateLimitTests.StrictFactory factory) : IClassFixture<WriteRateLimitTests.StrictFactory>
{
    public sealed class StrictFactory : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("RateLimits:WritesPerMinute", "2")];
    }

    [Fact]
    public async Task TheThirdFormPostInAMinuteIsRefusedWith429ButCircuitNegotiationIsNot()
    {
        var client = factory.CreateBrowserlessClient();
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 5; i++)
        {
            var negotiate = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null, ct);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, negotiate.StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
            statuses.Add((await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>()), ct)).StatusCode);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }
}
