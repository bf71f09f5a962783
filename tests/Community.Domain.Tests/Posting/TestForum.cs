using Community.Domain.Accounts;
using Community.Domain.Comments;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Reputation;
using Community.Domain.Questions;
using Community.Domain.Tests.Persistence;
using Community.Domain.Voting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Posting;

/// <summary>
/// One test's forum: a fresh migrated SQLite file, a fake clock, the real services, a few tags,
/// and shortcuts to make members, questions and answers. Nothing here is shared between tests.
/// </summary>
public sealed class TestForum : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<string> TagNames = ["billing", "setup", "wifi", "firmware", "mobile-app", "router"];

    public const string QuestionTitle = "Router drops Wi-Fi every night";
    public const string QuestionBody = "Every night at about 2am the Wi-Fi goes away for ten minutes. What can I check?";
    public const string AnswerBody = "Look at the scheduled firmware update window in the admin page; move it elsewhere.";

    private int _users;
    private readonly List<ReputationEntry> _startingBonuses = [];

    private TestForum(TestDatabase database, WriteRateLimitOptions limits)
    {
        Database = database;
        Time = new FakeTimeProvider(Start);
        Markdown = new MarkdownRenderer();
        Limits = new WriteRateLimits(limits, Time);
        Points = new ReputationOptions();
        Privileges = new PrivilegeOptions();
        Ledger = new ReputationLedger(Points, Time);
        Ask = new AskQuestion(database, Markdown, Limits, Time);
        Answer = new AnswerQuestion(database, Markdown, Limits, Time);
        Accept = new AcceptAnswer(database, Ledger, Time);
        Close = new CloseQuestion(database, Time);
        Views = new CountQuestionView(database, Time);
        Edit = new EditPost(database, Markdown, Limits, Time);
        Delete = new DeletePost(database, Ledger, Time);
        Vote = new CastVote(database, Limits, Ledger, Privileges, Time);
        Comment = new AddComment(database, Markdown, Limits, Privileges, Time);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Time { get; }
    public MarkdownRenderer Markdown { get; }
    public WriteRateLimits Limits { get; }
    public ReputationOptions Points { get; }
    public PrivilegeOptions Privileges { get; }
    public ReputationLedger Ledger { get; }
    public AskQuestion Ask { get; }
    public AnswerQuestion Answer { get; }
    public AcceptAnswer Accept { get; }
    public CloseQuestion Close { get; }
    public CountQuestionView Views { get; }
    public EditPost Edit { get; }
    public DeletePost Delete { get; }
    public CastVote Vote { get; }
    public AddComment Comment { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The bytes of one SQLite file brought up by the real migrations, made once per test run: each forum starts from its
    /// own copy, which is as real as migrating again and a few hundred milliseconds faster per test. (PostgreSQL copies
    /// a migrated template database instead, see <see cref="TestDatabase.MigratedAsync"/>.)
    /// </summary>
    private static readonly Lazy<Task<byte[]>> MigratedFile = new(async () =>
    {
        await using var template = await TestDatabase.MigratedAsync();
        return await File.ReadAllBytesAsync(template.FilePath);
    });

    public static async Task<TestForum> CreateAsync(WriteRateLimitOptions? limits = null)
    {
        TestDatabase database;
        if (Community.Testing.TestProvider.IsPostgres)
            database = await TestDatabase.MigratedAsync();
        else
        {
            database = await TestDatabase.EmptyAsync();
            await File.WriteAllBytesAsync(database.FilePath, await MigratedFile.Value, Ct);
        }
        await using (var db = database.CreateDbContext())
        {
            db.Tags.AddRange(TagNames.Select(name => new Tag { Name = name, Description = $"Questions about {name}." }));
            await db.SaveChangesAsync(Ct);
        }
        return new TestForum(database, limits ?? new WriteRateLimitOptions());
    }

    public CommunityDbContext Db() => Database.CreateDbContext();

    /// <summary>The full-text search of this run's engine, as the app registers it.</summary>
    public Domain.Search.ISearchIndex SearchIndex(Domain.Search.SearchBounds? bounds = null) => Database.IsPostgres
        ? new Domain.Search.PostgresSearchIndex(Database, Time, bounds)
        : new Domain.Search.SqliteSearchIndex(Database, Time, bounds);

    private void FlushBonuses(CommunityDbContext db)
    {
        lock (_startingBonuses)
        {
            db.ReputationEntries.AddRange(_startingBonuses);
            _startingBonuses.Clear();
        }
    }

    public Task<Actor> MemberAsync(string? name = null) => UserAsync(name, moderator: false);

    public Task<Actor> ModeratorAsync(string? name = null) => UserAsync(name, moderator: true);

    /// <summary>Several members at once, in one save.</summary>
    public async Task<IReadOnlyList<Actor>> MembersAsync(int count)
    {
        await using var db = Db();
        var users = Enumerable.Range(0, count).Select(_ => NewUser(null)).ToList();
        db.Users.AddRange(users);
        FlushBonuses(db);
        await db.SaveChangesAsync(Ct);
        return users.Select(u => new Actor(u.Id, false)).ToList();
    }

    private async Task<Actor> UserAsync(string? name, bool moderator)
    {
        await using var db = Db();
        var user = NewUser(name);
        db.Users.Add(user);
        FlushBonuses(db);
        await db.SaveChangesAsync(Ct);
        return new Actor(user.Id, moderator);
    }

    /// <summary>
    /// Members start with enough reputation to vote and comment anywhere, so tests of posting are not tests of
    /// privileges; <see cref="MemberWithReputationAsync"/> makes one with exactly the reputation a test needs.
    /// </summary>
    public const int DefaultReputation = 500;

    public async Task<Actor> MemberWithReputationAsync(int reputation, string? name = null)
    {
        await using var db = Db();
        var user = NewUser(name, reputation);
        db.Users.Add(user);
        FlushBonuses(db);
        await db.SaveChangesAsync(Ct);
        return new Actor(user.Id, false);
    }

    /// <summary>A member's cached total and ledger sum, as stored.</summary>
    public async Task<(int Reputation, long Points, long LedgerSum)> ReputationOfAsync(Actor member)
    {
        await using var db = Db();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == member.UserId, Ct);
        var sum = await db.ReputationEntries.Where(e => e.UserId == member.UserId).SumAsync(e => (long)e.Amount, Ct);
        return (user.Reputation, user.ReputationPoints, sum);
    }

    /// <summary>A member whose starting reputation is a bonus in the ledger, so cached totals and the ledger agree from the start.</summary>
    private CommunityUser NewUser(string? name, int reputation = DefaultReputation)
    {
        var n = Interlocked.Increment(ref _users);
        var user = new CommunityUser
        {
            UserName = $"user{n}@test.local", Email = $"user{n}@test.local", CreatedAt = Start.UtcDateTime,
            ReputationPoints = reputation - ReputationRules.Floor, Reputation = reputation,
        };
        if (reputation > ReputationRules.Floor)
            lock (_startingBonuses) _startingBonuses.Add(new ReputationEntry
            {
                UserId = user.Id, Amount = reputation - ReputationRules.Floor, Reason = ReputationReason.Bonus,
                SourceKey = $"bonus:start:{user.Id}", CreatedAt = Start.UtcDateTime.AddDays(-30),
            });
        user.Rename(name ?? $"Member {n}");
        return user;
    }

    /// <summary>Asks a valid question and returns its id; fails the test if the service refuses.</summary>
    public async Task<int> AskAsync(Actor asker, string title = QuestionTitle, string body = QuestionBody, params string[] tags)
    {
        var result = await Ask.ExecuteAsync(asker, new AskQuestionCommand(title, body, tags.Length == 0 ? ["wifi"] : tags), Ct);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    /// <summary>Answers a question and returns the answer's id; fails the test if the service refuses.</summary>
    public async Task<int> AnswerAsync(Actor answerer, int questionId, string body = AnswerBody)
    {
        var result = await Answer.ExecuteAsync(answerer, new AnswerQuestionCommand(questionId, body), Ct);
        Assert.True(result.Succeeded, result.Message);
        return result.Value;
    }

    public async Task<Question> QuestionAsync(int id)
    {
        await using var db = Db();
        return await db.Questions.AsNoTracking().Include(q => q.Tags).SingleAsync(q => q.Id == id, Ct);
    }

    public async Task<Post> PostAsync(int id)
    {
        await using var db = Db();
        return await db.Posts.AsNoTracking().SingleAsync(p => p.Id == id, Ct);
    }

    public ValueTask DisposeAsync() => Database.DisposeAsync();
}
