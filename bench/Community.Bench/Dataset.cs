using System.Diagnostics;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Bench;

/// <summary>A dataset file: where it is, whether it was made now, and what the real migrations did to it.</summary>
public sealed record DatasetFile(string Path, bool Reused, TimeSpan? BuildTime, IReadOnlyList<string> MigrationsApplied, bool PendingModelChanges);

/// <summary>
/// Brings up the benchmark's SQLite file: the real migrations make the schema, then raw prepared inserts in one
/// transaction fill it (an EF <c>SaveChanges</c> of 400,000 posts would take minutes). Deterministic by seed.
/// </summary>
public static class Dataset
{
    public static string FileFor(BenchOptions options) =>
        Path.Combine(RepoPaths.Results, $"dataset-v2-seed{options.Seed}-q{options.Questions}.db");

    public static async Task<DatasetFile> EnsureAsync(BenchOptions options)
    {
        Directory.CreateDirectory(RepoPaths.Results);
        var path = FileFor(options);
        if (options.Fresh)
            DeleteDatabase(path);
        if (File.Exists(path))
        {
            Console.WriteLine($"Dataset: reusing {Relative(path)} (--fresh rebuilds it)");
            // Another engineer may have added a migration since it was made: apply it as a deployment would.
            var (applied, pendingChanges) = await MigrateAsync(path);
            if (applied.Count > 0)
                Console.WriteLine($"  applied pending migrations: {string.Join(", ", applied)}");
            return new DatasetFile(path, true, null, applied, pendingChanges);
        }

        // Built under another name and renamed when complete, so an interrupted build is never reused.
        var building = path + ".building";
        DeleteDatabase(building);
        Console.WriteLine($"Dataset: building {Relative(path)} (seed {options.Seed}, {options.Questions:N0} questions)");
        var clock = Stopwatch.StartNew();
        var (migrations, pendingModelChanges) = await MigrateAsync(building);
        Console.WriteLine($"  schema: {migrations.Count} migrations applied ({string.Join(", ", migrations)}) in {clock.Elapsed.TotalSeconds:F1} s");
        var model = new DatasetGenerator(options.Seed, options.Questions).Generate();
        Console.WriteLine($"  generated in memory: {model.Users.Length:N0} users, {model.Tags.Length} tags, {model.Questions.Length:N0} questions, "
            + $"{model.Answers.Length:N0} answers, {model.Votes.Length:N0} votes, {model.Comments.Length:N0} comments ({clock.Elapsed.TotalSeconds:F1} s)");
        DatasetWriter.Write(building, model, clock);
        SqliteConnection.ClearAllPools();
        // The badges the product's nightly sweep (badge-sweep job) would have awarded by now: a community with a million
        // votes holds its badges, so the write scenarios award only what their own writes earn, not every first badge.
        var sweep = Stopwatch.StartNew();
        var awarded = await new Community.Domain.Badges.BadgeAwarder(new BenchDatabase(building), TimeProvider.System).SweepAsync();
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"  badges: {awarded.Count:N0} awarded by the sweep in {sweep.Elapsed.TotalSeconds:F1} s");
        if (File.Exists(building + "-wal"))
            throw new InvalidOperationException($"{building}-wal is still there after closing every connection.");
        File.Move(building, path);
        clock.Stop();
        Console.WriteLine($"  done in {clock.Elapsed.TotalSeconds:F1} s: {new FileInfo(path).Length / 1024.0 / 1024.0:F0} MiB");
        return new DatasetFile(path, false, clock.Elapsed, migrations, pendingModelChanges);
    }

    private static async Task<(IReadOnlyList<string> Applied, bool PendingModelChanges)> MigrateAsync(string path)
    {
        var database = new BenchDatabase(path);
        List<string> pending;
        bool modelChanges;
        await using (var db = database.CreateDbContext())
        {
            pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            modelChanges = db.Database.HasPendingModelChanges();
        }
        if (modelChanges)
            Console.WriteLine("  WARNING: the model has changes that no migration has yet (someone is mid-change in src/); "
                + "measuring on the schema of the migrations there are.");
        await new DatabaseMigrator(database).MigrateAsync();
        SqliteConnection.ClearAllPools();
        return (pending, modelChanges);
    }

    private static void DeleteDatabase(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            File.Delete(file);
    }

    public static string Relative(string path) => Path.GetRelativePath(RepoPaths.Root, path);
}

