using System.Data.Common;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Community.Domain.Tests.QuestionsAndAnswers;

/// <summary>
/// An acceptance reads its facts before its write turn and writes the question with the edit version it read (the posts
/// are no longer loaded whole: the question is attached with that version). An edit in between must still be seen: the
/// write fails its version check, rolls back with the outbox entry and ledger rows it had written, and the acceptance
/// reads again and succeeds once.
/// </summary>
public sealed class AcceptAnswerConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditBetweenTheReadAndTheWriteMakesTheAcceptanceReadAgainAndSucceedOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        var edit = new EditAfterFirstRead(forum, question);
        var accept = new AcceptAnswer(new WithInterceptor(forum.Database, edit), forum.Ledger, forum.Time);

        var result = await accept.AcceptAsync(asker, answer, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(1, edit.Edits);
        Assert.True(edit.Reads >= 2, $"read {edit.Reads} times");
        await using var db = forum.Db();
        var source = Community.Domain.Reputation.ReputationRules.AcceptanceSource(question);
        var row = await db.Questions.AsNoTracking().SingleAsync(q => q.Id == question, Ct);
        Assert.Equal(answer, row.AcceptedAnswerId);
        Assert.Equal(2, row.Version);
        // The first attempt's outbox entry and ledger rows went with its rollback: one of each.
        Assert.Equal(1, await db.KnowledgeBaseOutbox.CountAsync(e => e.QuestionId == question, Ct));
        Assert.Equal(2, await db.ReputationEntries.CountAsync(e => e.SourceKey == source, Ct));
        foreach (var member in new[] { asker, answerer })
        {
            var (_, points, sum) = await forum.ReputationOfAsync(member);
            Assert.Equal(sum, points);
        }
    }

    /// <summary>After the acceptance's first facts read, another writer bumps the question's edit version (an edit).</summary>
    private sealed class EditAfterFirstRead(TestForum forum, int questionId) : DbCommandInterceptor
    {
        public int Reads;
        public int Edits;

        public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
            CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("\"AspNetUserRoles\"", StringComparison.Ordinal) && Interlocked.Increment(ref Reads) == 1)
            {
                await using var other = forum.Db();
                await other.Questions.Where(q => q.Id == questionId)
                    .ExecuteUpdateAsync(set => set.SetProperty(q => q.Version, q => q.Version + 1).SetProperty(q => q.Title, q => q.Title + " (edited)"), cancellationToken);
                Interlocked.Increment(ref Edits);
            }
            return result;
        }
    }

    /// <summary>The forum's contexts (either engine) with an interceptor added.</summary>
    private sealed class WithInterceptor(IDbContextFactory<CommunityDbContext> inner, IInterceptor interceptor) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            using var template = inner.CreateDbContext();
            var options = new DbContextOptionsBuilder<CommunityDbContext>(
                (DbContextOptions<CommunityDbContext>)Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(template));
            options.AddInterceptors(interceptor);
            return new CommunityDbContext(options.Options);
        }
    }
}
