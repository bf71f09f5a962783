using System.Data.Common;
using Community.Domain.Persistence;
using Community.Domain.Tests.Posting;
using Community.Domain.Voting;
using Community.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Community.Domain.Tests.Persistence;

/// <summary>
/// What only PostgreSQL does: its native row version, its append-only triggers, and retrying a unit of work when the
/// server drops the connection in the middle of it. Run in the PostgreSQL pass (COMMUNITY_TEST_PROVIDER=Postgres).
/// </summary>
public sealed class PostgresBehaviourTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static void OnPostgresOnly() =>
        Assert.SkipUnless(TestProvider.IsPostgres, "PostgreSQL's own behaviour: runs in the PostgreSQL pass (COMMUNITY_TEST_PROVIDER=Postgres).");

    [Fact]
    public async Task Of_two_editors_of_one_post_the_second_loses_on_the_edit_version()
    {
        // Posts keep SQLite's token on PostgreSQL too (PostgresModel): a view or a vote since the read does not make a
        // save lose (PostConcurrencyTokenTests), an edit does.
        OnPostgresOnly();
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        await using var first = forum.Db();
        await using var second = forum.Db();
        var mine = await first.Posts.SingleAsync(p => p.Id == id, Ct);
        var theirs = await second.Posts.SingleAsync(p => p.Id == id, Ct);

        theirs.Body = "Their edit, saved first.";
        theirs.Version++;
        await second.SaveChangesAsync(Ct);
        mine.Body = "My edit, made from the row as it was.";
        mine.Version++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync(Ct));
        Assert.Equal("Their edit, saved first.", (await forum.PostAsync(id)).Body);
    }

    [Fact]
    public async Task The_audit_log_cannot_be_truncated_either()
    {
        OnPostgresOnly();
        await using var forum = await TestForum.CreateAsync();
        await using var db = forum.Db();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE \"AuditEntries\"", Ct));

        Assert.Contains("append-only", refused.MessageText);
    }

    [Fact]
    public async Task A_vote_whose_connection_the_server_ends_midway_is_retried_whole_and_counted_once()
    {
        OnPostgresOnly();
        await using var forum = await TestForum.CreateAsync();
        var id = await forum.AskAsync(await forum.MemberAsync());
        var voter = await forum.MemberAsync();
        var killer = new KillConnectionOnce("INSERT INTO \"Votes\"", forum.Database.ConnectionString);
        var contexts = new InterceptedContexts(forum.Database, killer);
        var vote = new CastVote(contexts, forum.Limits, forum.Ledger, forum.Privileges, forum.Time);

        var result = await vote.ExecuteAsync(voter, id, 1, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(killer.Killed, "The connection was never ended: the test proved nothing.");
        Assert.Equal(1, result.Value);
        Assert.Equal(1, (await forum.PostAsync(id)).Score);
        await using var db = forum.Db();
        Assert.Equal(1, await db.Votes.CountAsync(v => v.PostId == id, Ct));
        var (_, points, ledger) = await forum.ReputationOfAsync(voter);
        Assert.Equal(points, ledger);
    }

    [Fact]
    public async Task A_unit_of_work_sees_a_fresh_context_on_every_attempt()
    {
        OnPostgresOnly();
        await using var forum = await TestForum.CreateAsync();
        var killer = new KillConnectionOnce("SELECT 1", forum.Database.ConnectionString);
        var contexts = new InterceptedContexts(forum.Database, killer);
        var seen = new List<CommunityDbContext>();

        var answer = await contexts.RunAsync(async db =>
        {
            seen.Add(db);
            await using var transaction = await db.BeginWriteTransactionAsync(Ct);
            var one = await db.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").SingleAsync(Ct);
            await transaction.CommitAsync(Ct);
            return one;
        }, Ct);

        Assert.Equal(1, answer);
        Assert.Equal(2, seen.Count);
        Assert.NotSame(seen[0], seen[1]);
    }

    /// <summary>Contexts on the test database with one interceptor added.</summary>
    private sealed class InterceptedContexts(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            CommunityDatabase.ConfigureStandalone(options, database.Provider, database.ConnectionString);
            options.AddInterceptors(interceptor);
            return new CommunityDbContext(options.Options);
        }
    }

    /// <summary>
    /// The first time a command containing <paramref name="marker"/> is about to run, the server ends that command's
    /// connection (pg_terminate_backend from another session), as a restart or a failover would.
    /// </summary>
    private sealed class KillConnectionOnce(string marker, string connectionString) : DbCommandInterceptor
    {
        public bool Killed { get; private set; }

        private async Task KillAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (Killed || !command.CommandText.Contains(marker, StringComparison.Ordinal))
                return;
            Killed = true;
            var pid = ((NpgsqlConnection)command.Connection!).ProcessID;
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await admin.OpenAsync(cancellationToken);
            await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
            terminate.Parameters.AddWithValue("pid", pid);
            await terminate.ExecuteScalarAsync(cancellationToken);
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await KillAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await KillAsync(command, cancellationToken);
            return result;
        }
    }
}