/// <summary>
/// Writes a generated model with prepared, reused commands in one transaction. Bodies go through the real Markdown
/// pipeline (<see cref="Community.Domain.Markdown.MarkdownRenderer.ForTrustedBulk"/>: the same pipeline, sanitizer and
/// limits, only a longer time budget), rendered in parallel a batch ahead of the inserts. The search index's triggers
/// are dropped for the load and the index is made once at the end by the Search migration's own statements.
/// </summary>
internal static class DatasetWriter
{
    /// <summary>The password of every generated member (the signed-in scenarios sign in with it).</summary>
    public const string Password = "Bench-Community-2026";

    private const int Batch = 4_096;

    public static void Write(string path, DatasetModel model, Stopwatch clock)
    {
        // Foreign keys off for the load only: rows go in an order that satisfies them, checked at the end.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, ForeignKeys = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // The file is discarded if the load fails, so no journal and no fsync while filling it.
        Execute(connection, "PRAGMA journal_mode=OFF;");
        Execute(connection, "PRAGMA synchronous=OFF;");
        Execute(connection, "PRAGMA cache_size=-1048576;"); // 1 GiB: the random-order indexes (AuthorId, VoterId, UserId) stay in memory
        Execute(connection, "PRAGMA temp_store=MEMORY;");
        foreach (var statement in Community.Domain.Search.SearchSchema.Drop())
            Execute(connection, statement);
        var renderer = new Community.Domain.Markdown.MarkdownRenderer().ForTrustedBulk();

        using (var transaction = connection.BeginTransaction())
        {
            WriteUsers(connection, transaction, model, clock);
            WriteTags(connection, transaction, model);
            WritePosts(connection, transaction, model, renderer, clock);
            WriteQuestionTags(connection, transaction, model, clock);
            WriteVotes(connection, transaction, model, clock);
            WriteComments(connection, transaction, model, renderer, clock);
            transaction.Commit();
        }
        Console.WriteLine($"  committed ({clock.Elapsed.TotalSeconds:F1} s)");

        using (var transaction = connection.BeginTransaction())
        {
            foreach (var statement in Community.Domain.Search.SearchSchema.Create())
                Execute(connection, statement, transaction);
            transaction.Commit();
        }
        Console.WriteLine($"  search index: {connection.Scalar("SELECT count(*) FROM SearchDocuments"):N0} documents ({clock.Elapsed.TotalSeconds:F1} s)");
        // One bulk insert leaves each full-text index in several segments (11 for the full one); a server's nightly job
        // (SearchIndexMerge) merges them into one, and the dataset stands for a server that has run it.
        foreach (var table in connection.Strings("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"))
            Execute(connection, $"INSERT INTO \"{table}\"(\"{table}\") VALUES('optimize');");
        Console.WriteLine($"  search index merged ({clock.Elapsed.TotalSeconds:F1} s)");

        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA foreign_key_check;";
            using var reader = check.ExecuteReader();
            if (reader.Read())
                throw new InvalidOperationException($"Generated data breaks a foreign key: table {reader.GetString(0)}, rowid {reader.GetValue(1)}, parent {reader.GetString(2)}.");
        }
        Console.WriteLine($"  foreign keys checked ({clock.Elapsed.TotalSeconds:F1} s)");
        Execute(connection, "ANALYZE;");
        // Back to the journal mode DatabaseMigrator gives every database (it is stored in the file).
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    private static void WriteUsers(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model, Stopwatch clock)
    {
        // One hash for every member, as the demo does: hashing is deliberately slow.
        var hash = new Microsoft.AspNetCore.Identity.PasswordHasher<Community.Domain.Accounts.CommunityUser>()
            .HashPassword(new Community.Domain.Accounts.CommunityUser(), Password);
        using var insert = new PreparedInsert(connection, transaction, "AspNetUsers",
            "Id", "DisplayName", "NormalizedDisplayName", "Reputation", "ReputationPoints", "CreatedAt", "AboutMe", "UserName", "NormalizedUserName",
            "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber",
            "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount");
        var progress = new LoadProgress("users", model.Users.Length, clock);
        foreach (var user in model.Users)
        {
            var email = $"{user.Handle}@bench.example";
            insert.Set(0, user.Id);
            insert.Set(1, user.DisplayName);
            insert.Set(2, user.DisplayName.ToUpperInvariant());
            insert.Set(3, Community.Domain.Reputation.ReputationRules.Total(user.Points));
            insert.Set(4, user.Points);
            insert.Set(5, new DateTime(user.CreatedAt, DateTimeKind.Utc));
            insert.Set(6, null);
            insert.Set(7, email);
            insert.Set(8, email.ToUpperInvariant());
            insert.Set(9, email);
            insert.Set(10, email.ToUpperInvariant());
            insert.Set(11, true);
            insert.Set(12, hash);
            insert.Set(13, user.SecurityStamp);
            insert.Set(14, user.ConcurrencyStamp);
            insert.Set(15, null);
            insert.Set(16, false);
            insert.Set(17, false);
            insert.Set(18, null);
            insert.Set(19, true);
            insert.Set(20, 0);
            insert.Run();
            progress.Step();
        }
        progress.Done();
    }

