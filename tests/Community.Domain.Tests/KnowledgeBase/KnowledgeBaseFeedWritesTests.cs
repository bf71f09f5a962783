using Community.Domain.Changes;
using Community.Domain.KnowledgeBase;
using Community.Domain.Persistence;
using Community.Domain.Tests.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>
/// The job's most frequent write, a new thread's article, is hand-written statements on SQLite (SqliteArticleWrites:
/// the sync holds the write turn, and SaveChanges was half of its time there). The rows must be the ones EF Core wrote:
/// read back through EF Core here, and the whole knowledge-base suite runs through them. Real SQLite, real migrations.
/// </summary>
public sealed class KnowledgeBaseFeedWritesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ANewThreadsArticleIsWrittenWithoutSaveChangesAndReadsBackAsTheContextWroteIt()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's statements; PostgreSQL saves through the context.");
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var forum = kb.Forum;
        var (question, answer, _, answerer) = await kb.ResolvedThreadAsync();
        var entry = Assert.Single(await kb.EntriesAsync(question)).Id;
        var commands = new CommandRecorder();
        var sink = new RecordingSink();
        var feed = new KnowledgeBaseFeed(new Contexts(forum.Database.ConnectionString, commands, sink), forum.Ledger, forum.Markdown, kb.Options, forum.Time);

        Assert.Equal(EntryOutcome.Done, await feed.ProcessAsync(entry, Ct));

        // No EF Core write for the article, its revision, its credits, the audit entry or the entry's done mark.
        Assert.DoesNotContain(commands.Commands, c => c.Contains("INSERT INTO \"KbArticles\"", StringComparison.Ordinal)
            || c.Contains("INSERT INTO \"KbArticleRevisions\"", StringComparison.Ordinal) || c.Contains("INSERT INTO \"KbArticleCredits\"", StringComparison.Ordinal)
            || c.Contains("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal) || c.Contains("SET \"DoneAt\"", StringComparison.Ordinal));
        // The knowledge-base pages are evicted after the commit, as the change tracker would have told.
        Assert.Contains(sink.Changes, c => c.KnowledgeBase);

        await using var db = forum.Db();
        var article = await db.KnowledgeBaseArticles.AsNoTracking().Include(a => a.Revisions).ThenInclude(r => r.Credits).SingleAsync(a => a.SourceQuestionId == question, Ct);
        var thread = await forum.QuestionAsync(question);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(UnpublishCause.None, article.UnpublishCause);
        Assert.Equal(thread.Title, article.Title);
        Assert.Equal("wifi", article.Tags);
        Assert.False(article.TitleEditedByStaff);
        Assert.Equal(1, article.CurrentRevision);
        Assert.Null(article.PendingRevision);
        Assert.Equal(forum.Time.GetUtcNow().UtcDateTime, article.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, article.CreatedAt.Kind);
        Assert.Null(article.PublishedAt);
        var revision = Assert.Single(article.Revisions);
        Assert.Equal((1, RevisionState.Applied, thread.Title, "wifi"), (revision.Number, revision.State, revision.Title, revision.Tags));
        Assert.Equal(thread.Body, revision.ProblemMarkdown);
        Assert.Equal(thread.BodyHtml, revision.ProblemHtml);
        Assert.Equal(forum.Time.GetUtcNow().UtcDateTime, revision.AppliedAt);
        Assert.Equal(64, revision.Fingerprint.Length);
        var credit = Assert.Single(revision.Credits);
        Assert.Equal((answer, answerer.UserId, CreditRole.AcceptedAnswer), (credit.AnswerId, credit.UserId, credit.Role));
        Assert.False(string.IsNullOrEmpty(credit.DisplayName));
        Assert.Null(credit.StaffDisclosure);
        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == KnowledgeBaseAudit.Fed, Ct);
        Assert.Equal(("kb-article", article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"Thread {question}: CreateDraft"),
            (audit.TargetKind, audit.TargetId, audit.Details));
        Assert.Null(audit.ActorId);
        var done = Assert.Single(await kb.EntriesAsync(question));
        Assert.NotNull(done.DoneAt);
        Assert.Equal(1, done.Attempts);
    }

    [Fact]
    public async Task TwoSyncsOfOneThreadMakeOneArticleWhenTheFirstWriteWins()
    {
        await using var kb = await KnowledgeBaseForum.CreateAsync();
        var (question, _, _, _) = await kb.ResolvedThreadAsync();

        var outcomes = await Task.WhenAll(kb.Feed.SyncArticleAsync(question, Ct), kb.Feed.SyncArticleAsync(question, Ct));

        Assert.Single(outcomes, o => o.Action == FeedAction.CreateDraft);
        Assert.Single(outcomes, o => o.Action == FeedAction.Nothing);
        Assert.Single(await kb.ArticlesAsync());
    }

    private sealed class RecordingSink : IContentChangeSink
    {
        public List<ContentChange> Changes { get; } = [];

        public ValueTask ChangedAsync(ContentChange change, CancellationToken cancellationToken = default)
        {
            lock (Changes)
                Changes.Add(change);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class Contexts(string connectionString, CommandRecorder commands, IContentChangeSink sink) : IDbContextFactory<CommunityDbContext>
    {
        public CommunityDbContext CreateDbContext()
        {
            var options = new DbContextOptionsBuilder<CommunityDbContext>();
            SqliteDatabase.ConfigureStandalone(options, connectionString);
            options.AddInterceptors(commands, new ContentChangeInterceptor(sink));
            return new CommunityDbContext(options.Options);
        }
    }
}
