using System.Net;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Hosting;

public sealed class HealthTests(CommunityWebFactory factory) : IClassFixture<CommunityWebFactory>
{
    [Fact]
    public async Task HealthzAnswers200WhenTheDatabaseAnswers()
    {
        var response = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task HealthzAnswers503WhenTheDatabaseCannotBeOpened()
    {
        await using var broken = new UnreachableDatabaseFactory();

        var response = await broken.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A read-only connection to a file that does not exist: it can never open.</summary>
    private sealed class UnreachableDatabaseFactory : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("ConnectionStrings:Community", $"Data Source={Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "none.db")};Mode=ReadOnly"),
            new("Database:MigrateOnStartup", "false"),
        ];
    }
}