    private static void WriteTags(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model)
    {
        using var insert = new PreparedInsert(connection, transaction, "Tags", "Id", "Name", "Description");
        for (var i = 0; i < model.Tags.Length; i++)
        {
            insert.Set(0, i + 1);
            insert.Set(1, model.Tags[i]);
            insert.Set(2, $"Questions about {model.Tags[i].Replace('-', ' ')}.");
            insert.Run();
        }
        Console.WriteLine($"  tags           {model.Tags.Length,9:N0}");
    }

    /// <summary>Renders batch k+1 on the other cores while batch k is inserted.</summary>
    private static void Rendered<T>(IReadOnlyList<T> items, Func<T, (string Markdown, string Html)> render, Action<int, T, string, string> write)
    {
        (string, string)[] RenderBatch(int from)
        {
            var count = Math.Min(Batch, items.Count - from);
            var result = new (string, string)[count];
            Parallel.For(0, count, i => result[i] = render(items[from + i]));
            return result;
        }
        var next = items.Count == 0 ? null : Task.Run(() => RenderBatch(0));
        for (var from = 0; from < items.Count; from += Batch)
        {
            var batch = next!.GetAwaiter().GetResult();
            next = from + Batch < items.Count ? Task.Run(() => RenderBatch(from + Batch)) : null;
            for (var i = 0; i < batch.Length; i++)
                write(from + i, items[from + i], batch[i].Item1, batch[i].Item2);
        }
    }

    private static string Html(Community.Domain.Markdown.MarkdownRenderResult result, string markdown) =>
        result.Succeeded ? result.Html : throw new InvalidOperationException($"The Markdown pipeline refused a generated body ({result.Error}): {markdown[..Math.Min(200, markdown.Length)]}");

