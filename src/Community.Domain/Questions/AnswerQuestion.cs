using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Revisions;
using Community.Domain.Staff;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

public sealed record AnswerQuestionCommand(int QuestionId, string Body, string? ClientToken = null, bool ConfirmedNotPersonal = false);

public sealed class AnswerQuestion(IDbContextFactory<CommunityDbContext> contexts, MarkdownRenderer markdown, WriteRateLimits limits, TimeProvider time, CompanyOptions? company = null, Moderation.ModerationGate? gate = null, Notifications.Notifier? notifier = null, Escalations.PersonalDataDetector? personalData = null)
{
    private readonly Moderation.ModerationGate gate = gate ?? new(new Moderation.ModerationOptions(), time);

    public async Task<WriteResult<int>> ExecuteAsync(Actor actor, AnswerQuestionCommand command, CancellationToken cancellationToken = default)
    {
        return await contexts.RunGroupCommittedAsync<WriteResult<int>>(async db =>
        {
            if (await PostTokens.FindAsync(db, actor.UserId, command.ClientToken, cancellationToken) is { } existing)
                return WriteResult<int>.Done(existing);
            // The columns the rules and the notices read, not the question's body and its HTML (kilobytes each).
            var question = await db.Questions.AsNoTracking().Where(q => q.Id == command.QuestionId)
                .Select(q => new Question { Id = q.Id, AuthorId = q.AuthorId, Title = q.Title, DeletedAt = q.DeletedAt, HiddenAt = q.HiddenAt, ClosedAt = q.ClosedAt, LockedAt = q.LockedAt })
                .SingleOrDefaultAsync(cancellationToken);
            if (question is null || !PostRules.CanSee(actor, question))
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            if (PostRules.CanAnswer(actor, question) is { Allowed: false } refused)
                return WriteResult<int>.From(refused);
            var (rendered, problem) = PostInput.Render(markdown, command.Body);
            if (problem is not null)
                return WriteResult<int>.Invalid(new Dictionary<string, string> { ["Body"] = problem });
            // The gate's refusals and the screening's verdict (applied once the answer is saved), the staff disclosure and
            // the notices' name from one read of the author, before the write turn, so the writers' queue does not wait.
            var author = await AnswererFactsAsync(db, actor.UserId, (company ?? CompanyOptions.Unnamed).Name, cancellationToken);
            var (gated, screening) = await gate.CheckAndScreenPostAsync<int>(db, actor, command.Body, author.Suspension, author.Standing, cancellationToken);
            if (gated is not null)
                return gated;
            if (personalData?.Problem(command.Body, command.ConfirmedNotPersonal, canMoveToPrivate: question.AuthorId == actor.UserId) is { } personal)
                return WriteResult<int>.Invalid(new Dictionary<string, string> { [Escalations.PersonalDataDetector.Field] = personal });
            if (limits.TryAcquire(WriteKind.Post, actor) is { Allowed: false } limited)
                return WriteResult<int>.Fail(WriteFailure.RateLimited, limited.Reason!);

            var now = time.GetUtcNow().UtcDateTime;
            var answer = new Answer
            {
                QuestionId = question.Id,
                Body = command.Body,
                BodyHtml = rendered!.Html,
                RenderVersion = rendered.Version,
                AuthorId = actor.UserId,
                CreatedAt = now,
                ClientToken = command.ClientToken,
                StaffDisclosure = author.Staff,
            };
            // What the notices say, read before the write turn too.
            var facts = notifier is null ? null : await notifier.ReadAnswerFactsAsync(db, new Notifications.Notifier.AuthorName(author.DisplayName), command.Body, question.Id, cancellationToken);
            // SQLite, the hot path (issue 11: 300 answers/s through one writer): the answer's rows by statements prepared
            // once per run of group-commit batches rather than EF Core's SaveChanges; a staff answer (its disclosure's columns) the
            // EF Core way, as on PostgreSQL.
            var prepared = answer.StaffDisclosure is null && db.Database.IsSqlite();
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (prepared)
            {
                if (await PostTokens.AddAnswerOnceAsync(contexts, db, transaction, answer, cancellationToken) is { } earlier)
                    return WriteResult<int>.Done(earlier);
                if (screening.Reason is not null)
                    db.Attach(answer); // the screening's flag and hold change it through EF Core
            }
            else
            {
                if (await PostTokens.AddOnceAsync(contexts, db, transaction, answer, cancellationToken) is { } earlier)
                    return WriteResult<int>.Done(earlier);
                // Counted in SQL, so two answers posted at once both count.
                await db.Questions.Where(q => q.Id == question.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(q => q.AnswerCount, q => q.AnswerCount + 1).SetProperty(q => q.LastActivityAt, now), cancellationToken);
            }
            await gate.ScreenAsync(db, answer, screening, cancellationToken);
            if (answer.StaffDisclosure is not null)
                await StaffDisclosures.RecordFirstResponseAsync(db, question.Id, actor.UserId, now, cancellationToken);
            // Last in the turn, after the screening may have held the answer: a held answer tells nobody.
            var announcement = notifier is null ? null : await notifier.RecordAnswerAsync(db, transaction, answer, question, facts!, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            notifier?.Announce(announcement);
            return WriteResult<int>.Done(answer.Id);
        }, cancellationToken);
    }

    /// <summary>What an answer reads of its author before the write turn.</summary>
    private sealed record AnswererFacts(Moderation.ModerationGate.AuthorStanding Standing, string DisplayName, Moderation.MemberSanction? Suspension, StaffDisclosure? Staff);

    private sealed record AuthorRow(Moderation.ModerationGate.AuthorStanding Standing, string DisplayName, bool Suspended, bool Staff);

    /// <summary>
    /// The author's standing (the gate's and the screening's), the suspension in force (the gate's), the staff profile
    /// (the disclosure, <see cref="StaffDisclosures.CurrentAsync"/>) and the name (the notices'): four reads of the same
    /// member, now one query for a member who is neither suspended nor staff (SQLite cannot put a row of another table
    /// into the projection, APPLY, so the query says whether there is one; the rare suspended or staff author's row is
    /// then read as before).
    /// </summary>
    private async Task<AnswererFacts> AnswererFactsAsync(CommunityDbContext db, string userId, string company, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var suspensions = Moderation.Suspensions.Active(db, userId, now);
        var profiles = db.StaffProfiles.Where(p => p.UserId == userId && p.EndedAt == null);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new AuthorRow(
                new Moderation.ModerationGate.AuthorStanding(u.Reputation, u.CreatedAt,
                    db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name != Accounts.Roles.Member))),
                u.DisplayName, suspensions.Any(), profiles.Any()))
            .SingleAsync(cancellationToken);
        return new AnswererFacts(row.Standing, row.DisplayName,
            row.Suspended ? await Moderation.Suspensions.ActiveAsync(db, userId, now, cancellationToken) : null,
            row.Staff ? await StaffDisclosures.CurrentAsync(db, userId, company, cancellationToken) : null);
    }
}
