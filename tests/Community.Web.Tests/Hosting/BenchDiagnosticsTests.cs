using System.Net;
using System.Net.Http.Json;
using Community.Web.Endpoints;
using Community.Web.Tests.Infrastructure;

namespace Community.Web.Tests.Hosting;

/// <summary>The benchmark's endpoints exist only when Bench:Diagnostics is on (never in production).</summary>
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
    public async Task WithTheSettingOnTheSqliteEndpointTellsWhatTheServerDidWithTheFilesLock()
    {
        var text = await factory.CreateClient().GetStringAsync(BenchDiagnostics.SqlitePath, TestContext.Current.CancellationToken);

        if (Community.Testing.TestProvider.IsPostgres)
            Assert.Equal("not SQLite", text);
        else
        {
            Assert.StartsWith("checkpointer: ", text, StringComparison.Ordinal);
            Assert.Contains("waits for another process's lock", text, StringComparison.Ordinal);
            Assert.Contains("holds of the write turn", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(BenchDiagnostics.MemoryPath)]
    [InlineData(BenchDiagnostics.SqlitePath)]
    public async Task WithoutTheSettingTheEndpointsDoNotExist(string path)
    {
        await using var plain = new CommunityWebFactory();

        var response = await plain.CreateBrowserlessClient().GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    public sealed class DiagnosticsOnFactory : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new(BenchDiagnostics.Setting, "true")];
    }
}