    private static void WritePosts(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model,
        Community.Domain.Markdown.MarkdownRenderer renderer, Stopwatch clock)
    {
        using var insert = new PreparedInsert(connection, transaction, "Posts",
            "Id", "Kind", "AuthorId", "Title", "Body", "BodyHtml", "RenderVersion", "Score", "CreatedAt", "EditedAt", "DeletedAt",
            "DeletedById", "QuestionId", "AnswerCount", "AcceptedAnswerId", "ViewCount", "LastActivityAt", "ClosedAt", "ClosedById",
            "CloseReason", "DuplicateOfId", "Version", "ClientToken");
        var progress = new LoadProgress("posts", model.PostOrder.Length, clock);
        var text = model.Text;
        Rendered(model.PostOrder, reference =>
        {
            var markdown = reference >= 0
                ? text.Body(model.Questions[reference].BodySeed, model.Questions[reference].BodyLength)
                : text.Body(model.Answers[~reference].BodySeed, model.Answers[~reference].BodyLength);
            return (markdown, Html(renderer.Render(markdown), markdown));
        }, (_, reference, body, html) =>
        {
            if (reference >= 0)
            {
                ref readonly var q = ref model.Questions[reference];
                var author = model.Users[q.Author].Id;
                insert.Set(0, q.Id);
                insert.Set(1, "Question");
                insert.Set(2, author);
                insert.Set(3, q.Title);
                insert.Set(4, body);
                insert.Set(5, html);
                insert.Set(6, Community.Domain.Markdown.MarkdownRenderer.CurrentVersion);
                insert.Set(7, q.Score);
                insert.Set(8, Utc(q.CreatedAt));
                insert.Set(9, UtcOrNull(q.EditedAt));
                insert.Set(10, UtcOrNull(q.DeletedAt));
                insert.Set(11, q.DeletedAt == 0 ? null : author);
                insert.Set(12, null);
                insert.Set(13, q.AnswerCount);
                insert.Set(14, q.AcceptedAnswer < 0 ? null : model.Answers[q.AcceptedAnswer].Id);
                insert.Set(15, q.ViewCount);
                insert.Set(16, Utc(q.LastActivityAt));
                insert.Set(17, UtcOrNull(q.ClosedAt));
                insert.Set(18, q.ClosedAt == 0 ? null : model.Users[q.ClosedBy].Id);
                insert.Set(19, q.CloseReason);
                insert.Set(20, q.DuplicateOf < 0 ? null : model.Questions[q.DuplicateOf].Id);
                insert.Set(21, q.EditedAt == 0 ? 1 : 2);
                insert.Set(22, null);
            }
            else
            {
                ref readonly var a = ref model.Answers[~reference];
                var author = model.Users[a.Author].Id;
                insert.Set(0, a.Id);
                insert.Set(1, "Answer");
                insert.Set(2, author);
                insert.Set(3, null);
                insert.Set(4, body);
                insert.Set(5, html);
                insert.Set(6, Community.Domain.Markdown.MarkdownRenderer.CurrentVersion);
                insert.Set(7, a.Score);
                insert.Set(8, Utc(a.CreatedAt));
                insert.Set(9, UtcOrNull(a.EditedAt));
                insert.Set(10, UtcOrNull(a.DeletedAt));
                insert.Set(11, a.DeletedAt == 0 ? null : author);
                insert.Set(12, model.Questions[a.Question].Id);
                for (var column = 13; column <= 20; column++)
                    insert.Set(column, null);
                insert.Set(21, a.EditedAt == 0 ? 1 : 2);
                insert.Set(22, null);
            }
            insert.Run();
            progress.Step();
        });
        progress.Done();
    }

    private static void WriteQuestionTags(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model, Stopwatch clock)
    {
        using var insert = new PreparedInsert(connection, transaction, "QuestionTags", "QuestionsId", "TagsId");
        var progress = new LoadProgress("question tags", model.Questions.Sum(q => q.Tags.Length), clock);
        Span<int> sorted = stackalloc int[8];
        foreach (var q in model.Questions)
        {
            var tags = sorted[..q.Tags.Length];
            q.Tags.CopyTo(tags);
            tags.Sort();
            foreach (var tag in tags)
            {
                insert.Set(0, q.Id);
                insert.Set(1, tag + 1);
                insert.Run();
                progress.Step();
            }
        }
        progress.Done();
    }

