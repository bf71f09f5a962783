using Community.Domain.Accounts;
using Community.Domain.KnowledgeBase;
using Community.Domain.Posting;
using Community.Domain.Staff;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>A <see cref="TestForum"/> with the knowledge base's real services, a staff member and an admin.</summary>
public sealed class KnowledgeBaseForum : IAsyncDisposable
{
    private KnowledgeBaseForum(TestForum forum, KnowledgeBaseOptions options)
    {
        Forum = forum;
        Options = options;
        Feed = new KnowledgeBaseFeed(forum.Database, forum.Ledger, forum.Markdown, options, forum.Time);
        Curate = new CurateArticle(forum.Database, forum.Ledger, forum.Markdown, options, forum.Time);
        Queries = new ArticleQueries(forum.Database);
        Rate = new RateArticle(forum.Database, forum.Time);
        Outbox = new KnowledgeBaseOutboxAdmin(forum.Database, options, forum.Time);
        Official = new MarkOfficialAnswer(forum.Database, forum.Time);
    }

    public TestForum Forum { get; }
    public KnowledgeBaseOptions Options { get; }
    public KnowledgeBaseFeed Feed { get; }
    public CurateArticle Curate { get; }
    public ArticleQueries Queries { get; }
    public RateArticle Rate { get; }
    public KnowledgeBaseOutboxAdmin Outbox { get; }
    public MarkOfficialAnswer Official { get; }
    public Actor Staff { get; private set; } = default!;
    public Actor Admin { get; private set; } = default!;

    public static CancellationToken Ct => TestForum.Ct;

    public static async Task<KnowledgeBaseForum> CreateAsync(KnowledgeBaseOptions? options = null)
    {
        var forum = await TestForum.CreateAsync();
        var kb = new KnowledgeBaseForum(forum, options ?? new KnowledgeBaseOptions());
        await using (var db = forum.Db())
            await RoleSeeder.EnsureRolesAsync(db, Ct);
        kb.Admin = await forum.MemberAsync("Alex Admin");
        await kb.AddRoleAsync(kb.Admin, Roles.Admin);
        kb.Staff = await forum.MemberAsync("Sam Staff");
        var granted = await new ManageStaff(forum.Database, forum.Time).GrantAsync(kb.Admin, true, kb.Staff.UserId,
            new StaffDisclosureInput("Sam Ortega", "Support engineer", "Technical support", null, null), Ct);
        Assert.True(granted.Succeeded, granted.Message);
        return kb;
    }

    public async Task AddRoleAsync(Actor member, string role)
    {
        await using var db = Forum.Db();
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(Ct);
        db.UserRoles.Add(new() { UserId = member.UserId, RoleId = roleId });
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>A question by a new asker, answered by <paramref name="answerer"/> (a new member when null) and accepted.</summary>
    public async Task<(int Question, int Answer, Actor Asker, Actor Answerer)> ResolvedThreadAsync(Actor? answerer = null, string title = TestForum.QuestionTitle)
    {
        var asker = await Forum.MemberAsync();
        answerer ??= await Forum.MemberAsync();
        var question = await Forum.AskAsync(asker, title);
        var answer = await Forum.AnswerAsync(answerer, question);
        var accepted = await Forum.Accept.AcceptAsync(asker, answer, Ct);
        Assert.True(accepted.Succeeded, accepted.Message);
        return (question, answer, asker, answerer);
    }

    public async Task<IReadOnlyList<KnowledgeBaseOutboxEntry>> EntriesAsync(int questionId)
    {
        await using var db = Forum.Db();
        return await db.KnowledgeBaseOutbox.AsNoTracking().Where(e => e.QuestionId == questionId).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    /// <summary>Processes every entry not done yet, as the jobs would.</summary>
    public async Task RunFeedAsync()
    {
        await using var db = Forum.Db();
        var ids = await db.KnowledgeBaseOutbox.Where(e => e.DoneAt == null).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct);
        foreach (var id in ids)
            await Feed.ProcessAsync(id, Ct);
    }

    public async Task<List<Article>> ArticlesAsync()
    {
        await using var db = Forum.Db();
        return await db.KnowledgeBaseArticles.AsNoTracking().Include(a => a.Revisions).ThenInclude(r => r.Credits).ToListAsync(Ct);
    }

    public async Task<Article> ArticleAsync(int questionId) => (await ArticlesAsync()).Single(a => a.SourceQuestionId == questionId);

    public ValueTask DisposeAsync() => Forum.DisposeAsync();
}
