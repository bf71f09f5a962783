using Community.Domain.Badges;
using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Moderation;
using Community.Domain.Posting;
using Community.Domain.Privileges;
using Community.Domain.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Moderation;

/// <summary>The demo community shows moderation working for each demo account.</summary>
public sealed class DemoModerationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TheDemoHasAQueueAFlaggerWithOutcomesAWarnedMemberAndAnAuditLog()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Now);
        await new DemoDataSeeder(database, new MarkdownRenderer(), time).SeedAsync("hash", ct);
        await using var db = database.CreateDbContext();
        var id = await db.Users.ToDictionaryAsync(u => u.Email!, u => u.Id, ct);

        var queue = await new ReviewQueue(database, new PrivilegeOptions(), time).PendingAsync(new Actor(id["moderator@demo.local"], true), ct);
        Assert.True(queue.Count >= 4);
        Assert.Contains(queue, i => i.IsHeld && i.Flags.Any(f => f.MatchedTerm == "outlet deals"));
        Assert.Contains(queue, i => i.Flags.Any(f => f.Reason == FlagReason.NeedsStaffAttention));
        Assert.True(queue[0].IsHeld);

        var dana = await new MyFlags(database, new ModerationOptions(), time).ForAsync(id["customer@demo.local"], cancellationToken: ct);
        Assert.Contains(dana.Flags, f => f.Status == FlagStatus.Helpful && f.Outcome!.StartsWith("Helpful"));
        Assert.Contains(dana.Flags, f => f.Status == FlagStatus.Declined && f.Outcome == FlagRules.DeclinedOutcome);
        Assert.True(await db.BadgeAwards.AnyAsync(a => a.UserId == id["customer@demo.local"] && a.BadgeId == BadgeCatalogue.CitizenPatrol.Id, ct));

        Assert.Equal(1, await db.MemberSanctions.CountAsync(s => s.Kind == SanctionKind.Warning, ct));
        Assert.True(await db.AuditEntries.CountAsync(ct) >= 5);
        Assert.Equal(3, await db.WatchTerms.CountAsync(ct));
        // The held answer is not counted on its question, nor shown to visitors.
        var held = await db.Answers.SingleAsync(a => a.HiddenAt != null, ct);
        var thread = await new Community.Domain.Questions.QuestionQueries(database).ThreadAsync(held.QuestionId, null, ct);
        Assert.DoesNotContain(thread!.Answers, a => a.Id == held.Id);
        Assert.Equal(thread.Answers.Count, (await db.Questions.SingleAsync(q => q.Id == held.QuestionId, ct)).AnswerCount);
    }
}
