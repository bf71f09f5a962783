using Community.Domain.Escalations;
using Community.Domain.Notifications;
using Community.Domain.Tests.Escalations;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Notifications;

/// <summary>The contact-centre notifications: a staff reply in a private conversation, an escalation assigned to someone.</summary>
public sealed class StaffNotificationTests
{
    private static CancellationToken Ct => EscalationForum.Ct;

    [Fact]
    public async Task TheAskerHearsOfAStaffReplyButNotOfTheirOwnMessageAndTheEmailSaysNothingPrivate()
    {
        await using var f = await EscalationForum.CreateAsync();
        var notifier = new Notifier(f.Forum.Database, f.Forum.Time, new InProcessLiveEvents());
        var followUps = new PrivateFollowUps(f.Forum.Database, f.Escalate, f.Forum.Limits, f.Forum.Time, notifier);
        var asker = await f.Forum.MemberAsync();
        var question = await f.Forum.AskAsync(asker);
        await f.EscalatedAsync(question);
        var conversation = (await followUps.OpenAsync(f.Staff, question, Ct)).Value;

        await followUps.PostAsync(asker, conversation, "My order number is BW-20261102.", null, Ct);
        await followUps.PostAsync(f.Staff, conversation, "Thanks, I found order BW-20261102 and sent a replacement.", null, Ct);

        await using var db = f.Forum.Db();
        var notice = await db.Notices.SingleAsync(n => n.Kind == NotificationKind.StaffReply, Ct);
        Assert.Equal(asker.UserId, notice.UserId);
        Assert.Equal($"private/{conversation}", notice.Link);
        Assert.DoesNotContain("BW-", notice.Text);
        Assert.Equal(notice.Id, (await db.EmailOutbox.SingleAsync(Ct)).NoticeId);
    }

    [Fact]
    public async Task AnAssigneeHearsOfTheEscalationButNotWhoeverAssignsItToThemselves()
    {
        await using var f = await EscalationForum.CreateAsync();
        var notifier = new Notifier(f.Forum.Database, f.Forum.Time, new InProcessLiveEvents());
        var work = new WorkOnEscalation(f.Forum.Database, f.Forum.Time, notifier);
        var question = await f.Forum.AskAsync(await f.Forum.MemberAsync());
        var id = await f.EscalatedAsync(question);

        Assert.True((await work.AssignAsync(f.Staff, id, f.Staff.UserId, Ct)).Succeeded);
        Assert.True((await work.AssignAsync(f.Admin, id, f.Staff.UserId, Ct)).Succeeded);

        await using var db = f.Forum.Db();
        var notice = await db.Notices.SingleAsync(n => n.Kind == NotificationKind.EscalationAssigned, Ct);
        Assert.Equal(f.Staff.UserId, notice.UserId);
        Assert.Equal($"staff/desk/{id}", notice.Link);
    }
}
