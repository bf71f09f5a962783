using Community.Domain.Accounts;
using Community.Domain.Persistence;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Escalations;

public sealed record DeskFilter(int? TeamId = null, EscalationPriority? Priority = null, EscalationState? State = null);

public sealed record DeskRow(int Id, int QuestionId, string QuestionTitle, string AskerName, string TeamName, EscalationPriority Priority,
    EscalationState State, EscalationSource Source, DateTime OpenedAt, DateTime DueAt, TimeSpan TimeLeft, bool IsOverdue, string? AssigneeName)
{
    public string QuestionUrl => $"questions/{QuestionId}/{Slug.From(QuestionTitle)}";
}

public sealed record TeamView(int Id, string Name, int UrgentMinutes, int HighMinutes, int NormalMinutes, bool IsDefault, IReadOnlyList<(string UserId, string Name)> Members);

public sealed record NoteView(string AuthorName, string Body, DateTime At);

public sealed record HistoryItem(string Kind, string Title, string Url, DateTime At, string Detail);

public sealed record EscalationDetail(DeskRow Row, string AskerId, string QuestionBodyHtml, ResolutionState PublicState, string? Reference, DateTime? ResolvedAt,
    int? Rating, string? RatingComment, int? ConversationId, IReadOnlyList<NoteView> Notes, IReadOnlyList<HistoryItem> History);

/// <summary>What the question page shows about escalation: the public status for everyone, the rest only to those it concerns.</summary>
public sealed record QuestionEscalationView(QuestionStatus Status, int? EscalationId, bool EscalationOpen, int? ConversationId, bool CanRate,
    int? Rating, string? RatingComment, DateTime? FollowUpOfferedAt)
{
    /// <summary>What a reader who is neither the asker nor staff sees of a question that was never escalated: no query needed.</summary>
    public static QuestionEscalationView NeverEscalated(bool hasAcceptedAnswer, bool expertsInvited) =>
        new(QuestionStatus.Of(hasAcceptedAnswer, null, expertsInvited), null, false, null, false, null, null, null);
}