    /// <summary>The votes and the ledger rows CastVote and AcceptAnswer would have appended for them.</summary>
    private static void WriteVotes(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model, Stopwatch clock)
    {
        using var vote = new PreparedInsert(connection, transaction, "Votes", "PostId", "VoterId", "Value", "CreatedAt");
        using var entry = new PreparedInsert(connection, transaction, "ReputationEntries",
            "UserId", "Amount", "Reason", "SourceKey", "PostId", "ActorId", "CreatedAt");
        var progress = new LoadProgress("votes", model.Votes.Length, clock);
        foreach (var v in model.Votes)
        {
            var (postId, author) = v.Post >= 0 ? (model.Questions[v.Post].Id, model.Questions[v.Post].Author) : (model.Answers[~v.Post].Id, model.Answers[~v.Post].Author);
            var voter = model.Users[v.Voter].Id;
            var at = Utc(v.CreatedAt);
            vote.Set(0, postId);
            vote.Set(1, voter);
            vote.Set(2, v.Value);
            vote.Set(3, at);
            vote.Run();
            foreach (var (user, amount, reason) in DatasetGenerator.LedgerFor(v, author))
            {
                entry.Set(0, model.Users[user].Id);
                entry.Set(1, amount);
                entry.Set(2, reason);
                entry.Set(3, Community.Domain.Reputation.ReputationRules.VoteSource(postId, voter));
                entry.Set(4, postId);
                entry.Set(5, voter);
                entry.Set(6, at);
                entry.Run();
            }
            progress.Step();
        }
        foreach (var q in model.Questions)
        {
            if (q.AcceptedAnswer < 0)
                continue;
            var answer = model.Answers[q.AcceptedAnswer];
            foreach (var (user, amount, reason) in DatasetGenerator.LedgerForAcceptance(q, answer))
            {
                entry.Set(0, model.Users[user].Id);
                entry.Set(1, amount);
                entry.Set(2, reason);
                entry.Set(3, Community.Domain.Reputation.ReputationRules.AcceptanceSource(q.Id));
                entry.Set(4, answer.Id);
                entry.Set(5, model.Users[q.Author].Id);
                entry.Set(6, Utc(Math.Max(answer.CreatedAt, q.CreatedAt)));
                entry.Run();
            }
        }
        progress.Done();
    }

    private static void WriteComments(SqliteConnection connection, SqliteTransaction transaction, DatasetModel model,
        Community.Domain.Markdown.MarkdownRenderer renderer, Stopwatch clock)
    {
        using var insert = new PreparedInsert(connection, transaction, "Comments",
            "Id", "PostId", "AuthorId", "Body", "BodyHtml", "RenderVersion", "CreatedAt", "DeletedAt", "ClientToken");
        var progress = new LoadProgress("comments", model.Comments.Length, clock);
        Rendered(model.Comments, c =>
        {
            var markdown = model.Text.Comment(c.BodySeed, c.BodyLength);
            if (markdown.Length > 600)
                markdown = markdown[..600].TrimEnd();
            return (markdown, Html(renderer.RenderComment(markdown), markdown));
        }, (i, c, body, html) =>
        {
            insert.Set(0, i + 1);
            insert.Set(1, c.PostId);
            insert.Set(2, model.Users[c.Author].Id);
            insert.Set(3, body);
            insert.Set(4, html);
            insert.Set(5, Community.Domain.Markdown.MarkdownRenderer.CurrentVersion);
            insert.Set(6, Utc(c.CreatedAt));
            insert.Set(7, null);
            insert.Set(8, null);
            insert.Run();
            progress.Step();
        });
        progress.Done();
    }

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);
    private static object? UtcOrNull(long ticks) => ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

/// <summary>One prepared INSERT whose parameters are set and reused for every row.</summary>
internal sealed class PreparedInsert : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    public PreparedInsert(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))});";
        parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value))).ToArray();
        command.Prepare();
    }

    public void Set(int index, object? value) => parameters[index].Value = value ?? DBNull.Value;

    public void Run() => command.ExecuteNonQuery();

    public void Dispose() => command.Dispose();
}

/// <summary>Prints a table's load in tenths.</summary>
internal sealed class LoadProgress(string what, int total, Stopwatch clock)
{
    private int done;
    // Small tables report only when done.
    private int nextReport = total < 20_000 ? int.MaxValue : total / 10;

    public void Step()
    {
        if (++done < nextReport || done == total)
            return;
        Console.WriteLine($"  {what,-14} {done,9:N0} / {total:N0}  ({100.0 * done / total,3:F0}%)  {clock.Elapsed.TotalSeconds,6:F1} s");
        nextReport += Math.Max(1, total / 10);
    }

    public void Done() => Console.WriteLine($"  {what,-14} {done,9:N0} / {total:N0}  (100%)  {clock.Elapsed.TotalSeconds,6:F1} s");
}

internal static class DatasetQueries
{
    /// <summary>Opens a plain ADO.NET connection on the dataset for the harness's own queries (not measured).</summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static long Scalar(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<string> Strings(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
