using System.Collections.Concurrent;
using System.Globalization;
using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Reputation;
using Microsoft.Data.Sqlite;

namespace Community.Domain.Voting;

/// <summary>
/// Votes as data on SQLite (ADR 0008's first alternative, docs/decisions/0011): <see cref="CastVote"/> checks the rules
/// outside the write turn, then hands the vote to this writer, one per database file. The writer takes every vote
/// waiting (at most <see cref="MaxBatch"/>), holds the process's write turn (<see cref="SqliteWriterQueue"/>) for one
/// BEGIN IMMEDIATE … COMMIT, and applies them one after another with statements prepared once per run on its own
/// connection, each vote inside a savepoint of its own. Each vote reads what stands (the voter's vote, the author's
/// daily-cap counter) inside the batch, after the votes before it: a voter's second vote on a post in the same batch,
/// or the cap crossed halfway through it, come out as they would one transaction at a time. No caller goes on before the
/// batch's COMMIT. If the COMMIT fails, every vote of the batch is applied again in a batch of its own. A run (the
/// connection, the statements) waits <see cref="Linger"/> for more votes once the queue is empty before it ends.
/// </summary>
internal sealed class SqliteVoteWriter : SqliteBatchWriter<PendingVote, VoteApplied, SqliteVoteWriter.Statements>
{
    public const int MaxBatch = 128;

    private static readonly ConcurrentDictionary<string, SqliteVoteWriter> Files = new(StringComparer.Ordinal);

    private long batches;
    private long committed;

    private SqliteVoteWriter(string dataSource) : base(dataSource, MaxBatch)
    {
    }

    /// <summary>The writer of one database file (named as <see cref="SqliteConnection.DataSource"/> names it before opening).</summary>
    public static SqliteVoteWriter For(string dataSource) => Files.GetOrAdd(dataSource, file => new SqliteVoteWriter(file));

