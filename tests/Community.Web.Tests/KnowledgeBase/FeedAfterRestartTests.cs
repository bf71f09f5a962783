using System.Collections.Concurrent;
using Community.Domain.KnowledgeBase;
using Community.Web.Jobs;
using Community.Web.Tests.Infrastructure;
using Community.Web.Tests.Staff;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.KnowledgeBase;

/// <summary>
/// The outbox makes in-memory job storage safe: a host dies with its queued jobs (they were never run), a new host
/// starts on the same database with empty job storage, and the sweep finishes every pending entry, one article each.
/// </summary>
public sealed class FeedAfterRestartTests : IAsyncDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string folder = Path.Combine(Path.GetTempPath(), $"community-restart-{Guid.NewGuid():N}");

    private string DatabasePath => Path.Combine(folder, "community.db");

    /// <summary>One database for both hosts, on the engine of this run.</summary>
    private string? postgres;
    private string Database => Community.Testing.TestProvider.IsPostgres
        ? postgres ??= Community.Testing.TestPostgres.CreateMigratedDatabase()
        : $"Data Source={DatabasePath}";

    [Fact]
    public async Task ANewHostOnTheSameDatabaseCompletesEveryPendingEntryThroughTheSweep()
    {
        Directory.CreateDirectory(folder);
        var lost = new LostJobs();
        var questions = new List<int>();
        await using (var first = new SameDatabaseFactory(Database, services => services.AddSingleton<IKnowledgeBaseFeedQueue>(lost)))
        {
            for (var i = 0; i < 3; i++)
                questions.Add((await first.ResolvedThreadAsync($"Restart {i}")).QuestionId);
            Assert.Equal(questions.Order(), lost.Entries.Where(e => questions.Contains(e.QuestionId)).Select(e => e.QuestionId).Order());
            // The first host goes away here, with whatever its in-memory job storage held.
        }

        var recorded = new RecordingJobClient();
        await using var second = new SameDatabaseFactory(Database, services => services.AddSingleton<IBackgroundJobClient>(recorded));
        _ = second.Server;
        Assert.Equal(3, await second.QueryAsync(db => db.KnowledgeBaseOutbox.CountAsync(e => e.DoneAt == null, Ct)));

        using (var scope = second.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<KnowledgeBaseSweepJob>().RunAsync(Ct);

        var enqueued = recorded.Jobs.Where(j => j.Type == typeof(KnowledgeBaseFeedJob)).Select(j => (long)j.Args[0]).Order().ToList();
        Assert.Equal(lost.Entries.Where(e => questions.Contains(e.QuestionId)).Select(e => e.EntryId).Order(), enqueued);
        foreach (var entryId in enqueued)
            await second.Services.GetRequiredService<KnowledgeBaseFeedJob>().RunAsync(entryId, Ct);

        Assert.Equal(0, await second.QueryAsync(db => db.KnowledgeBaseOutbox.CountAsync(e => e.DoneAt == null, Ct)));
        var articles = await second.QueryAsync(db => db.KnowledgeBaseArticles.Where(a => questions.Contains(a.SourceQuestionId)).Select(a => a.SourceQuestionId).ToListAsync(Ct));
        Assert.Equal(questions.Order(), articles.Order());
        recorded.Jobs.Clear();
        using (var scope = second.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<KnowledgeBaseSweepJob>().RunAsync(Ct);
        Assert.DoesNotContain(recorded.Jobs, j => j.Type == typeof(KnowledgeBaseFeedJob));
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgres is not null)
            await Community.Testing.TestPostgres.DropDatabaseAsync(postgres);
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    /// <summary>The app on a given database, with the sweep's grace period off and one service swapped.</summary>
    private sealed class SameDatabaseFactory(string connectionString, Action<IServiceCollection> swap) : CommunityWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings =>
        [
            new("ConnectionStrings:Community", connectionString),
            new("KnowledgeBase:SweepGrace", "00:00:00"),
        ];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(swap);
        }
    }

    /// <summary>Jobs handed to a process that then died: recorded, never run.</summary>
    private sealed class LostJobs : IKnowledgeBaseFeedQueue
    {
        public ConcurrentBag<(long EntryId, int QuestionId)> Entries { get; } = [];

        public void Enqueue(long entryId, int questionId) => Entries.Add((entryId, questionId));
    }

    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        public ConcurrentQueue<Job> Jobs { get; } = new();

        public string Create(Job job, IState state)
        {
            Jobs.Enqueue(job);
            return Guid.NewGuid().ToString("N");
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;
    }
}
