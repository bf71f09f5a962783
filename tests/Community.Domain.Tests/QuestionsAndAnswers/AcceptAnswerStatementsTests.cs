using Community.Domain.Notifications;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Tests.Persistence;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// What one acceptance costs in SQL (issue 11: the knowledge-base feed end to end is bounded by acceptances). The
/// members' facts and the two posts' small columns are one read before the write turn (was the posts whole, then three
/// queries inside it: two staff checks and the asker's name); the writes are the SQLite acceptance writer's prepared
/// statements (AcceptanceBatchTests), no EF Core command. Real SQLite, real migrations.
/// </summary>
public sealed class AcceptAnswerStatementsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAcceptanceRunsOneEfCommandItsFactsAndLeavesItsWritesToTheWriter()
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
        // On SQLite the acceptance is data for the file's acceptance writer (Questions/SqliteAcceptanceWriter): the only
        // EF Core command is the facts' read, with the members' roles and names, and no post's body.
        Assert.Single(commands);
        Assert.Contains("\"AspNetUserRoles\"", commands[0], StringComparison.Ordinal);
        Assert.Contains("\"Posts\"", commands[0], StringComparison.Ordinal);
        Assert.DoesNotContain("\"BodyHtml\"", commands[0], StringComparison.Ordinal);
        await using (var rows = forum.Db())
            Assert.Equal(2, await rows.ReputationEntries.CountAsync(e => e.SourceKey == Community.Domain.Reputation.ReputationRules.AcceptanceSource(question), Ct));
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
