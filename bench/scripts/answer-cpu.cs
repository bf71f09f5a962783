// CPU and SQL per answer through the product's AnswerQuestion, in-process, on a copy of a dataset (never the bench's
// own file: it adds answers). No HTTP, no readers, no floor: the posting scenario's product side alone.
//   cp bench/results/dataset-v2-seed42-q1000.db /tmp/answers.db
//   dotnet run -c Release bench/scripts/answer-cpu.cs -- /tmp/answers.db 2000 64
// Prints answers/s (wall), the process's CPU per answer (/proc via Process.TotalProcessorTime, deferred badge checks
// included), EF commands per answer and the time inside them, then each statement's count per answer.
#:project ../../src/Community.Domain/Community.Domain.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=enable
#:property PublishAot=false
using System.Diagnostics;
using Community.Domain;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;

var path = args[0]; var count = int.Parse(args[1]); var writers = int.Parse(args[2]);
var cs = new SqliteConnectionStringBuilder { DataSource = path }.ToString();
var services = new ServiceCollection();
services.AddLogging();
services.Configure<IdentityOptions>(identity => identity.Stores.SchemaVersion = IdentitySchema.Version);
services.AddSingleton(new WriteRateLimitOptions { PostsPerHour = 10_000_000, VotesPerMinute = 10_000_000, EditsPerHour = 10_000_000, CommentsPerMinute = 10_000_000 });
services.ConfigureDbContext<CommunityDbContext>((_, o) => o.AddInterceptors(Counter.Instance), ServiceLifetime.Singleton);
services.AddCommunityDomain(cs);
await using var sp = services.BuildServiceProvider();
var answer = sp.GetRequiredService<AnswerQuestion>();
var members = new List<string>(); var questions = new List<int>();
using (var c = new SqliteConnection(cs)) { c.Open();
  using (var cmd = c.CreateCommand()) { cmd.CommandText = $"SELECT Id FROM AspNetUsers ORDER BY Reputation DESC LIMIT {writers}"; using var r = cmd.ExecuteReader(); while (r.Read()) members.Add(r.GetString(0)); }
  using (var cmd = c.CreateCommand()) { cmd.CommandText = "SELECT Id FROM Posts WHERE Kind='Question' AND ClosedAt IS NULL AND DeletedAt IS NULL AND HiddenAt IS NULL AND LockedAt IS NULL LIMIT 500"; using var r = cmd.ExecuteReader(); while (r.Read()) questions.Add(r.GetInt32(0)); } }
var rng = new Random(7);
string[] words = "router wifi mesh node signal firmware update reset restart channel band ethernet cable dns vpn port bridge mode guest the a to and is it my of on in with".Split(' ');
string Body(int seed) { var r = new Random(seed); var sb = new System.Text.StringBuilder("Try this:\n\n");
  while (sb.Length < 800) { sb.Append(words[r.Next(words.Length)]).Append(r.Next(12) == 0 ? ".\n\n" : " "); if (r.Next(40)==0) sb.Append("`code` **bold** "); } return sb.ToString(); }
var failures = 0;
async Task Run(int n)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
    {
        while (true)
        {
            var i = Interlocked.Increment(ref next); if (i >= n) return;
            int q; lock (rng) q = questions[rng.Next(questions.Count)];
            var res = await answer.ExecuteAsync(new Actor(members[w % members.Count], false, "127.0.0.1"), new AnswerQuestionCommand(q, Body(i * 31 + n), Guid.NewGuid().ToString("N"), true));
            if (!res.Succeeded) Interlocked.Increment(ref failures);
        }
    })));
}
await Run(300);
var deferred = sp.GetService<Community.Domain.Badges.DeferredBadgeChecks>(); if (deferred is not null) await deferred.WhenIdleAsync();
Counter.Instance.Reset();
var p = Process.GetCurrentProcess(); p.Refresh(); var cpu0 = p.TotalProcessorTime; var clock = Stopwatch.StartNew();
await Run(count);
if (deferred is not null) await deferred.WhenIdleAsync();
p.Refresh(); var cpu = p.TotalProcessorTime - cpu0; var s = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{count} answers, {writers} writers: {count / s:F0}/s wall, CPU {cpu.TotalMilliseconds / count:F2} ms an answer, failures {failures}; EF commands {Counter.Instance.Count / (double)count:F1} an answer, {Counter.Instance.Ms / count:F2} ms in them");
// The group-commit writer's counters (internal): batches, units, time inside the units' turns and in COMMITs.
var gcType = typeof(CommunityDbContext).Assembly.GetType("Community.Domain.Persistence.SqliteGroupCommit")!;
var writer = gcType.GetMethod("For")!.Invoke(null, [new SqliteConnection(cs).DataSource]);
Console.WriteLine($"group commit since start (warm-up included): {gcType.GetProperty("Committed")!.GetValue(writer)} (batches, units); {gcType.GetProperty("Spent")!.GetValue(writer)} (in turns, committing)");
foreach (var (t, n) in Counter.Instance.Texts.OrderByDescending(x => x.Value)) Console.WriteLine($"{n / (double)count,5:F2} {t}");

sealed class Counter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    public static readonly Counter Instance = new();
    private long count; private long ticks;
    public long Count => Interlocked.Read(ref count);
    public double Ms => TimeSpan.FromTicks(Interlocked.Read(ref ticks)).TotalMilliseconds;
    public void Reset() { count = 0; ticks = 0; Texts.Clear(); }
    public readonly System.Collections.Concurrent.ConcurrentDictionary<string,int> Texts = new();
    private void Add(Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d) { Texts.AddOrUpdate(System.Text.RegularExpressions.Regex.Replace(d.Command.CommandText, @"\s+", " ")[..Math.Min(110, System.Text.RegularExpressions.Regex.Replace(d.Command.CommandText, @"\s+", " ").Length)], 1, (_, v) => v + 1); Interlocked.Increment(ref count); Interlocked.Add(ref ticks, d.Duration.Ticks); }
    public override System.Data.Common.DbDataReader ReaderExecuted(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, System.Data.Common.DbDataReader r) { Add(d); return r; }
    public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, System.Data.Common.DbDataReader r, CancellationToken t = default) { Add(d); return ValueTask.FromResult(r); }
    public override int NonQueryExecuted(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, int r) { Add(d); return r; }
    public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, int r, CancellationToken t = default) { Add(d); return ValueTask.FromResult(r); }
    public override object? ScalarExecuted(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, object? r) { Add(d); return r; }
    public override ValueTask<object?> ScalarExecutedAsync(System.Data.Common.DbCommand c, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData d, object? r, CancellationToken t = default) { Add(d); return ValueTask.FromResult(r); }
}
