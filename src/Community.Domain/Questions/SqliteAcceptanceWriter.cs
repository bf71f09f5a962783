using System.Collections.Concurrent;
using System.Globalization;
using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Reputation;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Questions;

/// <summary>
/// Acceptances as data on SQLite, as votes are (docs/decisions/0011, <c>Voting/SqliteVoteWriter</c>): <see cref="AcceptAnswer"/>
/// reads the facts and checks the rules outside the write turn, then hands the acceptance to this writer, one per
/// database file. The writer takes every acceptance waiting (at most <see cref="MaxBatch"/>), holds the process's write
/// turn (<see cref="SqliteWriterQueue"/>) for one BEGIN IMMEDIATE … COMMIT, and applies them one after another with
/// statements prepared once per run on its own connection, each inside a savepoint of its own: the question's state
/// read inside the batch (an acceptance of the answer already accepted writes nothing, so a double click in one batch
/// makes one acceptance; an edit since the facts were read sends the acceptance back to read them again), the previous
/// acceptance's ledger rows reversed, the question's UPDATE with its edit-version check, the knowledge-base outbox row,
/// the ledger rows with their members' totals (and privilege notices), the answerer's notice and its e-mail row. Each
/// acceptance reads what the ones before it in the batch left. No caller goes on before the batch's COMMIT; if the
/// COMMIT fails, each acceptance is applied again in a batch of its own. The run machinery (linger, retry alone) is
/// <see cref="SqliteBatchWriter{TWrite, TResult, TStatements}"/>, shared with the vote writer.
/// </summary>
internal sealed class SqliteAcceptanceWriter : SqliteBatchWriter<PendingAcceptance, AcceptanceApplied, SqliteAcceptanceWriter.Statements>
{
    public const int MaxBatch = 64;

    private static readonly ConcurrentDictionary<string, SqliteAcceptanceWriter> Files = new(StringComparer.Ordinal);

    private long batches;
    private long committed;

    private SqliteAcceptanceWriter(string dataSource) : base(dataSource, MaxBatch)
    {
    }

    public static SqliteAcceptanceWriter For(string dataSource) => Files.GetOrAdd(dataSource, file => new SqliteAcceptanceWriter(file));

