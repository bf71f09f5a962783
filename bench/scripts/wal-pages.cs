// Log pages (WAL frames, 4 KiB) an answer commits, on a copy of a dataset (never the bench's own file: it adds rows):
// the answer's three statements (the SQL of PostTokens.AnswerSql, so the triggers fire), with NOTICES=1 also the rows
// Notifier.RecordAnswerAsync writes for the asker (follow, notice, e-mail entry). Automatic checkpoints off: the -wal
// file's growth is the count. Questions and members are picked by a fixed rule (repeatable); FTS5 segment merges
// make single commits vary, so the median is printed beside the mean. Optional 4th argument: triggers or indexes
// (comma-separated) to DROP first, to attribute pages.
//   cp bench/results/dataset-v2-seed42-q100000.db /tmp/pages.db; rm -f /tmp/pages.db-wal /tmp/pages.db-shm
//   NOTICES=1 dotnet run -c Release bench/scripts/wal-pages.cs -- /tmp/pages.db 1000 1
#:project ../../src/Community.Domain/Community.Domain.csproj
#:property TreatWarningsAsErrors=false
#:property Nullable=enable
#:property PublishAot=false
using Microsoft.Data.Sqlite;

var path = args[0]; var n = int.Parse(args[1]); var batch = int.Parse(args[2]);
var notices = Environment.GetEnvironmentVariable("NOTICES") == "1";
var drop = args.Length > 3 ? args[3].Split(',', StringSplitOptions.RemoveEmptyEntries) : [];
using var c = new SqliteConnection($"Data Source={path}");
c.Open();
Exec("PRAGMA wal_autocheckpoint=0; PRAGMA synchronous=NORMAL;");
foreach (var d in drop) Exec(d.StartsWith("IX") ? $"DROP INDEX IF EXISTS \"{d}\"" : $"DROP TRIGGER IF EXISTS \"{d}\"");
var rnd = new Random(7);
var maxQ = Scalar("SELECT max(Id) FROM Posts WHERE Kind='Question'");
var users = new List<string>();
using (var r = Cmd("SELECT Id FROM AspNetUsers ORDER BY Id LIMIT 2000").ExecuteReader()) while (r.Read()) users.Add(r.GetString(0));
var bodies = new List<(string, string)>();
using (var r = Cmd("SELECT Body, BodyHtml FROM Posts WHERE Kind='Answer' AND Id % 997 = 1 LIMIT 500").ExecuteReader()) while (r.Read()) bodies.Add((r.GetString(0), r.GetString(1)));
var questions = new List<long>();
using (var r = Cmd("SELECT Id FROM Posts WHERE Kind='Question' AND DeletedAt IS NULL AND Id % 19 = 3 ORDER BY Id LIMIT 5000").ExecuteReader()) while (r.Read()) questions.Add(r.GetInt64(0));
const string sql = """
    INSERT INTO "Posts" ("Kind", "AuthorId", "Body", "BodyHtml", "RenderVersion", "Score", "CreatedAt", "QuestionId", "Version", "ClientToken")
    VALUES ('Answer', @author, @body, @html, 1, 0, @now, @question, 1, @token);
    INSERT INTO "PostRevisions" ("PostId", "Number", "EditorId", "CreatedAt", "Body") VALUES (last_insert_rowid(), 1, @author, @now, @body);
    UPDATE "Posts" SET "AnswerCount" = "AnswerCount" + 1, "LastActivityAt" = @now WHERE "Id" = @question AND "Kind" = 'Question';
    """;
const string noticeSql = """
    INSERT INTO "Follows" ("UserId", "QuestionId", "CreatedAt") VALUES (@author, @question, @now) ON CONFLICT DO NOTHING;
    INSERT INTO "Notices" ("UserId", "Text", "Link", "Kind", "CreatedAt", "QuestionId", "ActorId")
    SELECT q."AuthorId", 'Someone answered your question “A question title of some length here”', 'questions/123/a-question-title#answer-456', 'AnswerOnYourQuestion', @now, @question, @author FROM "Posts" q WHERE q."Id" = @question;
    INSERT INTO "EmailOutbox" ("UserId", "NoticeId", "Kind", "IsDigest", "CreatedAt", "Attempts")
    SELECT "UserId", "Id", "Kind", 0, @now, 0 FROM "Notices" WHERE "Id" = last_insert_rowid();
    """;
var wal = new FileInfo(path + "-wal");
long Frames() { wal.Refresh(); return wal.Exists ? wal.Length / (4096 + 24) : 0; }
var start = Frames(); var per = new List<long>(); var t0 = DateTime.UtcNow;
var now = new DateTime(2026, 11, 25, 5, 0, 0);
for (int i = 0; i < n; i += batch)
{
    using var tx = c.BeginTransaction();
    for (int j = 0; j < batch; j++)
    {
        using var cmd = Cmd(notices ? sql + noticeSql : sql); cmd.Transaction = tx;
        var (b, h) = bodies[rnd.Next(bodies.Count)];
        var author = users[rnd.Next(users.Count)];
        cmd.Parameters.AddWithValue("@author", author);
        cmd.Parameters.AddWithValue("@body", b); cmd.Parameters.AddWithValue("@html", h);
        now = now.AddMilliseconds(3);
        cmd.Parameters.AddWithValue("@now", now.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF"));
        cmd.Parameters.AddWithValue("@question", questions[rnd.Next(questions.Count)]);
        cmd.Parameters.AddWithValue("@token", Guid.NewGuid().ToString());
        cmd.ExecuteNonQuery();
    }
    var f0 = Frames(); tx.Commit(); per.Add(Frames() - f0);
}
per.Sort();
var frames = Frames() - start;
Console.WriteLine($"batch {batch}: {n} answers, {frames} frames, {(double)frames / n:F1} pages/answer, median {per[per.Count / 2] / (double)batch:F1}, {(DateTime.UtcNow - t0).TotalMilliseconds / n:F2} ms/answer; dropped: {string.Join(",", drop)}");

SqliteCommand Cmd(string s) { var x = c.CreateCommand(); x.CommandText = s; return x; }
void Exec(string s) { using var x = Cmd(s); x.ExecuteNonQuery(); }
long Scalar(string s) { using var x = Cmd(s); return Convert.ToInt64(x.ExecuteScalar()); }
