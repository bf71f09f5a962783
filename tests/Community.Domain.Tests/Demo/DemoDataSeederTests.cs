using Community.Domain.Accounts;
using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Demo;

public sealed class DemoDataSeederTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static DemoDataSeeder Seeder(TestDatabase database) =>
        new(database, new MarkdownRenderer(), new FakeTimeProvider(Now));

    [Fact]
    public async Task AnEmptyDatabaseGetsTheWholeDemoCommunity()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;

        Assert.True(await Seeder(database).SeedAsync("hash", ct));

        await using var db = database.CreateDbContext();
        Assert.Equal(DemoContent.Tags.Count, await db.Tags.CountAsync(ct));
        Assert.Equal(DemoContent.Questions.Count, await db.Questions.CountAsync(ct));
        Assert.Equal(DemoContent.Questions.Sum(q => q.Answers.Length) + DemoModeration.AddedAnswers, await db.Answers.CountAsync(ct));
        Assert.Equal(DemoContent.Questions.Count(q => q.Answers.Any(a => a.Accepted)), await db.Questions.CountAsync(q => q.AcceptedAnswerId != null, ct));
        Assert.True(await db.Votes.CountAsync(ct) > 100);
        Assert.All(await db.Posts.ToListAsync(ct), post => Assert.False(string.IsNullOrWhiteSpace(post.BodyHtml)));
        Assert.All(await db.Posts.ToListAsync(ct), post => Assert.True(post.CreatedAt <= Now.UtcDateTime));
    }

    [Fact]
    public async Task EveryDemoAccountIsConfirmedAndHasItsRole()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await Seeder(database).SeedAsync("hash", ct);

        await using var db = database.CreateDbContext();
        foreach (var account in DemoContent.Accounts)
        {
            var user = await db.Users.SingleAsync(u => u.NormalizedEmail == account.Email.ToUpperInvariant(), ct);
            var roles = await db.UserRoles.Where(ur => ur.UserId == user.Id)
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync(ct);
            Assert.True(user.EmailConfirmed);
            Assert.Equal("hash", user.PasswordHash);
            Assert.Equal([account.Role], roles);
        }
    }

    [Fact]
    public async Task TheExpertHasTheMostReputation()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await Seeder(database).SeedAsync("hash", ct);

        await using var db = database.CreateDbContext();
        var top = await db.Users.OrderByDescending(u => u.Reputation).FirstAsync(ct);
        Assert.Equal("expert@demo.local", top.Email);
        Assert.True(top.Reputation > 200);
        Assert.True(await db.Users.AllAsync(u => u.Reputation >= CommunityUser.StartingReputation, ct));
        // Two long-time members can vote to close, so the demo's review queue has votes waiting.
        var closers = await db.Users.CountAsync(u => u.Reputation >= new Community.Domain.Privileges.PrivilegeOptions().VoteToClose, ct);
        Assert.Equal(3, closers);
        Assert.Equal(2, await db.CloseVotes.CountAsync(ct));
        Assert.Equal(1, await db.SuggestedEdits.CountAsync(ct));
        // Notifications: the customer has an unread answer to her question waiting; everyone follows their threads.
        var customer = await db.Users.SingleAsync(u => u.Email == "customer@demo.local", ct);
        Assert.Equal(1, await db.Notices.CountAsync(n => n.UserId == customer.Id && n.Kind == Community.Domain.Notifications.NotificationKind.AnswerOnYourQuestion && n.ReadAt == null, ct));
        Assert.True(await db.Follows.AnyAsync(f => f.UserId == customer.Id && f.QuestionId != null, ct));
        Assert.True(await db.Follows.AnyAsync(f => f.TagId != null, ct));
    }

    [Fact]
    public async Task TheDemoShowsAClosedDuplicateAnEditedQuestionRevisionsAndComments()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await Seeder(database).SeedAsync("hash", ct);

        await using var db = database.CreateDbContext();
        var duplicate = await db.Questions.SingleAsync(q => q.CloseReason == Community.Domain.Questions.CloseReason.Duplicate, ct);
        Assert.True(await db.Questions.AnyAsync(q => q.Id == duplicate.DuplicateOfId && q.AcceptedAnswerId != null, ct));
        var edited = await db.Questions.SingleAsync(q => q.EditedAt != null, ct);
        Assert.Equal(2, await db.PostRevisions.CountAsync(r => r.PostId == edited.Id, ct));
        // One revision per post, the moderator's edit, and the answer edited after its article was published (DemoKnowledgeBase).
        Assert.Equal(await db.Posts.CountAsync(ct) + 2, await db.PostRevisions.CountAsync(ct));
        Assert.True(await db.Comments.CountAsync(ct) >= 6);
    }

    [Fact]
    public async Task SeedingTwiceAddsNothing()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await Seeder(database).SeedAsync("hash", ct);

        Assert.False(await Seeder(database).SeedAsync("hash", ct));

        await using var db = database.CreateDbContext();
        Assert.Equal(DemoContent.Questions.Count, await db.Questions.CountAsync(ct));
    }

    [Fact]
    public async Task ADatabaseWithPeopleIsNeverSeeded()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateDbContext())
        {
            var someone = new CommunityUser { UserName = "a@b.c", Email = "a@b.c" };
            someone.Rename("Someone Real");
            db.Users.Add(someone);
            await db.SaveChangesAsync(ct);
        }

        Assert.False(await Seeder(database).SeedAsync("hash", ct));

        await using var check = database.CreateDbContext();
        Assert.Equal(0, await check.Questions.CountAsync(ct));
        Assert.Equal(1, await check.Users.CountAsync(ct));
    }

    [Fact]
    public void DemoContentFollowsTheForumsOwnRules()
    {
        var names = DemoContent.Accounts.Select(a => a.DisplayName).Concat(DemoContent.Members.Select(m => m.DisplayName)).ToList();
        Assert.All(names, name => Assert.Null(DisplayNames.Validate(name)));
        Assert.Equal(names.Count, names.Select(DisplayNames.Normalize).Distinct().Count());
        Assert.All(DemoContent.Questions, q => Assert.InRange(q.Title.Length, Community.Domain.Questions.Question.TitleMinLength, Community.Domain.Questions.Question.TitleMaxLength));
        Assert.All(DemoContent.Questions, q => Assert.DoesNotContain(q.Answers, a => a.Author == q.Asker));
        Assert.All(DemoContent.Questions, q => Assert.True(q.Answers.Count(a => a.Accepted) <= 1));
    }
}
