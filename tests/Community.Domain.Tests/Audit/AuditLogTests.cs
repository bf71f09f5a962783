using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Staff;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Audit;

/// <summary>The audit log on real SQLite: written with the action, read newest first, and refused any rewrite.</summary>
public sealed class AuditLogTests
{
    private static CancellationToken Ct => TestForum.Ct;

    [Fact]
    public async Task EntriesAreListedNewestFirstWithNamesAndFilteredByMemberAndAction()
    {
        await using var forum = await TestForum.CreateAsync();
        var moderator = await forum.MemberAsync("Careful Moderator");
        var author = await forum.MemberAsync("Loud Author");
        await using (var db = forum.Db())
        {
            AuditLog.Record(db, forum.Time.GetUtcNow().UtcDateTime, moderator.UserId, "post.hidden", AuditTarget.Post(7, author.UserId), "Spam links");
            AuditLog.Record(db, forum.Time.GetUtcNow().UtcDateTime.AddMinutes(1), null, "post.held", AuditTarget.Post(8, author.UserId), details: "matched: casino");
            AuditLog.Record(db, forum.Time.GetUtcNow().UtcDateTime.AddMinutes(2), moderator.UserId, "member.warned", AuditTarget.Member(moderator.UserId));
            await db.SaveChangesAsync(Ct);
        }
        var queries = new AuditQueries(forum.Database);

        var all = await queries.ListAsync(new AuditFilter(), cancellationToken: Ct);
        Assert.Equal(["member.warned", "post.held", "post.hidden"], all.Select(l => l.Action));
        Assert.Equal(AuditQueries.SystemName, all[1].ActorName);
        Assert.Equal("Careful Moderator", all[2].ActorName);
        Assert.Equal("Loud Author", all[2].TargetUserName);

        var aboutAuthor = await queries.ListAsync(new AuditFilter(TargetUserId: author.UserId), cancellationToken: Ct);
        Assert.Equal(["post.held", "post.hidden"], aboutAuthor.Select(l => l.Action));
        var posts = await queries.ListAsync(new AuditFilter(ActionPrefix: "post."), take: 1, cancellationToken: Ct);
        Assert.Equal("post.held", Assert.Single(posts).Action);
        var nextPage = await queries.ListAsync(new AuditFilter(ActionPrefix: "post."), before: posts[0].Id, cancellationToken: Ct);
        Assert.Equal("post.hidden", Assert.Single(nextPage).Action);
    }

    [Fact]
    public async Task TheDatabaseRefusesToChangeOrDeleteAnEntry()
    {
        await using var forum = await TestForum.CreateAsync();
        long id;
        await using (var db = forum.Db())
        {
            id = AuditLog.Record(db, forum.Time.GetUtcNow().UtcDateTime, null, "post.held", AuditTarget.Post(1, null), "first").Id;
            await db.SaveChangesAsync(Ct);
            id = (await db.AuditEntries.SingleAsync(Ct)).Id;
        }

        await using (var db = forum.Db())
        {
            var update = await Assert.ThrowsAnyAsync<Exception>(() =>
                db.AuditEntries.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Reason, "rewritten"), Ct));
            Assert.Contains("append-only", update.ToString());
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Id == id).ExecuteDeleteAsync(Ct));
        }

        await using (var db = forum.Db())
            Assert.Equal("first", (await db.AuditEntries.SingleAsync(Ct)).Reason);
    }

    [Fact]
    public async Task StaffRoleChangesAreInTheGeneralLog()
    {
        await using var forum = await TestForum.CreateAsync();
        await using (var db = forum.Db())
            await RoleSeeder.EnsureRolesAsync(db, Ct);
        var admin = await forum.MemberAsync("The Admin");
        var member = await forum.MemberAsync("New Hire");
        var manage = new ManageStaff(forum.Database, forum.Time);
        await manage.GrantAsync(admin, true, member.UserId, new("Sam Ortega", "Support engineer", "Technical support", null, null), Ct);
        await manage.RevokeAsync(admin, true, member.UserId, Ct);

        var lines = await new AuditQueries(forum.Database).ListAsync(new AuditFilter(TargetUserId: member.UserId), cancellationToken: Ct);
        Assert.Equal([AuditActions.StaffRevoked, AuditActions.StaffGranted], lines.Select(l => l.Action));
        Assert.All(lines, l => Assert.Equal("The Admin", l.ActorName));
        Assert.Contains("Support engineer", lines[1].Details);
    }
}
