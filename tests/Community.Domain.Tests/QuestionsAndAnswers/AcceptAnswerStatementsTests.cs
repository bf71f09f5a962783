using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// What one acceptance costs in SQL (issue 11: the knowledge-base feed end to end is bounded by acceptances). The
/// members' facts and the two posts' small columns are one read before the write turn (was the posts whole, then three queries inside it: two staff checks and the asker's
/// name), each ledger row and its member's total one command (was an INSERT and an UPDATE), and no e-mail outbox
/// SaveChanges when the answerer gets no e-mail. Real SQLite, real migrations.
/// </summary>
public sealed class AcceptAnswerStatementsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAcceptanceReadsItsMembersOnceAndWritesEachLedgerRowWithItsTotalInOneCommand()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's statements.");
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync("Asking Anna");
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        var counter = new CommandRecorder();
        var contexts = new CountingContexts(forum.Database.ConnectionString, counter);
        var notifier = new Notifier(contexts, forum.Time, new InProcessLiveEvents());
        var accept = new AcceptAnswer(contexts, forum.Ledger, forum.Time, notifier: notifier);

        var result = await accept.AcceptAsync(asker, answer, Ct);

        Assert.True(result.Succeeded, result.Message);
        var commands = counter.Commands;
        Assert.Single(commands, c => c.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal));
        // The posts' small columns, with the members, in that one read: neither post's body (3–6 KB on the benchmark's
        // dataset) is read for an acceptance.
        Assert.Contains(commands, c => c.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal) && c.Contains("\"Posts\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("\"BodyHtml\"", StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.Contains("\"DisplayName\"", StringComparison.Ordinal) && !c.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal));
        var ledgerRows = commands.Where(c => c.Contains("INSERT INTO \"ReputationEntries\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, ledgerRows.Count);
        Assert.All(ledgerRows, c => Assert.Contains("UPDATE \"AspNetUsers\"", c, StringComparison.Ordinal));
        Assert.DoesNotContain(commands, c => c.StartsWith("UPDATE \"AspNetUsers\"", StringComparison.Ordinal));
        // The answerer is told, with the asker's name read before the turn; totals equal the ledger.
        await using var db = forum.Db();
        var notice = await db.Notices.SingleAsync(n => n.UserId == answerer.UserId && n.Kind == NotificationKind.AnswerAccepted, Ct);
        Assert.Contains("Asking Anna accepted your answer", notice.Text);
        foreach (var member in new[] { asker, answerer })
        {
            var (_, points, sum) = await forum.ReputationOfAsync(member);
            Assert.Equal(sum, points);
        }
        Assert.True((await forum.ReputationOfAsync(answerer)).Points > 0);
    }


    private sealed class CountingContexts(string connectionString, CommandRecorder counter) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(counter);
            return new CommunityDbContext(options.Options);
        }
    }
}
