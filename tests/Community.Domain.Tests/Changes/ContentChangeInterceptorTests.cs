using Community.Domain.Changes;
using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Changes;

/// <summary>
/// What a write changed of the public pages is reported once it is committed, never before and never after a
/// rollback (a cached page evicted before the commit could be rendered again from the old rows). Real SQLite.
/// </summary>
public sealed class ContentChangeInterceptorTests : IAsyncLifetime
{
    private sealed class RecordingSink : IContentChangeSink
    {
        public List<ContentChange> Reports { get; } = [];

        public ValueTask ChangedAsync(ContentChange change, CancellationToken cancellationToken = default)
        {
            Reports.Add(change);
            return ValueTask.CompletedTask;
        }
    }

    private readonly RecordingSink sink = new();
    private TestForum forum = null!;
    private int questionId;
    private int answerId;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        questionId = await forum.AskAsync(asker);
        answerId = await forum.AnswerAsync(await forum.MemberAsync(), questionId);
    }

    public async ValueTask DisposeAsync() => await forum.DisposeAsync();

    /// <summary>A context on the forum's database with the interceptor, as the web app configures it.</summary>
    private CommunityDbContext Watched()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, forum.Database.Provider, forum.Database.ConnectionString);
        options.AddInterceptors(new ContentChangeInterceptor(sink));
        return new CommunityDbContext(options.Options);
    }

    private Comment CommentOn(int postId, string authorId) =>
        new() { PostId = postId, AuthorId = authorId, Body = "Which firmware?", BodyHtml = "<p>Which firmware?</p>", CreatedAt = forum.Time.GetUtcNow().UtcDateTime };

    private async Task<string> AuthorIdAsync() => (await forum.PostAsync(answerId)).AuthorId;

    [Fact]
    public async Task ASaveWithoutATransactionIsReportedOnceWithThePostItChanged()
    {
        var author = await AuthorIdAsync();
        await using var db = Watched();
        db.Comments.Add(CommentOn(answerId, author));

        await db.SaveChangesAsync(Ct);

        var report = Assert.Single(sink.Reports);
        Assert.Equal([answerId], report.PostIds);
        Assert.False(report.Listings);
    }

    [Fact]
    public async Task ANewAnswerReportsItsQuestionAndTheListings()
    {
        var author = await AuthorIdAsync();
        await using var db = Watched();
        db.Answers.Add(new Answer { QuestionId = questionId, AuthorId = author, Body = "Restart it.", BodyHtml = "<p>Restart it.</p>", CreatedAt = forum.Time.GetUtcNow().UtcDateTime });

        await db.SaveChangesAsync(Ct);

        var report = Assert.Single(sink.Reports);
        Assert.Contains(questionId, report.PostIds);
        Assert.True(report.Listings);
    }

    [Fact]
    public async Task InsideATransactionNothingIsReportedUntilTheCommit()
    {
        var author = await AuthorIdAsync();
        await using var db = Watched();
        // Inside the execution strategy, as every explicit transaction (PostgreSQL's retrying strategy refuses others).
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            db.Comments.Add(CommentOn(questionId, author));
            await db.SaveChangesAsync(Ct);

            Assert.Empty(sink.Reports);
            await transaction.CommitAsync(Ct);
        });

        Assert.Equal([questionId], Assert.Single(sink.Reports).PostIds);
    }

    [Fact]
    public async Task ARolledBackWriteIsNeverReported()
    {
        var author = await AuthorIdAsync();
        await using (var db = Watched())
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(Ct);
                db.Comments.Add(CommentOn(questionId, author));
                await db.SaveChangesAsync(Ct);
                await transaction.RollbackAsync(Ct);
            });
        }

        Assert.Empty(sink.Reports);
    }

    [Fact]
    public async Task AnUntrackedUpdateNamedBeforehandIsReportedOnceItCommits()
    {
        await using var db = Watched();
        ContentChanges.Posts(db, questionId);
        Assert.Empty(sink.Reports);

        // Auto-committed: EF lets the connection go right after the statement, and that is when it is reported.
        await db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(set => set.SetProperty(q => q.OfficialAnswerId, (int?)null), Ct);

        var report = Assert.Single(sink.Reports);
        Assert.Equal([questionId], report.PostIds);
        Assert.True(report.Listings);
    }
}
