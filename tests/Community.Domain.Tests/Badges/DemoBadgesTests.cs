using Community.Domain.Badges;
using Community.Domain.Demo;
using Community.Domain.Markdown;
using Community.Domain.Tests.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Community.Domain.Tests.Badges;

public sealed class DemoBadgesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheDemoCommunityHoldsTheBadgesItsActivityEarned()
    {
        await using var database = await TestDatabase.MigratedAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        await new DemoDataSeeder(database, new MarkdownRenderer(), time).SeedAsync("hash", Ct);

        await using var db = database.CreateDbContext();
        var expert = await db.Users.SingleAsync(u => u.NormalizedEmail == "EXPERT@DEMO.LOCAL", Ct);
        var held = await db.BadgeAwards.Where(a => a.UserId == expert.Id).Select(a => a.BadgeId).Distinct().ToListAsync(Ct);
        Assert.Superset(new HashSet<int> { BadgeCatalogue.Teacher.Id, BadgeCatalogue.NiceAnswer.Id, BadgeCatalogue.Supporter.Id, BadgeCatalogue.TagBronze.Id }, held.ToHashSet());
        Assert.True(await db.Notices.AnyAsync(n => n.UserId == expert.Id, Ct));
        Assert.Empty(await new BadgeAwarder(database, time).SweepAsync(Ct));
    }
}
