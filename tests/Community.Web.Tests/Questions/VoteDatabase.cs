using Community.Domain.Accounts;
using Community.Testing;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Community.Web.Tests.Questions;

/// <summary>
/// For the interactive <c>VoteButtons</c> tests: a migrated database (SQLite, or PostgreSQL on a PostgreSQL run) with an author and a voter, so that a click
/// goes through the real <see cref="Community.Domain.Voting.CastVote"/>. Each test makes its own question in it.
/// </summary>
public sealed class VoteDatabase : IDbContextFactory<CommunityDbContext>, IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"community-votes-{Guid.NewGuid():N}.db");
    private string? postgres;

    public DatabaseProvider Provider => TestProvider.Current;

    /// <summary>A SQLite file, or on a PostgreSQL run a database of the test server.</summary>
    public string ConnectionString => TestProvider.IsPostgres
        ? postgres ??= TestPostgres.CreateMigratedDatabase()
        : $"Data Source={path};Pooling=False";

    public string AuthorId { get; private set; } = "";
    public string VoterId { get; private set; } = "";

    public CommunityDbContext CreateDbContext()
    {
        var options = new DbContextOptionsBuilder<CommunityDbContext>();
        CommunityDatabase.ConfigureStandalone(options, Provider, ConnectionString);
        return new CommunityDbContext(options.Options);
    }

    public async ValueTask InitializeAsync()
    {
        await new DatabaseMigrator(this).MigrateAsync();
        await using var db = CreateDbContext();
        var author = User("author@votes.test", "Dana Author", reputation: 1);
        // Enough to hold the voting privileges (up and down).
        var voter = User("voter@votes.test", "Priya Voter", reputation: 5_000);
        db.Users.AddRange(author, voter);
        await db.SaveChangesAsync();
        (AuthorId, VoterId) = (author.Id, voter.Id);
    }

    private static CommunityUser User(string email, string name, int reputation)
    {
        var user = new CommunityUser { UserName = email, Email = email, CreatedAt = DateTime.UtcNow, Reputation = reputation };
        user.Rename(name);
        return user;
    }

    /// <summary>A question by <see cref="AuthorId"/> with the given score (as if others had voted).</summary>
    public async Task<int> QuestionAsync(int score)
    {
        await using var db = CreateDbContext();
        var question = new Question
        {
            Title = "Beacon Point blinks amber after the update",
            Body = "It blinks amber every evening since the 4.2 update.",
            BodyHtml = "<p>It blinks amber every evening since the 4.2 update.</p>",
            AuthorId = AuthorId,
            CreatedAt = DateTime.UtcNow,
            LastActivityAt = DateTime.UtcNow,
            Score = score,
        };
        db.Questions.Add(question);
        await db.SaveChangesAsync();
        return question.Id;
    }

    public async Task<(int Score, int? MyVote)> StoredAsync(int postId, string voterId)
    {
        await using var db = CreateDbContext();
        var score = await db.Posts.Where(p => p.Id == postId).Select(p => p.Score).SingleAsync();
        var vote = await db.Votes.Where(v => v.PostId == postId && v.VoterId == voterId).Select(v => (int?)v.Value).SingleOrDefaultAsync();
        return (score, vote);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await TestPostgres.DropDatabaseAsync(postgres);
            return;
        }
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            File.Delete(file);
    }
}
