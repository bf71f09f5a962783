using System.Net;
using System.Net.Http.Json;
using Community.Web.Endpoints;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Hosting;

/// <summary>The benchmark's memory endpoint exists only when Bench:Diagnostics is on (never in production).</summary>
public sealed class BenchDiagnosticsTests(BenchDiagnosticsTests.DiagnosticsOnFactory factory) : IClassFixture<BenchDiagnosticsTests.DiagnosticsOnFactory>
{
    [Fact]
    public async Task WithTheSettingOnTheMemoryEndpointReportsTheHeapAfterAFullCollectionAndTheOpenCircuits()
    {
        var memory = await factory.CreateClient().GetFromJsonAsync<BenchMemory>(BenchDiagnostics.MemoryPath, TestContext.Current.CancellationToken);

        Assert.NotNull(memory);
        Assert.True(memory.LiveBytes > 0 && memory.HeapBytes >= memory.LiveBytes / 2, $"live {memory.LiveBytes}, heap {memory.HeapBytes}");
        Assert.Equal(0, memory.Circuits);
    }

    [Fact]
    public async Task WithoutTheSettingTheMemoryEndpointDoesNotExist()
    {
        await using var plain = new CommunityWebFactory();

        var response = await plain.CreateBrowserlessClient().GetAsync(BenchDiagnostics.MemoryPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public sealed class DiagnosticsOnFactory : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new(BenchDiagnostics.Setting, "true")];
    }
}
