using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

public sealed record PrivateMessageView(int Id, string AuthorId, string AuthorName, bool ByStaff, string Body, DateTime At);

public sealed record PrivateConversationView(int Id, int QuestionId, string QuestionTitle, string AskerId, string AskerName, int? EscalationId,
    DateTime OpenedAt, DateTime? ClosedAt, IReadOnlyList<PrivateMessageView> Messages);

/// <summary>
/// The private follow-up of a question: staff open it from an escalation, or the asker asks for it (which escalates to the
/// default team). Only the asker, staff and admins can read or write; for everyone else it does not exist.
/// </summary>
public sealed class PrivateFollowUps(IDbContextFactory<CommunityDbContext> contexts, EscalateQuestion escalate, WriteRateLimits limits, TimeProvider time, Notifications.Notifier? notifier = null)
{
    public async Task<WriteResult<int>> OpenAsync(Actor actor, int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId && q.DeletedAt == null)
            .Select(q => new { q.Id, q.AuthorId }).SingleOrDefaultAsync(cancellationToken);
        var isStaff = await StaffAccess.IsStaffAsync(db, actor.UserId, cancellationToken);
        if (question is null || !isStaff && question.AuthorId != actor.UserId)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This question no longer exists.");
        if (await db.PrivateConversations.Where(c => c.QuestionId == questionId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken) is { } existing)
            return WriteResult<int>.Done(existing);

        var escalationId = await EscalateQuestion.OpenIdAsync(db, questionId, cancellationToken);
        if (escalationId is null)
        {
            if (isStaff)
                return WriteResult<int>.Fail(WriteFailure.Conflict, "Escalate the question first: a private follow-up belongs to an escalation.");
            // The asker's request reaches staff as an escalation to the default team.
            var opened = await escalate.OpenAsync(new EscalateCommand(questionId, null, EscalationPriority.Normal, "The asker asked to continue privately."),
                EscalationSource.Asker, actor.UserId, cancellationToken);
            if (!opened.Succeeded)
                return opened;
            escalationId = opened.Value;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var conversation = new PrivateConversation { QuestionId = questionId, EscalationId = escalationId, AskerId = question.AuthorId, OpenedById = actor.UserId, OpenedAt = now };
        db.PrivateConversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return WriteResult<int>.Done(await again.PrivateConversations.Where(c => c.QuestionId == questionId).Select(c => c.Id).SingleAsync(cancellationToken));
        }
        var escalation = await db.Escalations.SingleAsync(e => e.Id == escalationId, cancellationToken);
        EscalationAudit.Record(db, now, actor.UserId, EscalationAudit.ConversationOpened, escalation, question.AuthorId, $"conversation {conversation.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return WriteResult<int>.Done(conversation.Id);
    }

    public async Task<WriteResult<int>> PostAsync(Actor actor, int conversationId, string? body, string? clientToken = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PrivateConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        var isStaff = await StaffAccess.IsStaffAsync(db, actor.UserId, cancellationToken);
        if (conversation is null || !isStaff && conversation.AskerId != actor.UserId)
            return WriteResult<int>.Fail(WriteFailure.NotFound, "This conversation does not exist.");
        if (!string.IsNullOrEmpty(clientToken)
            && await db.PrivateMessages.Where(m => m.AuthorId == actor.UserId && m.ClientToken == clientToken).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken) is { } earlier)
            return WriteResult<int>.Done(earlier);
        var text = (body ?? "").Trim();
        if (text.Length == 0)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Body"] = "Write your message first." });
        if (text.Length > PrivateMessage.BodyMaxLength)
            return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Body"] = $"Keep a message to {PrivateMessage.BodyMaxLength:N0} characters; it has {text.Length:N0}." });
        if (limits.TryAcquire(WriteKind.Comment, actor) is { Allowed: false } limited)
            return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

        var now = time.GetUtcNow().UtcDateTime;
        var message = new PrivateMessage { ConversationId = conversationId, AuthorId = actor.UserId, Body = text, At = now, ClientToken = string.IsNullOrEmpty(clientToken) ? null : clientToken };
        db.PrivateMessages.Add(message);
        if (conversation.EscalationId is { } escalationId && await db.Escalations.SingleOrDefaultAsync(e => e.Id == escalationId && e.ResolvedAt == null, cancellationToken) is { } escalation)
        {
            if (isStaff && actor.UserId != conversation.AskerId)
                escalation.FirstResponseAt ??= now;
            else
                EscalationRules.Resume(escalation, now); // the asker replied: the deadline runs again
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return WriteResult<int>.Done(await again.PrivateMessages.Where(m => m.AuthorId == actor.UserId && m.ClientToken == clientToken).Select(m => m.Id).FirstAsync(cancellationToken));
        }
        // The asker hears of a staff reply; the notice links to the private page only they and staff can open.
        if (isStaff && actor.UserId != conversation.AskerId)
            await Notifications.Notifier.AfterAsync(notifier, n => n.TellAsync(conversation.AskerId, Notifications.NotificationKind.StaffReply,
                "Staff replied in your private conversation.", $"private/{conversationId}", actorId: actor.UserId, cancellationToken: cancellationToken));
        return WriteResult<int>.Done(message.Id);
    }

    /// <summary>The conversation for a reader who may see it; null (a 404) for anyone else.</summary>
    public async Task<PrivateConversationView?> ReadAsync(Actor? actor, int conversationId, CancellationToken cancellationToken = default)
    {
        if (actor is null)
            return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var conversation = await db.PrivateConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conversationId, cancellationToken);
        if (conversation is null || conversation.AskerId != actor.UserId && !await StaffAccess.IsStaffAsync(db, actor.UserId, cancellationToken))
            return null;
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == conversation.QuestionId)
            .Select(q => new { q.Title, AskerName = q.Author!.DisplayName }).SingleAsync(cancellationToken);
        var staffIds = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Accounts.Roles.Staff || x.Name == Accounts.Roles.Admin).Select(x => x.UserId).ToListAsync(cancellationToken);
        var messages = await db.PrivateMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.At).ThenBy(m => m.Id)
            .Select(m => new { m.Id, m.AuthorId, Name = db.Users.Where(u => u.Id == m.AuthorId).Select(u => u.DisplayName).FirstOrDefault(), m.Body, m.At })
            .ToListAsync(cancellationToken);
        return new PrivateConversationView(conversation.Id, conversation.QuestionId, question.Title, conversation.AskerId, question.AskerName, conversation.EscalationId,
            conversation.OpenedAt, conversation.ClosedAt,
            messages.Select(m => new PrivateMessageView(m.Id, m.AuthorId, m.Name ?? "(deleted)", staffIds.Contains(m.AuthorId) && m.AuthorId != conversation.AskerId, m.Body, m.At)).ToList());
    }
}