public sealed class EscalationQueries(IDbContextFactory<CommunityDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<TeamView>> TeamsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var teams = await db.StaffTeams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name, t.UrgentMinutes, t.HighMinutes, t.NormalMinutes, t.IsDefault,
                Members = t.Members.Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName }).ToList() })
            .ToListAsync(cancellationToken);
        return teams.Select(t => new TeamView(t.Id, t.Name, t.UrgentMinutes, t.HighMinutes, t.NormalMinutes, t.IsDefault,
            t.Members.OrderBy(m => m.DisplayName).Select(m => (m.Id, m.DisplayName)).ToList())).ToList();
    }

    /// <summary>Staff and admins, for assigning.</summary>
    public async Task<IReadOnlyList<(string UserId, string Name)>> StaffAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var people = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => x.Name == Roles.Staff).Join(db.Users, x => x.UserId, u => u.Id, (_, u) => new { u.Id, u.DisplayName })
            .Distinct().OrderBy(u => u.DisplayName).ToListAsync(cancellationToken);
        return people.Select(p => (p.Id, p.DisplayName)).ToList();
    }

    public async Task<IReadOnlyList<int>> TeamsOfAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await StaffAccess.TeamsOfAsync(db, userId, cancellationToken);
    }

    /// <summary>
    /// The desk: escalations of the person's teams (every team for someone on none, such as an admin), overdue first, then
    /// by time left. Open ones unless the filter asks for resolved.
    /// </summary>
    public async Task<IReadOnlyList<DeskRow>> DeskAsync(string userId, DeskFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var query = db.Escalations.AsNoTracking().AsQueryable();
        if (filter.TeamId is { } teamId)
            query = query.Where(e => e.TeamId == teamId);
        else if (await StaffAccess.TeamsOfAsync(db, userId, cancellationToken) is { Count: > 0 } mine)
            query = query.Where(e => mine.Contains(e.TeamId));
        if (filter.Priority is { } priority)
            query = query.Where(e => e.Priority == priority);
        query = filter.State switch
        {
            EscalationState.Resolved => query.Where(e => e.ResolvedAt != null && e.ResolvedAt > now.AddDays(-30)),
            EscalationState.WaitingForAsker => query.Where(e => e.ResolvedAt == null && e.PausedAt != null),
            EscalationState.Acknowledged => query.Where(e => e.ResolvedAt == null && e.PausedAt == null && e.AcknowledgedAt != null),
            EscalationState.Claimed => query.Where(e => e.ResolvedAt == null && e.PausedAt == null && e.AcknowledgedAt == null && e.AssigneeId != null),
            EscalationState.New => query.Where(e => e.ResolvedAt == null && e.PausedAt == null && e.AcknowledgedAt == null && e.AssigneeId == null),
            _ => query.Where(e => e.ResolvedAt == null),
        };
        var rows = await Rows(db, query).Take(500).ToListAsync(cancellationToken);
        return rows.Select(r => ToRow(r, now)).OrderByDescending(r => r.IsOverdue).ThenBy(r => r.TimeLeft).ThenBy(r => r.Id).ToList();
    }

    public async Task<EscalationDetail?> DetailAsync(int escalationId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var raw = await Rows(db, db.Escalations.AsNoTracking().Where(e => e.Id == escalationId)).SingleOrDefaultAsync(cancellationToken);
        if (raw is null)
            return null;
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == raw.Escalation.QuestionId).Select(q => new { q.AuthorId, q.BodyHtml }).SingleAsync(cancellationToken);
        var notes = await db.EscalationNotes.AsNoTracking().Where(n => n.EscalationId == escalationId).OrderBy(n => n.At)
            .Select(n => new NoteView(db.Users.Where(u => u.Id == n.AuthorId).Select(u => u.DisplayName).FirstOrDefault() ?? "(deleted)", n.Body, n.At))
            .ToListAsync(cancellationToken);
        var conversationId = await db.PrivateConversations.Where(c => c.QuestionId == raw.Escalation.QuestionId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        var e = raw.Escalation;
        return new EscalationDetail(ToRow(raw, now), question.AuthorId, question.BodyHtml, e.PublicState, e.Reference, e.ResolvedAt, e.Rating, e.RatingComment,
            conversationId, notes, await HistoryAsync(db, question.AuthorId, raw.Escalation.QuestionId, cancellationToken));
    }

    /// <summary>The asker's earlier questions, escalations and private conversations, newest first: what the company already knows.</summary>
    private static async Task<IReadOnlyList<HistoryItem>> HistoryAsync(CommunityDbContext db, string askerId, int exceptQuestionId, CancellationToken cancellationToken)
    {
        var questions = await db.Questions.AsNoTracking().Where(q => q.AuthorId == askerId && q.Id != exceptQuestionId && q.DeletedAt == null)
            .OrderByDescending(q => q.CreatedAt).Take(20)
            .Select(q => new { q.Id, q.Title, q.CreatedAt, q.AnswerCount, Accepted = q.AcceptedAnswerId != null }).ToListAsync(cancellationToken);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.QuestionId != exceptQuestionId)
            .Join(db.Questions.Where(q => q.AuthorId == askerId), e => e.QuestionId, q => q.Id, (e, q) => new { e.Id, e.OpenedAt, e.ResolvedAt, e.PublicState, e.Reference, e.Rating, q.Title, TeamName = e.Team!.Name })
            .OrderByDescending(e => e.OpenedAt).Take(20).ToListAsync(cancellationToken);
        var conversations = await db.PrivateConversations.AsNoTracking().Where(c => c.AskerId == askerId && c.QuestionId != exceptQuestionId)
            .Select(c => new { c.Id, c.OpenedAt, c.QuestionId, Count = c.Messages.Count, Title = db.Questions.Where(q => q.Id == c.QuestionId).Select(q => q.Title).FirstOrDefault() })
            .OrderByDescending(c => c.OpenedAt).Take(20).ToListAsync(cancellationToken);
        return questions.Select(q => new HistoryItem("Question", q.Title, $"questions/{q.Id}/{Slug.From(q.Title)}", q.CreatedAt,
                q.Accepted ? "resolved" : q.AnswerCount == 1 ? "1 answer" : $"{q.AnswerCount} answers"))
            .Concat(escalations.Select(e => new HistoryItem("Escalation", e.Title, $"staff/desk/{e.Id}", e.OpenedAt,
                $"{e.TeamName}, " + (e.ResolvedAt is null ? "open" : EscalationRules.Describe(e.PublicState, e.Reference)) + (e.Rating is { } r ? $", rated {r}/5" : ""))))
            .Concat(conversations.Select(c => new HistoryItem("Private conversation", c.Title ?? "(question removed)", $"private/{c.Id}", c.OpenedAt,
                c.Count == 1 ? "1 message" : $"{c.Count} messages")))
            .OrderByDescending(h => h.At).ToList();
    }

    public async Task<QuestionEscalationView> ForQuestionAsync(int questionId, string? viewerId, bool viewerIsStaff, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.AsNoTracking().Where(q => q.Id == questionId).Select(q => new { q.AuthorId, Accepted = q.AcceptedAnswerId != null }).SingleOrDefaultAsync(cancellationToken);
        var latest = await db.Escalations.AsNoTracking().Where(e => e.QuestionId == questionId).OrderByDescending(e => e.ResolvedAt == null).ThenByDescending(e => e.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        var invited = await db.ExpertInvitations.AnyAsync(i => i.QuestionId == questionId, cancellationToken);
        var status = QuestionStatus.Of(question?.Accepted == true, latest, invited);
        var isAsker = viewerId is not null && viewerId == question?.AuthorId;
        int? conversationId = isAsker || viewerIsStaff
            ? await db.PrivateConversations.Where(c => c.QuestionId == questionId).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var offered = isAsker ? await db.ResponseClocks.Where(c => c.QuestionId == questionId).Select(c => c.FollowUpOfferedAt).FirstOrDefaultAsync(cancellationToken) : null;
        return new QuestionEscalationView(status, viewerIsStaff ? latest?.Id : null, latest?.IsOpen == true, conversationId,
            isAsker && latest is { IsOpen: false, Rating: null }, isAsker ? latest?.Rating : null, isAsker ? latest?.RatingComment : null, offered);
    }

    public async Task<int?> LatestEscalationIdAsync(int questionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Escalations.Where(e => e.QuestionId == questionId).OrderByDescending(e => e.OpenedAt).Select(e => (int?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    private sealed record RawRow(Escalation Escalation, string Title, string AskerName, string TeamName, string? AssigneeName);

    private static IQueryable<RawRow> Rows(CommunityDbContext db, IQueryable<Escalation> escalations) =>
        escalations.Join(db.Questions, e => e.QuestionId, q => q.Id, (e, q) => new RawRow(e, q.Title, q.Author!.DisplayName, e.Team!.Name,
            db.Users.Where(u => u.Id == e.AssigneeId).Select(u => u.DisplayName).FirstOrDefault()));

    private static DeskRow ToRow(RawRow r, DateTime now) => new(r.Escalation.Id, r.Escalation.QuestionId, r.Title, r.AskerName, r.TeamName, r.Escalation.Priority,
        r.Escalation.State, r.Escalation.Source, r.Escalation.OpenedAt, r.Escalation.DueAt, EscalationRules.TimeLeft(r.Escalation, now),
        EscalationRules.IsOverdue(r.Escalation, now), r.AssigneeName);
}
