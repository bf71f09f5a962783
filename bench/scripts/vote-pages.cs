// Log pages (WAL frames, 4 KiB) an up vote commits, on a copy of a dataset (never the bench's own file: it adds rows):
// the statements the vote writer runs for a new up vote (Voting/SqliteVoteWriter.cs, Reputation/SqliteLedgerRows.cs:
// the vote row, the score, the ledger row, the member's total), so the triggers on them fire; the reads are left out.
// Posts (questions and answers, live) and voters by a fixed rule, pairs drawn afresh each run. Optional 4th argument as
// in wal-pages.cs.
//   dotnet run -c Release bench/scripts/vote-pages.cs -- /tmp/pages.db 2000 8
#:project ../../src/Community.Domain/Community.Domain.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=enable
#:property PublishAot=false
using Microsoft.Data.Sqlite;

// Pages (WAL frames) per up vote: the vote writer's statements (Voting/SqliteVoteWriter.cs, Reputation/SqliteLedgerRows.cs).
var path = args[0]; var n = int.Parse(args[1]); var batch = int.Parse(args[2]);
// CAPPED=keep: votes past the daily cap (ledger rows of 0) with the total written anyway, as before session 13;
// CAPPED=skip: without it, as SqliteLedgerRows does now.
var capped = Environment.GetEnvironmentVariable("CAPPED");
var drop = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
using var c = new SqliteConnection($"Data Source={path}");
c.Open();
Exec("PRAGMA wal_autocheckpoint=0; PRAGMA synchronous=NORMAL;");
foreach (var d in drop) Exec(d.StartsWith("IX") ? $"DROP INDEX IF EXISTS \"{d}\"" : $"DROP TRIGGER IF EXISTS \"{d}\"");
var rnd = new Random((int)Scalar("SELECT max(Id) FROM Votes"));
var users = new List<string>();
using (var r = Cmd("SELECT Id FROM AspNetUsers ORDER BY Id LIMIT 5000").ExecuteReader()) while (r.Read()) users.Add(r.GetString(0));
var posts = new List<(long Id, string Author, bool Answer)>();
using (var r = Cmd("SELECT Id, AuthorId, Kind = 'Answer' FROM Posts WHERE Kind IN ('Question','Answer') AND DeletedAt IS NULL AND HiddenAt IS NULL AND Id % 37 = 5 ORDER BY Id LIMIT 20000").ExecuteReader())
    while (r.Read()) posts.Add((r.GetInt64(0), r.GetString(1), r.GetBoolean(2)));
const string sql = """
    INSERT INTO "Votes" ("PostId", "VoterId", "Value", "CreatedAt") VALUES (@post, @voter, 1, @now);
    UPDATE "Posts" SET "Score" = "Score" + 1 WHERE "Id" = @post RETURNING "Score";
    INSERT INTO "ReputationEntries" ("UserId", "Amount", "Reason", "SourceKey", "PostId", "ActorId", "CreatedAt")
    VALUES (@author, @amount, @reason, @source, @post, @voter, @now);
    """;
const string totalSql = """
    UPDATE "AspNetUsers" SET "ReputationPoints" = "ReputationPoints" + @amount, "Reputation" = max(1, 1 + "ReputationPoints" + @amount) WHERE "Id" = @author RETURNING "ReputationPoints";
    """;
var wal = new FileInfo(path + "-wal");
long Frames() { wal.Refresh(); return wal.Exists ? wal.Length / (4096 + 24) : 0; }
var start = Frames(); var per = new List<long>(); var t0 = DateTime.UtcNow;
var now = new DateTime(2026, 11, 25, 6, 0, 0);
var done = 0;
for (int i = 0; i < n; i += batch)
{
    using var tx = c.BeginTransaction();
    for (int j = 0; j < batch; j++)
    {
        var (post, author, answer) = posts[rnd.Next(posts.Count)];
        var voter = users[rnd.Next(users.Count)];
        if (voter == author) continue;
        using var cmd = Cmd(capped == "skip" ? sql : sql + totalSql); cmd.Transaction = tx;
        cmd.Parameters.AddWithValue("@post", post);
        cmd.Parameters.AddWithValue("@voter", voter);
        cmd.Parameters.AddWithValue("@author", author);
        cmd.Parameters.AddWithValue("@amount", capped is null ? (answer ? 10 : 5) : 0);
        cmd.Parameters.AddWithValue("@reason", answer ? "AnswerUpvoted" : "QuestionUpvoted");
        cmd.Parameters.AddWithValue("@source", $"vote:{post}:{voter}");
        now = now.AddMilliseconds(1);
        cmd.Parameters.AddWithValue("@now", now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"));
        try { using var rd = cmd.ExecuteReader(); while (rd.NextResult()) { } done++; }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) { } // a pair voted already
    }
    var f0 = Frames(); tx.Commit(); per.Add(Frames() - f0);
}
per.Sort();
var frames = Frames() - start;
Console.WriteLine($"batch {batch}: {done} votes, {frames} frames, {(double)frames / done:F1} pages/vote, median {per[per.Count / 2] / (double)batch:F1}, {(DateTime.UtcNow - t0).TotalMilliseconds / done:F2} ms/vote; dropped: {string.Join(",", drop)}");

SqliteCommand Cmd(string s) { var x = c.CreateCommand(); x.CommandText = s; return x; }
void Exec(string s) { using var x = Cmd(s); x.ExecuteNonQuery(); }
long Scalar(string s) { using var x = Cmd(s); return Convert.ToInt64(x.ExecuteScalar()); }
