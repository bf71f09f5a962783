using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Community.Domain.Questions;

/// <summary>
/// The asker marks the answer that solved it (and may change or withdraw that); safe to repeat. The acceptance, its
/// ledger rows, the knowledge-base outbox entry and the answerer's notice are one write transaction; the badges it can
/// earn are checked after it, scoped to what it changed.
/// </summary>
public sealed class AcceptAnswer(IDbContextFactory<CommunityDbContext> contexts, ReputationLedger ledger, TimeProvider time, Badges.BadgeAwarder? badges = null, Notifications.Notifier? notifier = null)
{
    public async Task<WriteResult<int?>> AcceptAsync(Actor actor, int answerId, CancellationToken cancellationToken = default)
    {
        if (EngineOf().Sqlite is { } sqlite)
            return await OnSqliteAsync(sqlite, actor, answerId, cancellationToken);
        // In a group commit (docs/decisions/0008): the work reads everything again if it has to run again.
        return await OnceMoreIfTheRowChangedAsync(() => contexts.RunGroupCommittedAsync<WriteResult<int?>>(async db =>
        {
            var (read, refusal) = await ReadAsync(db, actor, answerId, cancellationToken);
            if (refusal is not null)
                return refusal;
            var (facts, answer, question) = read!.Value;
            var askerId = actor.UserId;
            var asker = new ReputationParty(askerId, facts.AskerIsStaff);
            var answerer = new ReputationParty(answer.AuthorId, facts.AnswererIsStaff);

            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var source = ReputationRules.AcceptanceSource(question.Id);
            await ledger.ReverseAsync(db, source, ReputationReason.AcceptanceUndone, actor.UserId, cancellationToken);
            db.Attach(question);
            question.AcceptedAnswerId = answer.Id;
            question.LastActivityAt = time.GetUtcNow().UtcDateTime;
            db.Entry(question).Property(q => q.LastActivityAt).IsModified = true;
            KnowledgeBase.KnowledgeBaseOutbox.Record(db, question.Id, KnowledgeBase.ResolutionKind.Accepted, question.LastActivityAt);
            await db.SaveChangesAsync(cancellationToken);
            // Nothing is pending now: each ledger row and its member's total in one command.
            await ledger.AppendInOneCommandAsync(db, ReputationRules.ForAcceptance(ledger.Points, asker, answerer), source, answer.Id, actor.UserId, cancellationToken);
            var announcement = notifier is null ? null : await notifier.RecordAcceptanceAsync(db, answer, question, actor.UserId, cancellationToken, facts.AskerName);
            await transaction.CommitAsync(cancellationToken);
            // Only what the acceptance can have earned, decided from its facts (Scholar, Guru, the answerer's tag badges;
            // was a scoped check reading both members' facts in ~7 queries); awaited, so the answerer's profile shows the
            // badge once the acceptance returns.
            await Badges.BadgeCheck.AfterAcceptanceAsync(badges,
                new Badges.AcceptanceEvent(actor.UserId, question.Id, answer.AuthorId, answer.Id, answer.Score, !answer.IsDeleted && !question.IsDeleted),
                cancellationToken);
            notifier?.Announce(announcement);
            return WriteResult<int?>.Done(answer.Id);
        }, cancellationToken));
    }