    /// <summary>Batches committed and the acceptances applied in them, since the process started: what the tests observe.</summary>
    public (long Batches, long Acceptances) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref committed));

    protected override Statements Prepare(string connectionString) => new(connectionString);

    /// <summary>One transaction for the batch, in the caller's write turn; on failure to commit, why (and no acceptance completed).</summary>
    protected override Exception? Batch(Statements s, List<PendingAcceptance> batch)
    {
        var outcomes = new (AcceptanceApplied Applied, Exception? Error)[batch.Count];
        try
        {
            s.Begin.ExecuteNonQuery();
            try
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    s.Save.ExecuteNonQuery();
                    try
                    {
                        outcomes[i] = (Apply(s, batch[i]), null);
                        if (outcomes[i].Applied.Outcome == AcceptanceOutcome.Accepted)
                            s.Release.ExecuteNonQuery();
                        else
                        {
                            s.RollbackTo.ExecuteNonQuery();
                            s.Release.ExecuteNonQuery();
                        }
                    }
                    catch (Exception e)
                    {
                        outcomes[i] = (default, e);
                        s.RollbackTo.ExecuteNonQuery();
                        s.Release.ExecuteNonQuery();
                    }
                }
                s.Commit.ExecuteNonQuery();
            }
            catch
            {
                Quietly(() => s.Rollback.ExecuteNonQuery());
                throw;
            }
        }
        catch (Exception e)
        {
            return e;
        }
        Interlocked.Increment(ref batches);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
                batch[i].Done.TrySetException(error);
            else
            {
                if (outcomes[i].Applied.Outcome == AcceptanceOutcome.Accepted)
                    Interlocked.Increment(ref committed);
                batch[i].Done.TrySetResult(outcomes[i].Applied);
            }
        }
        return null;
    }

    private static void Quietly(Action action)
    {
        try { action(); }
        catch (SqliteException) { }
        catch (InvalidOperationException) { }
    }

    /// <summary>
    /// One acceptance, inside the batch: the same rows, in the same order, as <see cref="AcceptAnswer"/>'s turn on
    /// PostgreSQL (the ledger's reversal of a previous acceptance, the question, the outbox entry, the ledger rows with
    /// their totals, the notices and their e-mail rows).
    /// </summary>
    private static AcceptanceApplied Apply(Statements s, PendingAcceptance a)
    {
        var now = a.Time.GetUtcNow().UtcDateTime;
        s.Question.Parameters["@question"].Value = a.QuestionId;
        using (var reader = s.Question.ExecuteReader())
        {
            if (!reader.Read())
                return new AcceptanceApplied(AcceptanceOutcome.NotFound);
            if (reader.GetInt32(1) != a.Version)
                return new AcceptanceApplied(AcceptanceOutcome.Changed);
            if (!reader.IsDBNull(0) && reader.GetInt32(0) == a.AnswerId)
                return new AcceptanceApplied(AcceptanceOutcome.AlreadyAccepted);
        }

        var source = ReputationRules.AcceptanceSource(a.QuestionId);
        s.Ledger.Reverse(source, ReputationReason.AcceptanceUndone, a.AskerId, a.Ledger, now);

        s.Accept.Parameters["@question"].Value = a.QuestionId;
        s.Accept.Parameters["@answer"].Value = a.AnswerId;
        s.Accept.Parameters["@version"].Value = a.Version;
        s.Accept.Parameters["@now"].Value = now;
        if (s.Accept.ExecuteNonQuery() != 1)
            return new AcceptanceApplied(AcceptanceOutcome.Changed);
        s.Outbox.Parameters["@question"].Value = a.QuestionId;
        s.Outbox.Parameters["@kind"].Value = KnowledgeBase.ResolutionKind.Accepted.ToString();
        s.Outbox.Parameters["@now"].Value = now;
        var entryId = Convert.ToInt64(s.Outbox.ExecuteScalar(), CultureInfo.InvariantCulture);

        foreach (var change in ReputationRules.ForAcceptance(a.Ledger.Points, new ReputationParty(a.AskerId, a.AskerIsStaff), new ReputationParty(a.AnswererId, a.AnswererIsStaff)))
            if (change.Amount != 0)
                s.Ledger.Append(change.UserId, change.Amount, change.Reason, source, a.AnswerId, a.AskerId, a.Ledger, now);

        var told = new List<string>();
        var emails = new List<long>();
        if (a.Notices is { } notices)
        {
            foreach (var (userId, kind, defaultDelivery) in notices.Recipients)
            {
                var notice = s.Notice.Parameters;
                notice["@user"].Value = userId;
                notice["@text"].Value = notices.Text;
                notice["@link"].Value = notices.Link;
                notice["@kind"].Value = kind.ToString();
                notice["@question"].Value = a.QuestionId;
                notice["@actor"].Value = a.AskerId;
                notice["@now"].Value = now;
                var noticeId = Convert.ToInt64(s.Notice.ExecuteScalar(), CultureInfo.InvariantCulture);
                told.Add(userId);
                s.Delivery.Parameters["@user"].Value = userId;
                s.Delivery.Parameters["@kind"].Value = kind.ToString();
                var chosen = s.Delivery.ExecuteScalar() is string stored ? Enum.Parse<EmailDelivery>(stored) : defaultDelivery;
                if (chosen != EmailDelivery.Immediately)
                    continue;
                var email = s.Email.Parameters;
                email["@user"].Value = userId;
                email["@notice"].Value = noticeId;
                email["@kind"].Value = kind.ToString();
                email["@now"].Value = now;
                emails.Add(Convert.ToInt64(s.Email.ExecuteScalar(), CultureInfo.InvariantCulture));
            }
        }
        IReadOnlyList<Badges.TagFact>? tags = null;
        if (a.ReadsTagTotals)
        {
            // For the tag badges: the answerer's totals in the question's tags (counters kept by triggers), so the badge
            // check after the COMMIT needs no query when every level they reach is known held (as the vote writer does).
            s.TagTotals.Parameters["@question"].Value = a.QuestionId;
            s.TagTotals.Parameters["@author"].Value = a.AnswererId;
            var read = new List<Badges.TagFact>();
            using (var reader = s.TagTotals.ExecuteReader())
                while (reader.Read())
                    read.Add(new Badges.TagFact(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            tags = read;
        }
        return new AcceptanceApplied(AcceptanceOutcome.Accepted, entryId, told, emails, tags);
    }

    /// <summary>The writer's connection and its statements, prepared once and reused by every batch of a run.</summary>
    internal sealed class Statements : SqliteWriterStatements
    {
        public Statements(string connectionString) : base(connectionString, "acceptance")
        {
            try
            {
                Ledger = new SqliteLedgerRows(Prepare);
                Question = Prepare("""SELECT "AcceptedAnswerId", "Version" FROM "Posts" WHERE "Id" = @question AND "Kind" = 'Question'""", "@question");
                Accept = Prepare("""
                    UPDATE "Posts" SET "AcceptedAnswerId" = @answer, "LastActivityAt" = @now WHERE "Id" = @question AND "Version" = @version
                    """, "@question", "@answer", "@version", "@now");
                Outbox = Prepare("""
                    INSERT INTO "KbOutbox" ("QuestionId", "Kind", "CreatedAt", "Summary", "SummaryAuthorId", "Attempts", "LastAttemptAt", "LastError", "DoneAt")
                    VALUES (@question, @kind, @now, NULL, NULL, 0, NULL, NULL, NULL) RETURNING "Id"
                    """, "@question", "@kind", "@now");
                Notice = Prepare("""
                    INSERT INTO "Notices" ("UserId", "Text", "Link", "Key", "CreatedAt", "ReadAt", "ActorId", "Kind", "QuestionId")
                    VALUES (@user, @text, @link, NULL, @now, NULL, @actor, @kind, @question) RETURNING "Id"
                    """, "@user", "@text", "@link", "@kind", "@question", "@actor", "@now");
                Delivery = Prepare("""SELECT "Delivery" FROM "EmailPreferences" WHERE "UserId" = @user AND "Kind" = @kind""", "@user", "@kind");
                Email = Prepare("""
                    INSERT INTO "EmailOutbox" ("UserId", "NoticeId", "Kind", "IsDigest", "DigestDay", "CreatedAt", "SentAt", "SkippedAt", "Attempts", "LastError")
                    VALUES (@user, @notice, @kind, 0, NULL, @now, NULL, NULL, 0, NULL) RETURNING "Id"
                    """, "@user", "@notice", "@kind", "@now");
                TagTotals = Prepare($"""
                    SELECT t."Name", s."Score", s."Answers" FROM "QuestionTags" AS qt
                    JOIN "MemberTagScores" AS s ON s."UserId" = @author AND s."TagId" = qt."TagsId"
                    JOIN "Tags" AS t ON t."Id" = qt."TagsId"
                    WHERE qt."QuestionsId" = @question AND s."Score" >= {Badges.VoteBadges.TagScoreFloor} AND s."Answers" >= {Badges.VoteBadges.TagAnswersFloor}
                    """, "@question", "@author");
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public SqliteLedgerRows Ledger { get; } = null!;
        public SqliteCommand Question { get; } = null!;
        public SqliteCommand Accept { get; } = null!;
        public SqliteCommand Outbox { get; } = null!;
        public SqliteCommand Notice { get; } = null!;
        public SqliteCommand Delivery { get; } = null!;
        public SqliteCommand Email { get; } = null!;
        public SqliteCommand TagTotals { get; } = null!;
    }
}

/// <summary>An acceptance whose rules passed, for the writer: the question as read (its edit version), the two members, the notices.</summary>
internal sealed class PendingAcceptance(string connectionString, int questionId, int answerId, int version, string askerId, bool askerIsStaff,
    string answererId, bool answererIsStaff, ReputationLedger ledger, TimeProvider time, Notifier.AcceptanceNotices? notices, bool readsTagTotals = false) : IPendingWrite<AcceptanceApplied>
{
    /// <summary>Read the answerer's tag totals after the acceptance (a badge check follows and the thread is live).</summary>
    public bool ReadsTagTotals => readsTagTotals;
    public string ConnectionString => connectionString;
    public int QuestionId => questionId;
    public int AnswerId => answerId;
    public int Version => version;
    public string AskerId => askerId;
    public bool AskerIsStaff => askerIsStaff;
    public string AnswererId => answererId;
    public bool AnswererIsStaff => answererIsStaff;
    public ReputationLedger Ledger => ledger;
    public TimeProvider Time => time;
    public Notifier.AcceptanceNotices? Notices => notices;
    public TaskCompletionSource<AcceptanceApplied> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal enum AcceptanceOutcome
{
    Accepted,
    AlreadyAccepted,
    /// <summary>The question was edited (its version moved) since the facts were read: read them again.</summary>
    Changed,
    NotFound,
}

/// <summary>What the writer did with an acceptance: its outbox entry, the members it told and their e-mail rows.</summary>
/// <param name="Tags">When asked for: the answerer's totals in the question's tags within reach of a tag badge.</param>
internal readonly record struct AcceptanceApplied(AcceptanceOutcome Outcome, long EntryId = 0, IReadOnlyList<string>? Told = null, IReadOnlyList<long>? Emails = null,
    IReadOnlyList<Badges.TagFact>? Tags = null);
