using Community.Domain.Notifications;
using Community.Domain.Posting;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Notifications;

/// <summary>The e-mail outbox and the daily digest on real SQLite with a fake clock.</summary>
public sealed class NotificationMailTests
{
    private static CancellationToken Ct => TestForum.Ct;

    private static async Task ConfirmEmailAsync(TestForum forum, Actor member)
    {
        await using var db = forum.Db();
        await db.Users.Where(u => u.Id == member.UserId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, member.UserId + "@example.test").SetProperty(u => u.EmailConfirmed, true), Ct);
    }

    [Fact]
    public async Task AnImmediateEmailIsPreparedOnceAndNotForAThreadThatWasDeletedMeanwhile()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, mail, asker, question) = await AskerWithMailAsync(forum, "Asking Anna");
        await notifier.AnswerPostedAsync(await forum.AnswerAsync(await forum.MemberAsync("Helpful Hal"), question), Ct);
        var second = await forum.AskAsync(asker, "Second question about the mesh");
        await notifier.AnswerPostedAsync(await forum.AnswerAsync(await forum.MemberAsync(), second), Ct);
        await using var db = forum.Db();
        var entries = await db.EmailOutbox.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync(Ct);
        Assert.Equal(2, entries.Count);

        var email = await mail.PrepareAsync(entries[0], Ct);
        Assert.NotNull(email);
        Assert.Equal(asker.UserId + "@example.test", email.ToAddress);
        Assert.StartsWith("Helpful Hal answered your question", email.Subject);
        Assert.Equal(NotificationKind.AnswerOnYourQuestion, email.UnsubscribeKind);
        await mail.MarkSentAsync(entries[0], Ct);
        Assert.Null(await mail.PrepareAsync(entries[0], Ct));

        await forum.Delete.DeleteAsync(asker, second, Ct);
        Assert.Null(await mail.PrepareAsync(entries[1], Ct));
        Assert.NotNull((await db.EmailOutbox.AsNoTracking().SingleAsync(e => e.Id == entries[1], Ct)).SkippedAt);
        Assert.Empty(await mail.StrandedAsync(Ct));
    }

    [Fact]
    public async Task TheDailyDigestGathersADaysNotificationsOncePerMemberWhateverTheRuns()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, mail, asker, question) = await AskerWithMailAsync(forum);
        var answerer = await forum.MemberAsync("Commenting Carl");
        await forum.AnswerAsync(await forum.MemberAsync(), question);
        // Comments on the asker's question are daily-digest news by default.
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 23, 23, 59, 0, TimeSpan.Zero));
        await notifier.CommentPostedAsync(await CommentAsync(forum, answerer, question, "Could you say which firmware you have on the hallway Point?"), Ct);
        forum.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 0, 1, 0, TimeSpan.Zero));
        await notifier.CommentPostedAsync(await CommentAsync(forum, answerer, question, "And whether the light is amber or red, please, it matters."), Ct);

        var day = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc);
        var queued = await mail.QueueDigestsAsync(day, Ct);
        var again = await mail.QueueDigestsAsync(day, Ct);

        Assert.Single(queued);
        Assert.Empty(again);
        var digest = await mail.PrepareAsync(queued[0], Ct);
        Assert.NotNull(digest);
        Assert.Null(digest.UnsubscribeKind);
        Assert.Equal(["Commenting Carl commented on your question “" + TestForum.QuestionTitle + "”"], digest.Lines.Select(l => l.Text));
        // The next day's digest holds the comment from after midnight.
        var next = await mail.QueueDigestsAsync(day.AddDays(1), Ct);
        Assert.Single((await mail.PrepareAsync(Assert.Single(next), Ct))!.Lines);
    }

    [Fact]
    public async Task AFailedSendIsCountedAndLeftForTheSweepUntilItHasFailedTooOften()
    {
        await using var forum = await TestForum.CreateAsync();
        var (notifier, mail, asker, question) = await AskerWithMailAsync(forum);
        await notifier.AnswerPostedAsync(await forum.AnswerAsync(await forum.MemberAsync(), question), Ct);
        await using var db = forum.Db();
        var id = await db.EmailOutbox.Select(e => e.Id).SingleAsync(Ct);
        forum.Time.Advance(TimeSpan.FromMinutes(2));

        for (var attempt = 1; attempt <= NotificationMail.MaxAttempts; attempt++)
        {
            Assert.Equal([id], await mail.StrandedAsync(Ct));
            await mail.MarkFailedAsync(id, "SMTP 451: try again later", Ct);
        }

        Assert.Empty(await mail.StrandedAsync(Ct));
        Assert.Equal("SMTP 451: try again later", (await db.EmailOutbox.AsNoTracking().SingleAsync(Ct)).LastError);
    }

    /// <summary>The services, and an asker with a confirmed address who asked one question.</summary>
    private static async Task<(Notifier, NotificationMail, Actor, int)> AskerWithMailAsync(TestForum forum, string? name = null)
    {
        var asker = await forum.MemberAsync(name);
        await ConfirmEmailAsync(forum, asker);
        return (new Notifier(forum.Database, forum.Time, new InProcessLiveEvents()), new NotificationMail(forum.Database, forum.Time), asker, await forum.AskAsync(asker));
    }

    private static async Task<int> CommentAsync(TestForum forum, Actor author, int postId, string text) =>
        (await forum.Comment.ExecuteAsync(author, new Comments.AddCommentCommand(postId, text, null), Ct)).Value;
}