    public async Task<WriteResult<int?>> WithdrawAsync(Actor actor, int questionId, CancellationToken cancellationToken = default)
    {
        return await OnceMoreIfTheRowChangedAsync(() => contexts.RunAsync<WriteResult<int?>>(async db =>
        {
            var question = await db.Questions.SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
            if (question is null || !PostRules.CanSee(actor, question))
                return WriteResult<int?>.Fail(WriteFailure.NotFound, "This question no longer exists.");
            if (question.AuthorId != actor.UserId)
                return WriteResult<int?>.Fail(WriteFailure.Forbidden, "Only the person who asked can change the accepted answer.");
            if (question.AcceptedAnswerId is null)
                return WriteResult<int?>.Done(null);
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            question.AcceptedAnswerId = null;
            KnowledgeBase.KnowledgeBaseOutbox.Record(db, question.Id, KnowledgeBase.ResolutionKind.Withdrawn, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            await ledger.ReverseAsync(db, ReputationRules.AcceptanceSource(question.Id), ReputationReason.AcceptanceUndone, actor.UserId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult<int?>.Done(null);
        }, cancellationToken));
    }

    /// <summary>
    /// What the rules, the write and the notice read, in one projection before the write turn: the two posts' small
    /// columns (not their 3–6 KB bodies), the asker's name and both members' staff flags; then the rules. The posts as the
    /// rules and the notice see them; the question carries the edit version it was read with (the concurrency token).
    /// A refusal, or the answer already accepted (done), comes back instead.
    /// </summary>
    private static async Task<((Facts Facts, Answer Answer, Question Question)?, WriteResult<int?>?)> ReadAsync(CommunityDbContext db, Actor actor, int answerId,
        CancellationToken cancellationToken)
    {
        var askerId = actor.UserId;
        var facts = await (from a in db.Answers.AsNoTracking()
                           join q in db.Questions.AsNoTracking() on a.QuestionId equals q.Id
                           where a.Id == answerId
                           select new Facts(a.AuthorId, a.DeletedAt, a.HiddenAt, a.Score, q.Id, q.AuthorId, q.DeletedAt, q.HiddenAt, q.AcceptedAnswerId, q.Title, q.Version,
                               db.Users.Where(u => u.Id == askerId).Select(u => u.DisplayName).FirstOrDefault(),
                               db.UserRoles.Any(ur => ur.UserId == askerId && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Accounts.Roles.Staff || r.Name == Accounts.Roles.Admin))),
                               db.UserRoles.Any(ur => ur.UserId == a.AuthorId && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == Accounts.Roles.Staff || r.Name == Accounts.Roles.Admin)))))
            .SingleOrDefaultAsync(cancellationToken);
        if (facts is null)
            return (null, WriteResult<int?>.Fail(WriteFailure.NotFound, "This answer no longer exists."));
        var answer = new Answer { Id = answerId, AuthorId = facts.AnswererId, QuestionId = facts.QuestionId, DeletedAt = facts.AnswerDeletedAt, HiddenAt = facts.AnswerHiddenAt, Score = facts.AnswerScore };
        var question = new Question
        {
            Id = facts.QuestionId, AuthorId = facts.AskerId, DeletedAt = facts.QuestionDeletedAt, HiddenAt = facts.QuestionHiddenAt,
            AcceptedAnswerId = facts.AcceptedAnswerId, Title = facts.Title, Version = facts.Version,
        };
        if (!PostRules.CanSee(actor, answer) || !PostRules.CanSee(actor, question))
            return (null, WriteResult<int?>.Fail(WriteFailure.NotFound, "This answer no longer exists."));
        if (PostRules.CanAccept(actor, question, answer) is { Allowed: false } refused)
            return (null, WriteResult<int?>.From(refused));
        if (question.AcceptedAnswerId == answer.Id)
            return (null, WriteResult<int?>.Done(answer.Id));
        return ((facts, answer, question), null);
    }

    /// <summary>
    /// On SQLite an acceptance is data (docs/decisions/0011's shape, <see cref="SqliteAcceptanceWriter"/>): the facts and
    /// the rules as on PostgreSQL, on a context that only reads; then the file's acceptance writer applies it in a batch
    /// with the others waiting, with the same rows, and returns after the batch's COMMIT. What the interceptors would have
    /// done after the commit (the pages' eviction, the outbox entry's hand-over to the feed) is done here, then the badges
    /// and the notices' announcement, as on PostgreSQL. An edit of the question since the read sends it back to read again.
    /// </summary>
    private async Task<WriteResult<int?>> OnSqliteAsync(SqliteAcceptances sqlite, Actor actor, int answerId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            ((Facts Facts, Answer Answer, Question Question)?, WriteResult<int?>?) read;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
                read = await ReadAsync(db, actor, answerId, cancellationToken);
            if (read.Item2 is { } refusal)
                return refusal;
            var (facts, answer, question) = read.Item1!.Value;
            var notices = notifier is null ? null : Notifications.Notifier.AcceptanceNoticesOf(answer, question, actor.UserId, facts.AskerName ?? "");
            var applied = await SqliteAcceptanceWriter.For(sqlite.DataSource).ApplyAsync(new PendingAcceptance(sqlite.ConnectionString, question.Id, answer.Id,
                question.Version, actor.UserId, facts.AskerIsStaff, answer.AuthorId, facts.AnswererIsStaff, ledger, time, notices,
                readsTagTotals: badges is not null && !answer.IsDeleted && !question.IsDeleted), cancellationToken);
            switch (applied.Outcome)
            {
                case AcceptanceOutcome.NotFound:
                    return WriteResult<int?>.Fail(WriteFailure.NotFound, "This answer no longer exists.");
                case AcceptanceOutcome.AlreadyAccepted:
                    return WriteResult<int?>.Done(answer.Id);
                case AcceptanceOutcome.Changed when attempt < 3:
                    continue;
                case AcceptanceOutcome.Changed:
                    throw new DbUpdateConcurrencyException("The question changed while its answer was being accepted.");
            }
            if (sqlite.Changes is { } changes)
            {
                var change = new Changes.ContentChange { Listings = true };
                change.PostIds.Add(question.Id);
                await changes.ChangedAsync(change, cancellationToken);
            }
            sqlite.Feed?.Dispatch(applied.EntryId, question.Id);
            // The answerer's tag totals came with the batch: no counters query, none at all when the badges are known held.
            await Badges.BadgeCheck.AfterAcceptanceAsync(badges,
                new Badges.AcceptanceEvent(actor.UserId, question.Id, answer.AuthorId, answer.Id, answer.Score, !answer.IsDeleted && !question.IsDeleted),
                cancellationToken, applied.Tags);
            notifier?.Announce(notifier.AcceptanceRecorded(question.Id, answer.Id, actor.UserId, applied.Told ?? [], applied.Emails ?? []));
            return WriteResult<int?>.Done(answer.Id);
        }
    }

    /// <summary>The engine, learnt from the first context (a factory's options do not change): SQLite's file, change sink and feed hand-over, or none.</summary>
    private Engine EngineOf()
    {
        if (engine is { } known)
            return known;
        using var db = contexts.CreateDbContext();
        SqliteAcceptances? sqlite = null;
        if (db.Database.IsSqlite())
        {
            var connectionString = db.Database.GetConnectionString()!;
            var interceptors = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
            sqlite = new SqliteAcceptances(connectionString, new Microsoft.Data.Sqlite.SqliteConnection(connectionString).DataSource,
                interceptors.OfType<Changes.ContentChangeInterceptor>().FirstOrDefault()?.Sink,
                interceptors.OfType<KnowledgeBase.OutboxDispatchInterceptor>().FirstOrDefault());
        }
        return engine = new Engine(sqlite);
    }

    private Engine? engine;

    private sealed record Engine(SqliteAcceptances? Sqlite);

    private sealed record SqliteAcceptances(string ConnectionString, string DataSource, Changes.IContentChangeSink? Changes, KnowledgeBase.OutboxDispatchInterceptor? Feed);

    private sealed record Facts(string AnswererId, DateTime? AnswerDeletedAt, DateTime? AnswerHiddenAt, int AnswerScore, int QuestionId, string AskerId,
        DateTime? QuestionDeletedAt, DateTime? QuestionHiddenAt, int? AcceptedAnswerId, string Title, int Version, string? AskerName, bool AskerIsStaff, bool AnswererIsStaff);

    /// <summary>
    /// The question is read before its write, and an edit of it meanwhile changes its version: the transaction was
    /// rolled back, and accepting or withdrawing is safe to repeat, so the work reads the question again rather than
    /// failing the asker's click.
    /// </summary>
    private static async Task<T> OnceMoreIfTheRowChangedAsync<T>(Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
            }
        }
    }
}