    /// <summary>Batches committed and the votes applied in them, since the process started: what the tests observe.</summary>
    public (long Batches, long Votes) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref committed));

    protected override Statements Prepare(string connectionString) => new(connectionString);

    /// <summary>One transaction for the batch, in the caller's write turn; on failure to commit, why (and no vote completed).</summary>
    protected override Exception? Batch(Statements s, List<PendingVote> batch)
    {
        var outcomes = new (VoteApplied Applied, Exception? Error)[batch.Count];
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
                        s.Release.ExecuteNonQuery();
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
    /// One vote, inside the batch: what stands (the voter's vote, the author's daily-cap counter), the vote row, the score
    /// (<c>UPDATE … RETURNING</c>), the ledger rows with their members' totals, and any privilege notice a gain brought.
    /// The same rows, in the same order, as <see cref="CastVote"/>'s turn on PostgreSQL.
    /// </summary>
    private static VoteApplied Apply(Statements s, PendingVote vote)
    {
        var now = vote.Time.GetUtcNow().UtcDateTime;
        s.Standing.Parameters["@post"].Value = vote.PostId;
        s.Standing.Parameters["@voter"].Value = vote.VoterId;
        s.Standing.Parameters["@author"].Value = vote.AuthorId;
        int? voteId = null;
        var previous = 0;
        string? gainDay = null;
        var gained = 0;
        using (var reader = s.Standing.ExecuteReader())
        {
            if (!reader.Read() || reader.IsDBNull(0))
                return VoteApplied.NotFound;
            if (!reader.IsDBNull(1))
            {
                voteId = reader.GetInt32(1);
                previous = reader.GetInt32(2);
            }
            if (!reader.IsDBNull(3))
            {
                gainDay = reader.GetString(3);
                gained = reader.GetInt32(4);
            }
        }

        var change = VoteArithmetic.ScoreChange(previous, vote.Value);
        if (change == 0)
        {
            s.Score.Parameters["@post"].Value = vote.PostId;
            return new VoteApplied(true, Convert.ToInt32(s.Score.ExecuteScalar(), CultureInfo.InvariantCulture), 0);
        }

        SqliteCommand write;
        if (voteId is null)
        {
            write = s.InsertVote;
            write.Parameters["@voter"].Value = vote.VoterId;
            write.Parameters["@post"].Value = vote.PostId;
        }
        else if (vote.Value == 0)
            write = s.DeleteVote;
        else
            write = s.UpdateVote;
        if (voteId is not null)
            write.Parameters["@vote"].Value = voteId.Value;
        if (vote.Value != 0)
        {
            write.Parameters["@value"].Value = vote.Value;
            write.Parameters["@now"].Value = now;
        }
        write.ExecuteNonQuery();
        s.AddScore.Parameters["@post"].Value = vote.PostId;
        s.AddScore.Parameters["@change"].Value = change;
        var score = s.AddScore.ExecuteScalar() is { } returned and not DBNull
            ? Convert.ToInt32(returned, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("The post was removed while the vote was applied.");

        var source = ReputationRules.VoteSource(vote.PostId, vote.VoterId);
        if (previous != 0)
            s.Ledger.Reverse(source, ReputationReason.VoteUndone, vote.VoterId, vote.Ledger, now);
        if (vote.Value != 0)
        {
            var today = DateOnly.FromDateTime(ReputationRules.DayStart(now)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var changes = ReputationRules.ForVote(vote.Ledger.Points, vote.IsAnswer, vote.Value,
                new ReputationParty(vote.VoterId, vote.VoterIsStaff), new ReputationParty(vote.AuthorId, vote.AuthorIsStaff));
            foreach (var c in changes)
            {
                var amount = c.Amount;
                if (ReputationRules.IsCappedReason(c.Reason))
                {
                    var gainedToday = c.UserId == vote.AuthorId ? (gainDay == today ? gained : 0) : GainedToday(s, c.UserId, today);
                    amount = ReputationRules.CapVoteGain(amount, gainedToday, vote.Ledger.Points.DailyVoteCap);
                }
                else if (amount == 0)
                    continue;
                s.Ledger.Append(c.UserId, amount, c.Reason, source, vote.PostId, vote.VoterId, vote.Ledger, now);
            }
        }
        IReadOnlyList<Badges.TagFact>? tags = null;
        if (vote.ReadsTagTotals && change > 0)
        {
            // For the tag badges: the author's totals in the question's tags as this vote left them (the counters are kept
            // by triggers on the score), so the badge check after the vote needs no query when they are known held.
            s.TagTotals.Parameters["@question"].Value = vote.QuestionId;
            s.TagTotals.Parameters["@author"].Value = vote.AuthorId;
            var read = new List<Badges.TagFact>();
            using (var reader = s.TagTotals.ExecuteReader())
                while (reader.Read())
                    read.Add(new Badges.TagFact(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2)));
            tags = read;
        }
        return new VoteApplied(true, score, change, tags);
    }

    private static int GainedToday(Statements s, string userId, string today)
    {
        s.Gain.Parameters["@user"].Value = userId;
        using var reader = s.Gain.ExecuteReader();
        return reader.Read() && reader.GetString(0) == today ? reader.GetInt32(1) : 0;
    }

    /// <summary>The writer's connection and its statements, prepared once and reused by every batch of a run.</summary>
    internal sealed class Statements : SqliteWriterStatements
    {
        public Statements(string connectionString) : base(connectionString, "vote")
        {
            try
            {
                Ledger = new SqliteLedgerRows(Prepare);
                Standing = Prepare("""
                    SELECT (SELECT "Id" FROM "Posts" WHERE "Id" = @post), v."Id", v."Value", g."Day", g."Gained"
                    FROM (SELECT 1) AS one
                    LEFT JOIN "Votes" AS v ON v."PostId" = @post AND v."VoterId" = @voter
                    LEFT JOIN "MemberVoteGains" AS g ON g."UserId" = @author
                    """, "@post", "@voter", "@author");
                Score = Prepare("""SELECT "Score" FROM "Posts" WHERE "Id" = @post""", "@post");
                Gain = Prepare("""SELECT "Day", "Gained" FROM "MemberVoteGains" WHERE "UserId" = @user""", "@user");
                InsertVote = Prepare("""INSERT INTO "Votes" ("PostId", "VoterId", "Value", "CreatedAt") VALUES (@post, @voter, @value, @now)""",
                    "@post", "@voter", "@value", "@now");
                UpdateVote = Prepare("""UPDATE "Votes" SET "Value" = @value, "CreatedAt" = @now WHERE "Id" = @vote""", "@vote", "@value", "@now");
                DeleteVote = Prepare("""DELETE FROM "Votes" WHERE "Id" = @vote""", "@vote");
                AddScore = Prepare("""UPDATE "Posts" SET "Score" = "Score" + @change WHERE "Id" = @post RETURNING "Score" """, "@post", "@change");
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
        public SqliteCommand Standing { get; } = null!;
        public SqliteCommand Score { get; } = null!;
        public SqliteCommand Gain { get; } = null!;
        public SqliteCommand InsertVote { get; } = null!;
        public SqliteCommand UpdateVote { get; } = null!;
        public SqliteCommand DeleteVote { get; } = null!;
        public SqliteCommand AddScore { get; } = null!;
        public SqliteCommand TagTotals { get; } = null!;
    }
}

/// <summary>A vote whose rules passed, for the writer: who votes what on which post, and what its ledger rows need.</summary>
/// <param name="readsTagTotals">Read the author's tag totals after an up vote (the thread is live and the post an answer: <see cref="Badges.VoteBadges.ChecksTags"/>).</param>
internal sealed class PendingVote(string connectionString, int postId, string voterId, int value, string authorId, bool isAnswer, bool voterIsStaff,
    bool authorIsStaff, ReputationLedger ledger, TimeProvider time, int questionId = 0, bool readsTagTotals = false) : IPendingWrite<VoteApplied>
{
    public int QuestionId => questionId;
    public bool ReadsTagTotals => readsTagTotals;
    public string ConnectionString => connectionString;
    public int PostId => postId;
    public string VoterId => voterId;
    public int Value => value;
    public string AuthorId => authorId;
    public bool IsAnswer => isAnswer;
    public bool VoterIsStaff => voterIsStaff;
    public bool AuthorIsStaff => authorIsStaff;
    public ReputationLedger Ledger => ledger;
    public TimeProvider Time => time;
    public TaskCompletionSource<VoteApplied> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What the writer did with a vote: the post's score after it and how far the vote moved it; or the post was gone.</summary>
/// <param name="Tags">After an up vote on a live answer: the author's totals in the question's tags within reach of a tag badge.</param>
internal readonly record struct VoteApplied(bool Found, int Score, int Change, IReadOnlyList<Badges.TagFact>? Tags = null)
{
    public static VoteApplied NotFound => new(false, 0, 0);
}
