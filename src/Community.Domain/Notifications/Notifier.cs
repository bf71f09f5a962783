using Community.Domain.Notices;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Community.Domain.Notifications;

/// <summary>Hands queued e-mail to whatever sends it (the web app: a Hangfire job); a sweep sends what this misses.</summary>
public interface IEmailOutboxQueue
{
    void Enqueue(long outboxEntryId);
}

/// <summary>
/// Tells members about activity after the write that caused it committed: who is told is <see cref="NotificationRules"/>'
/// decision; each notification is a notice (the bell and /notifications), an e-mail in the outbox when the member wants it
/// at once, and a live event for open pages. Failing here never fails the write: the post is there, the news can wait.
/// (An acceptance writes its notice in its own transaction instead, <see cref="RecordAcceptanceAsync"/>.)
/// </summary>
public sealed class Notifier(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time, ILiveEvents live,
    IEmailOutboxQueue? emailQueue = null, ILogger<Notifier>? logger = null)
{
    private readonly ILogger log = (ILogger?)logger ?? NullLogger.Instance;

    public ILiveEvents Live => live;

    /// <summary>Runs one notification step after a write, swallowing and logging what goes wrong.</summary>
    public static async Task AfterAsync(Notifier? notifier, Func<Notifier, Task> step)
    {
        if (notifier is null)
            return;
        try
        {
            await step(notifier);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            notifier.log.LogWarning(e, "Could not notify members about a write; the write itself succeeded");
        }
    }

    public async Task QuestionAskedAsync(int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId)
            .Select(q => new { q.Id, q.Title, q.AuthorId, q.Body, q.DeletedAt, q.HiddenAt, AuthorName = q.Author!.DisplayName, TagIds = q.Tags.Select(t => t.Id).ToList() })
            .SingleOrDefaultAsync(cancellationToken);
        if (question is null)
            return;
        await FollowAsync(db, question.AuthorId, question.Id, cancellationToken);
        var tagFollowers = await db.Follows.Where(f => f.TagId != null && question.TagIds.Contains(f.TagId.Value)).Select(f => f.UserId).Distinct().ToListAsync(cancellationToken);
        var audience = new Audience(question.AuthorId, question.DeletedAt is null && question.HiddenAt is null, await MayPostAsync(db, question.AuthorId, cancellationToken),
            Mentioned: await MentionedAsync(db, question.Body, question.Id, cancellationToken), TagFollowers: tagFollowers.ToHashSet());
        var link = $"questions/{question.Id}/{Slug.From(question.Title)}";
        await TellAsync(db, NotificationRules.ForQuestion(audience), question.Id, question.AuthorId, link, kind => kind switch
        {
            NotificationKind.Mention => $"{question.AuthorName} mentioned you in “{question.Title}”",
            _ => $"New question in a tag you follow: “{question.Title}”",
        }, cancellationToken);
    }

    /// <remarks>
    /// Answers come many at once (issue 11: 64 writers): the follow, the notices and their e-mails are one write
    /// transaction that joins the group commit (docs/decisions/0008), rather than three writes each waiting for the
    /// lock; what tells the outside world (e-mail queue, live events) runs after its commit.
    /// </remarks>
    public async Task AnswerPostedAsync(int answerId, CancellationToken cancellationToken = default)
    {
        var afterCommit = await contexts.RunGroupCommittedAsync(async db =>
        {
            var answer = await db.Answers.AsNoTracking().Where(a => a.Id == answerId)
                .Select(a => new
                {
                    a.Id, a.AuthorId, a.Body, a.DeletedAt, a.HiddenAt, AuthorName = a.Author!.DisplayName,
                    QuestionId = a.QuestionId, QuestionTitle = a.Question!.Title, QuestionAuthorId = a.Question.AuthorId, QuestionDeletedAt = a.Question.DeletedAt, QuestionHiddenAt = a.Question.HiddenAt,
                })
                .SingleOrDefaultAsync(cancellationToken);
            var after = new List<Action>();
            if (answer is null)
                return after;
            var mayPost = await MayPostAsync(db, answer.AuthorId, cancellationToken);
            var mentioned = await MentionedAsync(db, answer.Body, answer.QuestionId, cancellationToken);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            await FollowAsync(db, answer.AuthorId, answer.QuestionId, cancellationToken);
            var audience = new Audience(answer.AuthorId, answer.DeletedAt is null && answer.HiddenAt is null && answer.QuestionDeletedAt is null && answer.QuestionHiddenAt is null, mayPost,
                QuestionAuthorId: answer.QuestionAuthorId,
                Mentioned: mentioned,
                QuestionFollowers: await FollowersAsync(db, answer.QuestionId, cancellationToken));
            var link = $"questions/{answer.QuestionId}/{Slug.From(answer.QuestionTitle)}#answer-{answer.Id}";
            await TellAsync(db, NotificationRules.ForAnswer(audience), answer.QuestionId, answer.AuthorId, link,
                kind => AnswerNoticeText(kind, answer.AuthorName, answer.QuestionTitle), cancellationToken, afterCommit: after);
            await transaction.CommitAsync(cancellationToken);
            after.Add(() => live.Publish(new QuestionActivity(answer.QuestionId, QuestionChange.NewAnswer, answer.Id, answer.AuthorId)));
            return after;
        }, cancellationToken);
        foreach (var action in afterCommit)
            action();
    }

    /// <summary>What an answer's notice says to the asker, to someone it mentions, and to the thread's followers.</summary>
    private static string AnswerNoticeText(NotificationKind kind, string authorName, string questionTitle) => kind switch
    {
        NotificationKind.AnswerOnYourQuestion => $"{authorName} answered your question “{questionTitle}”",
        NotificationKind.Mention => $"{authorName} mentioned you in an answer on “{questionTitle}”",
        _ => $"{authorName} answered “{questionTitle}”, which you follow",
    };

    /// <summary>What an answer's notification needs that can be read before the answer's write turn.</summary>
    public sealed record AnswerFacts(string AuthorName, IReadOnlySet<string> Mentioned);

    /// <summary>The answerer's name and whom the body mentions (thread members and staff): read before the write turn.</summary>
    public async Task<AnswerFacts> ReadAnswerFactsAsync(CommunityDbContext db, string authorId, string body, int questionId, CancellationToken cancellationToken = default) =>
        await ReadAnswerFactsAsync(db, await db.Users.Where(u => u.Id == authorId).Select(u => u.DisplayName).SingleAsync(cancellationToken), body, questionId, cancellationToken);

    /// <summary><see cref="ReadAnswerFactsAsync(CommunityDbContext, string, string, int, CancellationToken)"/> with the answerer's name already read (with their other facts).</summary>
    public async Task<AnswerFacts> ReadAnswerFactsAsync(CommunityDbContext db, AuthorName author, string body, int questionId, CancellationToken cancellationToken = default) =>
        new(author.DisplayName, await MentionedAsync(db, body, questionId, cancellationToken));

    /// <summary>The answerer's display name, read by the caller.</summary>
    public readonly record struct AuthorName(string DisplayName);

    /// <summary>
    /// A new answer's notification, written in the answer's own transaction once the answer is saved (and screened),
    /// before its commit: the answerer follows the thread; the asker, the mentioned and the followers get their notices
    /// and e-mail entries. One write for the answer and its news, where <see cref="AnswerPostedAsync"/> after the commit
    /// was a second unit of work that read the answer back and waited for the writer again (half an answer's units in a
    /// group commit). Failing here never fails the answer: the notification's rows roll back to a savepoint and are
    /// logged. The caller refuses suspended members before this (<c>ModerationGate</c>), so the author may post.
    /// <see cref="Announce"/> after the commit does the rest (e-mail queue, bell, open pages).
    /// </summary>
    public async Task<Announcement> RecordAnswerAsync(CommunityDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction,
        Answer answer, Question question, AnswerFacts facts, CancellationToken cancellationToken = default)
    {
        const string savepoint = "answer_notices";
        var after = new List<Action>();
        await transaction.CreateSavepointAsync(savepoint, cancellationToken);
        try
        {
            // SQLite: statements prepared once per write connection (in a group commit, once per run of batches) instead of EF Core's
            // commands and SaveChanges; the same rows (issue 11: 300 answers/s through SQLite's one writer).
            var prepared = db.Database.IsSqlite() ? new PreparedNotices(db, transaction.GetDbTransaction()) : null;
            // The followers first: when the answerer is one of them, following needs no check of its own.
            var followers = prepared?.Followers(question.Id) ?? await FollowersAsync(db, question.Id, cancellationToken);
            if (!followers.Contains(answer.AuthorId))
            {
                if (prepared is not null)
                    prepared.Follow(answer.AuthorId, question.Id, time.GetUtcNow().UtcDateTime);
                else
                    await FollowAsync(db, answer.AuthorId, question.Id, cancellationToken, checkedFirst: true);
            }
            var audience = new Audience(answer.AuthorId, !answer.IsDeleted && !answer.IsHidden && !question.IsDeleted && !question.IsHidden, ActorMayPost: true,
                QuestionAuthorId: question.AuthorId,
                Mentioned: facts.Mentioned,
                QuestionFollowers: followers);
            var link = $"questions/{question.Id}/{Slug.From(question.Title)}#answer-{answer.Id}";
            var recipients = NotificationRules.ForAnswer(audience);
            Func<NotificationKind, string> text = kind => AnswerNoticeText(kind, facts.AuthorName, question.Title);
            if (prepared is not null)
                prepared.Tell(this, time.GetUtcNow().UtcDateTime, recipients, question.Id, answer.AuthorId, link, text, after);
            else
                await TellAsync(db, recipients, question.Id, answer.AuthorId, link, text, cancellationToken, afterCommit: after);
            await transaction.ReleaseSavepointAsync(savepoint, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await transaction.RollbackToSavepointAsync(savepoint, cancellationToken);
            foreach (var entry in db.ChangeTracker.Entries().Where(x => x.Entity is Notice or Follow or EmailOutboxEntry).ToList())
                entry.State = EntityState.Detached;
            after.Clear();
            log.LogWarning(e, "Could not record the notifications of answer {AnswerId}; the answer itself is saved", answer.Id);
        }
        after.Add(() => live.Publish(new QuestionActivity(question.Id, QuestionChange.NewAnswer, answer.Id, answer.AuthorId)));
        return new Announcement(after);
    }

    public async Task CommentPostedAsync(int commentId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var comment = await db.Comments.AsNoTracking().Where(c => c.Id == commentId)
            .Select(c => new { c.Id, c.PostId, c.AuthorId, c.Body, c.HiddenAt, AuthorName = c.Author!.DisplayName, PostAuthorId = c.Post!.AuthorId, PostDeletedAt = c.Post.DeletedAt, PostHiddenAt = c.Post.HiddenAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (comment is null)
            return;
        var onAnswer = await db.Answers.Where(a => a.Id == comment.PostId).Select(a => (int?)a.QuestionId).SingleOrDefaultAsync(cancellationToken);
        var questionId = onAnswer ?? comment.PostId;
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId).Select(q => new { q.Title, q.AuthorId, q.DeletedAt, q.HiddenAt }).SingleAsync(cancellationToken);
        var audience = new Audience(comment.AuthorId, comment.HiddenAt is null && comment.PostDeletedAt is null && comment.PostHiddenAt is null && question.DeletedAt is null && question.HiddenAt is null, await MayPostAsync(db, comment.AuthorId, cancellationToken),
            QuestionAuthorId: question.AuthorId, AnswerAuthorId: onAnswer is null ? null : comment.PostAuthorId,
            Mentioned: await MentionedAsync(db, comment.Body, questionId, cancellationToken),
            QuestionFollowers: await FollowersAsync(db, questionId, cancellationToken));
        var link = $"questions/{questionId}/{Slug.From(question.Title)}#comment-{comment.Id}";
        await TellAsync(db, NotificationRules.ForComment(audience, onAnswer is not null), questionId, comment.AuthorId, link, kind => kind switch
        {
            NotificationKind.CommentOnYourQuestion => $"{comment.AuthorName} commented on your question “{question.Title}”",
            NotificationKind.CommentOnYourAnswer => $"{comment.AuthorName} commented on your answer to “{question.Title}”",
            NotificationKind.Mention => $"{comment.AuthorName} mentioned you in a comment on “{question.Title}”",
            _ => $"{comment.AuthorName} commented on “{question.Title}”, which you follow",
        }, cancellationToken);
        live.Publish(new QuestionActivity(questionId, QuestionChange.NewComment, comment.PostId, comment.AuthorId));
    }

    /// <summary>
    /// The acceptance's notification, written in the acceptance's own transaction (call it before the commit): an
    /// acceptance is then one write, where a notice written after it waited for the database's writer again (most of an
    /// acceptance's time with 16 at once: bench/README.md). <see cref="Announce"/> after the commit does the rest.
    /// </summary>
    /// <param name="askerName">The display name of <paramref name="acceptedById"/> when the caller has read it already (before its write turn).</param>
    public async Task<Announcement> RecordAcceptanceAsync(CommunityDbContext db, Answer answer, Question question, string acceptedById, CancellationToken cancellationToken = default,
        string? askerName = null)
    {
        askerName ??= await db.Users.Where(u => u.Id == acceptedById).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var audience = new Audience(acceptedById, answer.DeletedAt is null && answer.HiddenAt is null, true, AnswerAuthorId: answer.AuthorId);
        var link = $"questions/{question.Id}/{Slug.From(question.Title)}#answer-{answer.Id}";
        var after = new List<Action>();
        await TellAsync(db, NotificationRules.ForAcceptance(audience), question.Id, acceptedById, link,
            _ => $"{askerName} accepted your answer to “{question.Title}”", cancellationToken, afterCommit: after);
        after.Add(() => live.Publish(new QuestionActivity(question.Id, QuestionChange.AnswerAccepted, answer.Id, acceptedById)));
        return new Announcement(after);
    }

    /// <summary>
    /// An acceptance's notices as data, for the SQLite acceptance writer (Questions/SqliteAcceptanceWriter), which writes
    /// them in its batch as <see cref="RecordAcceptanceAsync"/> would: the same recipients, text and link.
    /// </summary>
    internal static AcceptanceNotices AcceptanceNoticesOf(Answer answer, Question question, string acceptedById, string askerName)
    {
        var audience = new Audience(acceptedById, answer.DeletedAt is null && answer.HiddenAt is null, true, AnswerAuthorId: answer.AuthorId);
        var recipients = NotificationRules.ForAcceptance(audience);
        return new AcceptanceNotices(recipients.Select(r => (r.UserId, r.Kind, NotificationKinds.DefaultDelivery(r.Kind))).ToList(),
            Clip($"{askerName} accepted your answer to “{question.Title}”", Notice.TextMaxLength), $"questions/{question.Id}/{Slug.From(question.Title)}#answer-{answer.Id}");
    }

    /// <summary>What the acceptance writer's notices still have to do after its COMMIT (as <see cref="RecordAcceptanceAsync"/>'s announcement).</summary>
    internal Announcement AcceptanceRecorded(int questionId, int answerId, string acceptedById, IReadOnlyList<string> told, IReadOnlyList<long> emailIds) =>
        new([() =>
        {
            foreach (var id in emailIds)
                TryEnqueue(id);
            foreach (var userId in told)
                live.NotificationsChanged(userId);
        }, () => live.Publish(new QuestionActivity(questionId, QuestionChange.AnswerAccepted, answerId, acceptedById))]);

    /// <summary>An acceptance's notices: who (with their kind and its default delivery), the text, the link.</summary>
    internal sealed record AcceptanceNotices(IReadOnlyList<(string UserId, NotificationKind Kind, EmailDelivery DefaultDelivery)> Recipients, string Text, string Link);

    /// <summary>What a notification written in another write's transaction still has to do once that committed: e-mail, bell, open pages.</summary>
    public sealed record Announcement(IReadOnlyList<Action> AfterCommit);

    /// <summary>After the commit of a write that recorded notifications: never throws, the write succeeded.</summary>
    public void Announce(Announcement? announcement)
    {
        if (announcement is null)
            return;
        try
        {
            foreach (var action in announcement.AfterCommit)
                action();
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not announce notifications after a write; they are stored, and the e-mail sweep sends what was not enqueued");
        }
    }

    /// <summary>A vote changed a score: open pages of the thread refresh the number; nobody is notified.</summary>
    /// <summary>A post's score moved: its thread's live pages hear of it (the vote read the thread's id with its rules' facts).</summary>
    public void ScoreChanged(int postId, int questionId) =>
        live.Publish(new QuestionActivity(questionId, QuestionChange.ScoreChanged, postId, null));

    /// <summary>Another feature's notification (a moderation outcome, a staff reply): stored, e-mailed by choice, and rung on the bell.</summary>
    public async Task TellAsync(string userId, NotificationKind kind, string text, string? link, int? questionId = null, string? actorId = null, string? key = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await TellAsync(db, [new Recipient(userId, kind)], questionId, actorId, link, _ => text, cancellationToken, key);
    }

    /// <param name="afterCommit">In a caller's transaction: where to put the e-mail hand-over and the bell's live event, to run after its commit.</param>
    private async Task TellAsync(CommunityDbContext db, IReadOnlyList<Recipient> recipients, int? questionId, string? actorId, string? link,
        Func<NotificationKind, string> text, CancellationToken cancellationToken, string? key = null, List<Action>? afterCommit = null)
    {
        if (recipients.Count == 0)
            return;
        var now = time.GetUtcNow().UtcDateTime;
        var userIds = recipients.Select(r => r.UserId).ToList();
        var choices = await db.EmailPreferences.Where(p => userIds.Contains(p.UserId)).ToListAsync(cancellationToken);
        var notices = recipients.Select(r => new Notice
        {
            UserId = r.UserId, Kind = r.Kind, Text = Clip(text(r.Kind), Notice.TextMaxLength), Link = link, QuestionId = questionId,
            ActorId = actorId, CreatedAt = now, Key = key,
        }).ToList();
        db.Notices.AddRange(notices);
        await db.SaveChangesAsync(cancellationToken);
        var emails = notices
            .Where(n => (choices.FirstOrDefault(c => c.UserId == n.UserId && c.Kind == n.Kind)?.Delivery ?? NotificationKinds.DefaultDelivery(n.Kind)) == EmailDelivery.Immediately)
            .Select(n => new EmailOutboxEntry { UserId = n.UserId, NoticeId = n.Id, Kind = n.Kind, CreatedAt = now })
            .ToList();
        if (emails.Count > 0)
        {
            db.EmailOutbox.AddRange(emails);
            await db.SaveChangesAsync(cancellationToken);
        }
        void Tell()
        {
            foreach (var email in emails)
                TryEnqueue(email.Id);
            foreach (var userId in userIds)
                live.NotificationsChanged(userId);
        }
        if (afterCommit is null)
            Tell();
        else
            afterCommit.Add(Tell);
    }

    /// <summary>
    /// An answer's follow, notices and e-mail entries on SQLite, in the caller's write transaction, by statements
    /// prepared once per connection (<see cref="SqlitePrepared"/>): the rows <see cref="FollowAsync"/> and
    /// <see cref="TellAsync(CommunityDbContext, IReadOnlyList{Recipient}, int?, string?, string?, Func{NotificationKind, string}, CancellationToken, string?, List{Action}?)"/>
    /// write, with the same e-mail choices, and the same hand-over after the commit.
    /// </summary>
    private sealed class PreparedNotices(CommunityDbContext db, System.Data.Common.DbTransaction transaction)
    {
        private readonly System.Data.Common.DbConnection connection = db.Database.GetDbConnection();

        public IReadOnlySet<string> Followers(int questionId)
        {
            var command = SqlitePrepared.Command(connection, transaction, """SELECT "UserId" FROM "Follows" WHERE "QuestionId" = @question""", "@question");
            command.Parameters["@question"].Value = questionId;
            var followers = new HashSet<string>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
                followers.Add(reader.GetString(0));
            return followers;
        }

        /// <summary>Following twice is following once (the unique index), as <see cref="FollowAsync"/> makes it.</summary>
        public void Follow(string userId, int questionId, DateTime now)
        {
            var command = SqlitePrepared.Command(connection, transaction, """
                INSERT INTO "Follows" ("UserId", "QuestionId", "CreatedAt") VALUES (@user, @question, @now)
                ON CONFLICT DO NOTHING
                """, "@user", "@question", "@now");
            command.Parameters["@user"].Value = userId;
            command.Parameters["@question"].Value = questionId;
            command.Parameters["@now"].Value = now;
            command.ExecuteNonQuery();
        }

        public void Tell(Notifier notifier, DateTime now, IReadOnlyList<Recipient> recipients, int questionId, string actorId, string link, Func<NotificationKind, string> text, List<Action> afterCommit)
        {
            if (recipients.Count == 0)
                return;
            var userIds = recipients.Select(r => r.UserId).ToList();
            var choices = new Dictionary<(string, NotificationKind), EmailDelivery>();
            var read = SqlitePrepared.Command(connection, transaction, """
                SELECT "UserId", "Kind", "Delivery" FROM "EmailPreferences" WHERE "UserId" IN (SELECT "value" FROM json_each(@users))
                """, "@users");
            read.Parameters["@users"].Value = System.Text.Json.JsonSerializer.Serialize(userIds);
            using (var reader = read.ExecuteReader())
            {
                while (reader.Read())
                    if (Enum.TryParse<NotificationKind>(reader.GetString(1), out var kind) && Enum.TryParse<EmailDelivery>(reader.GetString(2), out var delivery))
                        choices.TryAdd((reader.GetString(0), kind), delivery);
            }
            var notice = SqlitePrepared.Command(connection, transaction, """
                INSERT INTO "Notices" ("UserId", "Text", "Link", "Kind", "CreatedAt", "QuestionId", "ActorId")
                VALUES (@user, @text, @link, @kind, @now, @question, @actor) RETURNING "Id"
                """, "@user", "@text", "@link", "@kind", "@now", "@question", "@actor");
            var email = SqlitePrepared.Command(connection, transaction, """
                INSERT INTO "EmailOutbox" ("UserId", "NoticeId", "Kind", "IsDigest", "CreatedAt", "Attempts")
                VALUES (@user, @notice, @kind, 0, @now, 0) RETURNING "Id"
                """, "@user", "@notice", "@kind", "@now");
            var emails = new List<long>();
            foreach (var recipient in recipients)
            {
                var p = notice.Parameters;
                p["@user"].Value = recipient.UserId;
                p["@text"].Value = Clip(text(recipient.Kind), Notice.TextMaxLength);
                p["@link"].Value = link;
                p["@kind"].Value = recipient.Kind.ToString();
                p["@now"].Value = now;
                p["@question"].Value = questionId;
                p["@actor"].Value = actorId;
                var noticeId = Convert.ToInt64(notice.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                var delivery = choices.TryGetValue((recipient.UserId, recipient.Kind), out var chosen) ? chosen : NotificationKinds.DefaultDelivery(recipient.Kind);
                if (delivery != EmailDelivery.Immediately)
                    continue;
                var e = email.Parameters;
                e["@user"].Value = recipient.UserId;
                e["@notice"].Value = noticeId;
                e["@kind"].Value = recipient.Kind.ToString();
                e["@now"].Value = now;
                emails.Add(Convert.ToInt64(email.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
            }
            afterCommit.Add(() =>
            {
                foreach (var id in emails)
                    notifier.TryEnqueue(id);
                foreach (var userId in userIds)
                    notifier.Live.NotificationsChanged(userId);
            });
        }
    }

    private void TryEnqueue(long id)
    {
        try
        {
            emailQueue?.Enqueue(id);
        }
        catch (Exception e)
        {
            log.LogWarning(e, "Could not enqueue e-mail {OutboxEntryId}; the sweep will send it", id);
        }
    }

    /// <param name="checkedFirst">The caller knows the member does not follow the question yet.</param>
    private async Task FollowAsync(CommunityDbContext db, string userId, int questionId, CancellationToken cancellationToken, bool checkedFirst = false)
    {
        if (!checkedFirst && await db.Follows.AnyAsync(f => f.UserId == userId && f.QuestionId == questionId, cancellationToken))
            return;
        db.Follows.Add(new Follow { UserId = userId, QuestionId = questionId, CreatedAt = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Followed at the same moment from another request: following twice is following once.
            db.ChangeTracker.Clear();
        }
    }

    private static async Task<IReadOnlySet<string>> FollowersAsync(CommunityDbContext db, int questionId, CancellationToken cancellationToken) =>
        (await db.Follows.Where(f => f.QuestionId == questionId).Select(f => f.UserId).ToListAsync(cancellationToken)).ToHashSet();

    /// <summary>Members of the thread (asker, answerers, commenters) and current staff can be mentioned; nobody else.</summary>
    private static async Task<IReadOnlySet<string>> MentionedAsync(CommunityDbContext db, string text, int questionId, CancellationToken cancellationToken)
    {
        if (!text.Contains('@'))
            return new HashSet<string>();
        var postIds = await db.Posts.Where(p => p.Id == questionId || db.Answers.Any(a => a.Id == p.Id && a.QuestionId == questionId)).Select(p => p.Id).ToListAsync(cancellationToken);
        var thread = await db.Posts.Where(p => postIds.Contains(p.Id)).Select(p => p.AuthorId)
            .Union(db.Comments.Where(c => postIds.Contains(c.PostId)).Select(c => c.AuthorId))
            .Union(db.StaffProfiles.Where(s => s.EndedAt == null).Select(s => s.UserId))
            .ToListAsync(cancellationToken);
        var names = await db.Users.Where(u => thread.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return Mentions.Find(text, names);
    }

    /// <summary>Whether the member may post now; a suspended member's activity tells nobody.</summary>
    private async Task<bool> MayPostAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        await Moderation.Suspensions.ActiveAsync(db, userId, time.GetUtcNow().UtcDateTime, cancellationToken) is null;

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
