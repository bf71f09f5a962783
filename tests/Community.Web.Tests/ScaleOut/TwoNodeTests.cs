using System.Diagnostics;
using Community.Domain.KnowledgeBase;
using Community.Domain.Persistence;
using Community.Web.Jobs;
using Community.Web.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.ScaleOut;

/// <summary>Two nodes on one PostgreSQL and one Redis: live updates, sign-ins and background jobs span the nodes.</summary>
public sealed class TwoNodeTests(PostgresNodes nodes) : IClassFixture<PostgresNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAnswerPostedOnOneNodeShowsOnTheQuestionPageOpenOnTheOther()
    {
        nodes.Require();
        await NodeChecks.AnswerShowsLiveOnTheOtherNodeAsync(nodes.A, nodes.B);
    }

    [Fact]
    public async Task SigningInOnOneNodeIsValidOnTheOther()
    {
        nodes.Require();
        await NodeChecks.SignInIsValidOnTheOtherNodeAsync(nodes.A, nodes.B);
    }

    [Fact]
    public async Task KnowledgeBaseJobsEnqueuedOnOneNodeRunOnceEachAcrossBoth()
    {
        nodes.Require();
        // Outbox entries for resolved demo threads, written without the interceptor that would enqueue them itself.
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, DatabaseProvider.Postgres, nodes.Database);
        List<KnowledgeBaseOutboxEntry> entries;
        await using (var db = new CommunityDbContext(options.Options))
        {
            var resolved = await db.Questions.Where(q => q.AcceptedAnswerId != null).OrderBy(q => q.Id).Select(q => q.Id).Take(6).ToListAsync(Ct);
            entries = [.. resolved.Select(id => new KnowledgeBaseOutboxEntry { QuestionId = id, Kind = ResolutionKind.Accepted, CreatedAt = DateTime.UtcNow })];
            db.KnowledgeBaseOutbox.AddRange(entries);
            await db.SaveChangesAsync(Ct);
        }
        Assert.NotEmpty(entries);

        // Every node's workers wait on the one queue: whichever fetches a job runs it, and only that one.
        var jobs = nodes.A.Services.GetRequiredService<IBackgroundJobClient>();
        var ids = entries.Select(entry => jobs.Enqueue<KnowledgeBaseFeedJob>(job => job.RunAsync(entry.Id, CancellationToken.None))).ToList();
        var storage = nodes.A.Services.GetRequiredService<JobStorage>();
        foreach (var id in ids)
            await WaitForStateAsync(storage, id, SucceededState.StateName);

        var monitoring = storage.GetMonitoringApi();
        foreach (var id in ids)
            Assert.Single(monitoring.JobDetails(id).History, state => state.StateName == ProcessingState.StateName);
        await using (var db = new CommunityDbContext(options.Options))
        {
            var questionIds = entries.Select(entry => entry.QuestionId).ToList();
            var done = await db.KnowledgeBaseOutbox.Where(e => entries.Select(entry => entry.Id).Contains(e.Id)).ToListAsync(Ct);
            Assert.All(done, entry => Assert.True(entry.IsDone && entry.Attempts == 1, $"Entry {entry.Id}: done {entry.IsDone}, attempts {entry.Attempts}"));
            Assert.Equal(questionIds.Count, await db.KnowledgeBaseArticles.CountAsync(a => questionIds.Contains(a.SourceQuestionId), Ct));
        }
    }

    [Fact]
    public async Task AJobOfANodeKilledWhileRunningItIsCompletedByAnotherNode()
    {
        nodes.Require();
        var database = await nodes.Postgres.CreateDatabaseAsync("killed");
        // The victim: a real process that migrates the database and runs a job server, and is then killed.
        using var victim = StartNodeProcess(database);
        JobStorage storage = null!;
        try
        {
            storage = PostgresJobStorage.Create(database, PostgresNodes.Node.InvisibilityTimeout);
            await WaitUntilAsync(() => storage.GetMonitoringApi().Servers().Any(server => RanIn(server.Name, victim.Id)), "the victim's job server started");

            // Long enough to be caught running, short enough for the survivor to finish it.
            var jobId = new BackgroundJobClient(storage).Enqueue(() => Task.Delay(3_000));
            await WaitForStateAsync(storage, jobId, ProcessingState.StateName);
            Assert.True(RanIn(Processing(storage, jobId).Last(), victim.Id), "The victim did not take the job.");
            victim.Kill(entireProcessTree: true);
            await victim.WaitForExitAsync(Ct);

            // A node killed at the wrong moment also leaves a recurring job's lock held until it expires: the survivor
            // must start anyway (held here so that it always is).
            await using var survivor = new PostgresNodes.Node(database, redis: null);
            using (var connection = storage.GetConnection())
            using (connection.AcquireDistributedLock($"lock:recurring-job:{RecurringJobs.ResponseClock}", TimeSpan.FromSeconds(10)))
                _ = survivor.Services;
            await WaitForStateAsync(storage, jobId, SucceededState.StateName);

            var processedBy = Processing(storage, jobId);
            Assert.Equal(2, processedBy.Count);
            Assert.True(RanIn(processedBy[0], victim.Id) && RanIn(processedBy[1], Environment.ProcessId),
                "Processed by: " + string.Join(", ", processedBy));
        }
        finally
        {
            if (!victim.HasExited)
                victim.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Hangfire names a server host:pid:guid (the host name lower-cased).</summary>
    private static bool RanIn(string serverId, int processId) => serverId.Contains($":{processId}:", StringComparison.Ordinal);

    private static List<string> Processing(JobStorage storage, string jobId) =>
    [
        .. storage.GetMonitoringApi().JobDetails(jobId).History
            .Where(state => state.StateName == ProcessingState.StateName)
            .OrderBy(state => state.CreatedAt)
            .Select(state => state.Data.TryGetValue("ServerId", out var server) ? server : ""),
    ];

    private static Task WaitForStateAsync(JobStorage storage, string jobId, string state) =>
        WaitUntilAsync(() => storage.GetMonitoringApi().JobDetails(jobId)?.History.Any(s => s.StateName == state) == true, $"job {jobId} {state}");

    /// <summary>Polls a condition that another process or thread makes true (the only way to see a job server's progress).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(90))
                Assert.Fail($"Timed out waiting until {what}.");
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The app as it is deployed (<c>dotnet Community.Web.dll</c>), on PostgreSQL, with the tests' short invisibility timeout.</summary>
    private static Process StartNodeProcess(string database)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Community.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app, "--contentRoot", ContentRootOfTheRepository(), "--urls", "http://127.0.0.1:0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["ConnectionStrings__Community"] = database;
        start.Environment["Jobs__InvisibilityTimeout"] = PostgresNodes.Node.InvisibilityTimeout.ToString();
        start.Environment["Email__PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"community-victim-{Guid.NewGuid():N}");
        var process = Process.Start(start)!;
        // Drain its output so that it never blocks on a full pipe.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        return process;
    }

    private static string ContentRootOfTheRepository() =>
        Community.Web.Hosting.ContentRoot.FindRepositoryRoot(AppContext.BaseDirectory)!;
}
