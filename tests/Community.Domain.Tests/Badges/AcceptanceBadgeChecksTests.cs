using Community.Domain.Badges;
using Community.Domain.KnowledgeBase;
using Community.Domain.Questions;
using Community.Domain.Tests.KnowledgeBase;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;
using static Community.Domain.Tests.Badges.BadgeForum;

namespace Community.Domain.Tests.Badges;

/// <summary>
/// The badges an acceptance can earn, checked after its commit with a scope of what it changed (and a published
/// article's, by <see cref="DeferredBadgeChecks"/>): each still arrives, once, and a scoped check never awards what a
/// full one would not.
/// </summary>
public sealed class AcceptanceBadgeChecksTests
{
    private static AcceptAnswer ScopedAccept(TestForum forum) => new(forum.Database, forum.Ledger, forum.Time, forum.Awarder());

    [Fact]
    public async Task AnAcceptanceEarnsTheAskerScholarAfterTheRequestOnceWithOneNotice()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var first = await forum.AnswerAsync(await forum.MemberAsync(), question);
        var second = await forum.AnswerAsync(await forum.MemberAsync(), question, TestForum.AnswerBody + " Or turn updates off.");
        var accept = ScopedAccept(forum);

        Assert.True((await accept.AcceptAsync(asker, first, Ct)).Succeeded);
        Assert.True((await accept.AcceptAsync(asker, second, Ct)).Succeeded);

        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
        Assert.Equal(1, await NoticesAsync(forum, asker.UserId, $"badge:{BadgeCatalogue.Scholar.Id}:once"));
    }

    [Fact]
    public async Task ManyAcceptancesAtOnceByOneAskerEarnScholarOnce()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answers = new List<int>();
        for (var i = 0; i < 6; i++)
            answers.Add(await forum.AnswerAsync(await forum.MemberAsync(), await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}")));
        var accept = ScopedAccept(forum);

        Assert.All(await Task.WhenAll(answers.Select(a => accept.AcceptAsync(asker, a, Ct))), r => Assert.True(r.Succeeded, r.Message));

        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
        Assert.Equal(1, await NoticesAsync(forum, asker.UserId, $"badge:{BadgeCatalogue.Scholar.Id}:once"));
    }

    [Fact]
    public async Task AcceptingAnAnswerScoringFortyEarnsTheAnswererGuruForThatAnswer()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.SetScoreAsync(answer, 40);

        Assert.True((await ScopedAccept(forum).AcceptAsync(asker, answer, Ct)).Succeeded);

        // Only Guru is the acceptance's: Teacher and Nice Answer on that score are the votes' (or the sweep's).
        Assert.Contains((BadgeCatalogue.Guru.Id, answer.ToString()), await forum.AwardsAsync(answerer));
        Assert.Equal(1, await NoticesAsync(forum, answerer.UserId, $"badge:{BadgeCatalogue.Guru.Id}:{answer}"));
    }

    [Fact]
    public async Task BothMembersAwardsFromAnAcceptanceAreSavedInOneWriteTransaction()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);
        await forum.SetScoreAsync(answer, 40);
        var transactions = new TransactionCounter();
        var awarder = new BadgeAwarder(new CountingContexts(forum.Database, transactions), forum.Time);

        Assert.True((await new AcceptAnswer(forum.Database, forum.Ledger, forum.Time, awarder).AcceptAsync(asker, answer, Ct)).Succeeded);

        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
        Assert.Contains((BadgeCatalogue.Guru.Id, answer.ToString()), await forum.AwardsAsync(answerer));
        Assert.Equal(1, await NoticesAsync(forum, asker.UserId, $"badge:{BadgeCatalogue.Scholar.Id}:once"));
        Assert.Equal(1, await NoticesAsync(forum, answerer.UserId, $"badge:{BadgeCatalogue.Guru.Id}:{answer}"));
        // One write for both members' awards (was one a member).
        Assert.Equal(1, transactions.Count);
    }

    [Fact]
    public async Task AnAcceptanceWhoseBadgesAreKnownHeldReadsAtMostTheTagTotalsAndWritesNothing()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var first = await forum.AnswerAsync(await forum.MemberAsync(), await forum.AskAsync(asker));
        var second = await forum.AnswerAsync(await forum.MemberAsync(), await forum.AskAsync(asker, $"{TestForum.QuestionTitle} again"));
        var commands = new Community.Domain.Tests.Persistence.CommandRecorder();
        var transactions = new TransactionCounter();
        var awarder = new BadgeAwarder(new CountingContexts(new CountingContexts(forum.Database, transactions), commands), forum.Time);
        var accept = new AcceptAnswer(forum.Database, forum.Ledger, forum.Time, awarder);
        Assert.True((await accept.AcceptAsync(asker, first, Ct)).Succeeded);
        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
        var before = (commands.Commands.Count, transactions.Count);

        Assert.True((await accept.AcceptAsync(asker, second, Ct)).Succeeded);

        // Scholar is known held and the answer's score earns no Guru: the answerer's tag totals are the one read (the
        // scoped check read both members' facts in ~7 queries: member since, posts, threads, tags, totals, awards held).
        // On SQLite the acceptance writer read them inside its batch, so the check reads nothing at all.
        if (Community.Testing.TestProvider.IsPostgres)
        {
            Assert.Equal(before.Item1 + 1, commands.Commands.Count);
            Assert.Contains("\"MemberTagScores\"", commands.Commands[^1], StringComparison.Ordinal);
        }
        else
            Assert.Equal(before.Item1, commands.Commands.Count);
        Assert.Equal(before.Item2, transactions.Count);
        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
    }

    private sealed class TransactionCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override ValueTask<System.Data.Common.DbTransaction> TransactionStartedAsync(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.TransactionEndEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<System.Data.Common.DbTransaction> TransactionUsedAsync(System.Data.Common.DbConnection connection,
            Microsoft.EntityFrameworkCore.Diagnostics.TransactionEventData eventData, System.Data.Common.DbTransaction result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref count);
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>The forum's contexts (either engine) with an interceptor added.</summary>
    private sealed class CountingContexts(IDbContextFactory<Community.Domain.Persistence.CommunityDbContext> inner, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor interceptor)
        : IDbContextFactory<Community.Domain.Persistence.CommunityDbContext>
    {
        public Community.Domain.Persistence.CommunityDbContext CreateDbContext()
        {
            using var template = inner.CreateDbContext();
            var options = new DbContextOptionsBuilder<Community.Domain.Persistence.CommunityDbContext>(
                (DbContextOptions<Community.Domain.Persistence.CommunityDbContext>)Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>(template));
            options.AddInterceptors(interceptor);
            return new Community.Domain.Persistence.CommunityDbContext(options.Options);
        }
    }

    [Fact]
    public async Task AnAcceptanceScopedCheckAwardsNothingTheAcceptanceDidNotEarnAndTheFullCheckAwardsTheRest()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var older = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} before");
        await forum.SetScoreAsync(older, 12);
        var otherAnswer = await forum.AnswerAsync(answerer, older);
        await forum.SetScoreAsync(otherAnswer, 12);
        var question = await forum.AskAsync(asker);
        var answer = await forum.AnswerAsync(answerer, question);

        Assert.True((await ScopedAccept(forum).AcceptAsync(asker, answer, Ct)).Succeeded);

        // The older question's Nice Question and the other answer's Nice Answer were due before: not the acceptance's to award.
        Assert.Equal([(BadgeCatalogue.Scholar.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(asker));
        Assert.Empty(await forum.AwardsAsync(answerer));
        Assert.Contains(await forum.Awarder().CheckMemberAsync(asker.UserId, Ct), e => e.Badge == BadgeCatalogue.NiceQuestion && e.PostId == older);
        Assert.Contains(await forum.Awarder().CheckMemberAsync(answerer.UserId, Ct), e => e.Badge == BadgeCatalogue.NiceAnswer && e.PostId == otherAnswer);
    }

    [Fact]
    public async Task AcceptingAFifthAnswerInATagEarnsTheTagBadge()
    {
        await using var forum = await TestForum.CreateAsync();
        var answerer = await forum.MemberAsync();
        var asker = await forum.MemberAsync();
        var answers = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var question = await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing");
            answers.Add(await forum.AnswerAsync(answerer, question));
            await forum.SetScoreAsync(answers[^1], 2);
        }

        // Posting the fifth answer checked nothing: its acceptance is the first check to see five answers worth 10.
        Assert.True((await ScopedAccept(forum).AcceptAsync(asker, answers[^1], Ct)).Succeeded);

        Assert.Contains((BadgeCatalogue.TagBronze.Id, "billing"), await forum.AwardsAsync(answerer));
    }

    [Fact]
    public async Task EveryScopedCheckIsDueNoMoreThanTheFullCheck()
    {
        await using var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var answerer = await forum.MemberAsync();
        var answers = new List<int>();
        var questions = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            questions.Add(await forum.AskAsync(asker, $"{TestForum.QuestionTitle} number {i}", TestForum.QuestionBody, "billing"));
            answers.Add(await forum.AnswerAsync(answerer, questions[^1]));
            await forum.SetScoreAsync(answers[^1], 9 * i);
            await forum.SetScoreAsync(questions[^1], 11 * i);
        }
        Assert.True((await forum.Accept.AcceptAsync(asker, answers[^1], Ct)).Succeeded);
        await forum.VoteAsync(answerer, questions[0]);
        var now = forum.Time.GetUtcNow().UtcDateTime;
        BadgeScope[] scopes =
        [
            BadgeScope.Voted, BadgeScope.Published, .. answers.Concat(questions).SelectMany(p => new[] { BadgeScope.AcceptedOn(p), BadgeScope.VotedOn(p) }),
            BadgeScope.AcceptedOn(answers[^1]).With(BadgeScope.VotedOn(answers[0])).With(BadgeScope.Voted),
        ];

        await using var db = forum.Db();
        foreach (var member in new[] { asker, answerer })
        {
            var full = MemberBadges.Due((await MemberFacts.LoadAsync(db, member.UserId, Ct))!, now).Select(d => (d.Badge.Id, d.AwardKey)).ToHashSet();
            Assert.NotEmpty(full);
            foreach (var scope in scopes)
            {
                var scoped = MemberBadges.Due((await MemberFacts.LoadAsync(db, member.UserId, scope, Ct))!, now).Select(d => (d.Badge.Id, d.AwardKey));
                Assert.Subset(full, scoped.ToHashSet());
            }
        }
    }

    [Fact]
    public async Task AnArticlePublishedByTheFeedEarnsTheCreditedMemberKnowledgeContributorOnce()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync(new KnowledgeBaseOptions { AutoPublishOfficial = true });
        var forum = kb.Forum;
        var deferred = new DeferredBadgeChecks(forum.Awarder());
        var feed = new KnowledgeBaseFeed(forum.Database, forum.Ledger, forum.Markdown, kb.Options, forum.Time, deferredBadges: deferred);
        var question = await forum.AskAsync(await forum.MemberAsync());
        var answer = await forum.AnswerAsync(kb.Staff, question);
        Assert.True((await kb.Official.MarkAsync(kb.Staff, answer, Ct)).Succeeded);

        await using (var db = forum.Db())
            foreach (var entry in await db.KnowledgeBaseOutbox.Where(e => e.DoneAt == null).Select(e => e.Id).ToListAsync(Ct))
                Assert.Equal(EntryOutcome.Done, await feed.ProcessAsync(entry, Ct));
        await feed.SyncArticleAsync(question, Ct);
        await deferred.WhenIdleAsync();

        Assert.Equal(ArticleStatus.Published, (await kb.ArticleAsync(question)).Status);
        Assert.Equal([(BadgeCatalogue.KnowledgeContributor.Id, BadgeRules.OnceKey)], await forum.AwardsAsync(kb.Staff));
        Assert.Equal(1, await NoticesAsync(forum, kb.Staff.UserId, $"badge:{BadgeCatalogue.KnowledgeContributor.Id}:once"));
    }

    private static async Task<int> NoticesAsync(TestForum forum, string userId, string key)
    {
        await using var db = forum.Db();
        return await db.Notices.CountAsync(n => n.UserId == userId && n.Key == key, Ct);
    }
}
