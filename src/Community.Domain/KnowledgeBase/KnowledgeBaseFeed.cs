using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Community.Domain.KnowledgeBase;

public enum EntryOutcome
{
    Done,
    AlreadyDone,
    Missing,
}

/// <summary>What one sync did to a thread's article.</summary>
public sealed record FeedOutcome(int QuestionId, FeedAction Action, int? ArticleId);

/// <summary>
/// Turns outbox entries into articles (DESIGN.md §6). <see cref="SyncArticleAsync"/> makes a thread's article follow the
/// thread as it is now: an upsert keyed by the source question, in one transaction, that adds nothing when nothing
/// changed. So a retry, two runs at once, or a run after a crash that came before the entry was marked done all leave
/// exactly one article with the same revisions. The job calls <see cref="ProcessAsync"/>; the sweep <see cref="PendingAsync"/>.
/// </summary>
public sealed class KnowledgeBaseFeed(
    IDbContextFactory<CommunityDbContext> contexts,
    ReputationLedger ledger,
    Markdown.MarkdownRenderer markdown,
    KnowledgeBaseOptions options,
    TimeProvider time,
    ILogger<KnowledgeBaseFeed>? logger = null,
    Badges.BadgeAwarder? badges = null,
    Staff.CompanyOptions? company = null,
    Badges.DeferredBadgeChecks? deferredBadges = null)
{
    private readonly ILogger log = logger ?? NullLogger<KnowledgeBaseFeed>.Instance;

    /// <summary>Brings the entry's article up to date, then marks the entry done. A failure is recorded on the entry and rethrown, for the job's retries.</summary>
    public async Task<EntryOutcome> ProcessAsync(long entryId, CancellationToken cancellationToken = default)
    {
        int questionId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var entry = await db.KnowledgeBaseOutbox.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId, cancellationToken);
            if (entry is null)
            {
                log.LogWarning("Knowledge-base outbox entry {EntryId} does not exist; nothing to do", entryId);
                return EntryOutcome.Missing;
            }
            if (entry.IsDone)
            {
                log.LogInformation("Knowledge-base outbox entry {EntryId} for thread {QuestionId} is already done", entryId, entry.QuestionId);
                return EntryOutcome.AlreadyDone;
            }
            questionId = entry.QuestionId;
            var now = time.GetUtcNow().UtcDateTime;
            // Counted before the work, so an entry that crashes the process still reaches MaxAttempts. In a group
            // commit: a bare UPDATE waits in SQLite's busy loop and loses to every queued writer (acceptances).
            await contexts.RunGroupCommittedAsync(async attemptDb =>
            {
                await using var attempt = await attemptDb.BeginWriteTransactionAsync(cancellationToken);
                await attemptDb.KnowledgeBaseOutbox.Where(e => e.Id == entryId)
                    .ExecuteUpdateAsync(set => set.SetProperty(e => e.Attempts, e => e.Attempts + 1).SetProperty(e => e.LastAttemptAt, now), cancellationToken);
                await attempt.CommitAsync(cancellationToken);
                return true;
            }, cancellationToken);
            log.LogInformation("Knowledge-base feed: entry {EntryId} ({Kind}) for thread {QuestionId}, attempt {Attempt}", entryId, entry.Kind, questionId, entry.Attempts + 1);
        }
        try
        {
            var (_, markedDone) = await SyncAsync(questionId, entryId, cancellationToken);
            if (!markedDone)
                await MarkDoneAsync(entryId, questionId, cancellationToken);
            return EntryOutcome.Done;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Knowledge-base feed failed for entry {EntryId}, thread {QuestionId}; it will be retried", entryId, questionId);
            await RecordFailureAsync(entryId, e, CancellationToken.None);
            throw;
        }
    }

    /// <summary>The upsert: makes the thread's article follow the thread. Safe to run any number of times, at once or not.</summary>
    public async Task<FeedOutcome> SyncArticleAsync(int questionId, CancellationToken cancellationToken = default) =>
        (await SyncAsync(questionId, null, cancellationToken)).Outcome;

    /// <summary>The upsert; with <paramref name="doneEntryId"/>, that entry is marked done in the upsert's own transaction.</summary>
    private async Task<(FeedOutcome Outcome, bool MarkedDone)> SyncAsync(int questionId, long? doneEntryId, CancellationToken cancellationToken)
    {
        // Not in a group commit: when the upsert fails, ProcessAsync records the failure at once, and a failed unit's
        // caller that writes before its batch has ended waits for that batch (bench/README.md).
        return await contexts.RunAsync<(FeedOutcome, bool)>(async db =>
        {
            // SQLite's BEGIN IMMEDIATE: two syncs of the same thread run one after the other, the second sees the first's article.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            var sqlite = db.Database.IsSqlite();
            var written = false;
            var now = time.GetUtcNow().UtcDateTime;
            var question = await db.Questions.AsNoTracking().SingleOrDefaultAsync(q => q.Id == questionId, cancellationToken);
            if (question is not null)
                question.Tags = await TagsOfAsync(db, questionId, cancellationToken);
            var article = await db.KnowledgeBaseArticles.SingleOrDefaultAsync(a => a.SourceQuestionId == questionId, cancellationToken);
            var content = question is { IsDeleted: false } ? await ContentAsync(db, question, article, cancellationToken) : null;
            var thread = new ThreadSnapshot(question is { IsDeleted: false }, content is not null, content?.Solution.Any(p => p.Role == CreditRole.OfficialAnswer) == true);

            var latest = article is null ? null : await db.KnowledgeBaseRevisions.Where(r => r.ArticleId == article.Id && r.State != RevisionState.Superseded)
                .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);
            var changed = content is not null && latest?.Fingerprint != content.Fingerprint;
            var action = KnowledgeBaseRules.Decide(thread, article is null ? null : new ArticleState(article.Status, article.UnpublishCause, changed), options);
            IReadOnlyList<string> credited = [];

            switch (action)
            {
                case FeedAction.CreateDraft or FeedAction.CreatePublished:
                    article = new Article
                    {
                        SourceQuestionId = questionId,
                        Status = action == FeedAction.CreatePublished ? ArticleStatus.Published : ArticleStatus.Draft,
                        CreatedAt = now, UpdatedAt = now,
                        PublishedAt = action == FeedAction.CreatePublished ? now : null,
                    };
                    Apply(article, NewRevision(content!, 1, RevisionState.Applied, now));
                    var made = true;
                    if (sqlite)
                    {
                        // The feed's most frequent write, by hand on SQLite (SqliteArticleWrites): the same rows as SaveChanges.
                        made = SqliteArticleWrites.TryCreate(db, article);
                        written = made;
                    }
                    else
                    {
                        db.KnowledgeBaseArticles.Add(article);
                        try
                        {
                            await db.SaveChangesAsync(cancellationToken);
                        }
                        catch (DbUpdateException e) when (e.IsUniqueViolation())
                        {
                            made = false;
                        }
                    }
                    if (!made)
                    {
                        // Another run made it first (the unique index on the source question): that one is the article.
                        log.LogInformation("Knowledge-base article for thread {QuestionId} was made by another run", questionId);
                        return (new FeedOutcome(questionId, FeedAction.Nothing, null), false);
                    }
                    if (article.Status == ArticleStatus.Published)
                        credited = await KnowledgeCredit.GrantAsync(db, ledger, options, article.Id, 1, null, cancellationToken);
                    break;
                case FeedAction.UpdateDirectly:
                    await SupersedePendingAsync(db, article!, cancellationToken);
                    Apply(article!, NewRevision(content!, await NextNumberAsync(db, article!.Id, cancellationToken), RevisionState.Applied, now));
                    article!.UpdatedAt = now;
                    break;
                case FeedAction.ProposeRevision:
                    await SupersedePendingAsync(db, article!, cancellationToken);
                    var proposed = NewRevision(content!, await NextNumberAsync(db, article!.Id, cancellationToken), RevisionState.Pending, now);
                    article!.Revisions.Add(proposed);
                    article.PendingRevision = proposed.Number;
                    article.UpdatedAt = now;
                    break;
                case FeedAction.Unpublish:
                    if (article!.Status == ArticleStatus.Published)
                        await KnowledgeCredit.ReverseAsync(db, ledger, article.Id, null, cancellationToken);
                    article.Status = ArticleStatus.Unpublished;
                    article.UnpublishCause = KnowledgeBaseRules.CauseFor(thread);
                    article.UnpublishedAt = now;
                    article.UpdatedAt = now;
                    break;
                case FeedAction.BackToDraft:
                    article!.Status = ArticleStatus.Draft;
                    article.UnpublishCause = UnpublishCause.None;
                    article.UpdatedAt = now;
                    if (changed)
                    {
                        await SupersedePendingAsync(db, article, cancellationToken);
                        Apply(article, NewRevision(content!, await NextNumberAsync(db, article.Id, cancellationToken), RevisionState.Applied, now));
                    }
                    break;
            }
            if (action != FeedAction.Nothing && written && !db.ChangeTracker.HasChanges())
                SqliteArticleWrites.Audit(db, now, KnowledgeBaseAudit.Fed, KnowledgeBaseAudit.Target(article!.Id), $"Thread {questionId}: {action}");
            else if (action != FeedAction.Nothing)
            {
                Audit.AuditLog.Record(db, now, null, KnowledgeBaseAudit.Fed, KnowledgeBaseAudit.Target(article!.Id), details: $"Thread {questionId}: {action}");
                await db.SaveChangesAsync(cancellationToken);
            }
            if (doneEntryId is { } entryId)
            {
                if (sqlite)
                    SqliteArticleWrites.MarkDone(db, entryId, now);
                else
                    await MarkDoneAsync(db, entryId, now, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            log.LogInformation("Knowledge-base article {ArticleId} for thread {QuestionId}: {Action}", article?.Id, questionId, action);
            // The feed drains a queue: its badge check (the credited members' article counts) must not hold up the next entry.
            if (credited.Count > 0 && deferredBadges is not null)
                deferredBadges.AfterPublished(credited);
            else if (credited.Count > 0)
                await Badges.BadgeCheck.AfterAsync(badges, credited, cancellationToken);
            return (new FeedOutcome(questionId, action, article?.Id), doneEntryId is not null);
        }, cancellationToken);
    }

    public async Task MarkDoneAsync(long entryId, int questionId, CancellationToken cancellationToken = default)
    {
        await contexts.RunGroupCommittedAsync(async db =>
        {
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            await MarkDoneAsync(db, entryId, time.GetUtcNow().UtcDateTime, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        log.LogInformation("Knowledge-base outbox entry {EntryId} for thread {QuestionId} marked done", entryId, questionId);
    }

    private static Task<int> MarkDoneAsync(CommunityDbContext db, long entryId, DateTime now, CancellationToken cancellationToken) =>
        db.KnowledgeBaseOutbox.Where(e => e.Id == entryId && e.DoneAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.DoneAt, now).SetProperty(e => e.LastError, (string?)null), cancellationToken);

    private async Task RecordFailureAsync(long entryId, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var cause = failure.GetBaseException();
            var error = cause == failure ? $"{failure.GetType().Name}: {failure.Message}" : $"{failure.GetType().Name}: {cause.GetType().Name}: {cause.Message}";
            if (error.Length > KnowledgeBaseOutboxEntry.ErrorMaxLength)
                error = error[..(KnowledgeBaseOutboxEntry.ErrorMaxLength - 1)] + "…";
            await db.KnowledgeBaseOutbox.Where(e => e.Id == entryId).ExecuteUpdateAsync(set => set.SetProperty(e => e.LastError, error), cancellationToken);
        }
        catch (Exception e)
        {
            // The database itself is failing: the job's retry and the sweep will try again.
            log.LogError(e, "Could not record the failure of knowledge-base outbox entry {EntryId}", entryId);
        }
    }

    /// <summary>Entries the sweep should hand to the feed again: not done, older than the grace period, not given up on.</summary>
    public async Task<IReadOnlyList<(long EntryId, int QuestionId)>> PendingAsync(int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var before = time.GetUtcNow().UtcDateTime - options.SweepGrace;
        var pending = await db.KnowledgeBaseOutbox.AsNoTracking()
            .Where(e => e.DoneAt == null && e.CreatedAt <= before && e.Attempts < options.MaxAttempts)
            .OrderBy(e => e.CreatedAt).Take(limit)
            .Select(e => new { e.Id, e.QuestionId }).ToListAsync(cancellationToken);
        return pending.Select(e => (e.Id, e.QuestionId)).ToList();
    }

    /// <summary>
    /// The question's tags, sought by the join table's key. Not <c>Include(q => q.Tags)</c>: that is a LEFT JOIN to a
    /// subquery joining QuestionTags and Tags, which SQLite cannot flatten and so materializes whole, every tag of every
    /// question, on each job (15 ms a job on 10,000 questions, growing with the forum: bench/README.md).
    /// </summary>
    private static Task<List<Tag>> TagsOfAsync(CommunityDbContext db, int questionId, CancellationToken cancellationToken) =>
        (from link in db.Set<Dictionary<string, object>>("QuestionTags")
         where EF.Property<int>(link, "QuestionsId") == questionId
         join tag in db.Tags on EF.Property<int>(link, "TagsId") equals tag.Id
         select tag).AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>What the thread's article should say now; null when it has no solution.</summary>
    private async Task<ArticleContent?> ContentAsync(CommunityDbContext db, Question question, Article? article, CancellationToken cancellationToken)
    {
        var ids = new[] { question.AcceptedAnswerId, question.OfficialAnswerId }.Where(id => id is not null).Select(id => id!.Value).ToList();
        var answers = await db.Answers.AsNoTracking().Include(a => a.Author)
            .Where(a => ids.Contains(a.Id) && a.QuestionId == question.Id && a.DeletedAt == null).ToListAsync(cancellationToken);
        var summary = await SummaryAsync(db, question.Id, cancellationToken);
        return ArticleContent.From(question, answers.SingleOrDefault(a => a.Id == question.AcceptedAnswerId),
            answers.SingleOrDefault(a => a.Id == question.OfficialAnswerId), summary, article is { TitleEditedByStaff: true } ? article.Title : null);
    }

    /// <summary>The latest public summary an escalation was resolved with, kept on its outbox entry.</summary>
    private async Task<SolutionPart?> SummaryAsync(CommunityDbContext db, int questionId, CancellationToken cancellationToken)
    {
        var entry = await db.KnowledgeBaseOutbox.AsNoTracking()
            .Where(e => e.QuestionId == questionId && e.Kind == ResolutionKind.EscalationResolved && e.Summary != null && e.SummaryAuthorId != null)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        if (entry is null)
            return null;
        var author = await db.Users.AsNoTracking().Where(u => u.Id == entry.SummaryAuthorId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        var profile = await db.StaffProfiles.AsNoTracking().Where(p => p.UserId == entry.SummaryAuthorId)
            .OrderByDescending(p => p.StartedAt).FirstOrDefaultAsync(cancellationToken);
        var rendered = markdown.Render(entry.Summary!);
        return new SolutionPart(null, entry.SummaryAuthorId!, profile?.RealName ?? author, CreditRole.EscalationSummary, entry.Summary!, rendered.Html,
            profile is null ? null : new Staff.StaffDisclosure(profile.RealName, profile.JobTitle, profile.Team, (company ?? Staff.CompanyOptions.Unnamed).Name));
    }

    private static ArticleRevision NewRevision(ArticleContent content, int number, RevisionState state, DateTime now) => new()
    {
        Number = number, State = state, CreatedAt = now, AppliedAt = state == RevisionState.Applied ? now : null,
        Title = content.Title, ProblemMarkdown = content.ProblemMarkdown, ProblemHtml = content.ProblemHtml,
        SolutionMarkdown = content.SolutionMarkdown, SolutionHtml = content.SolutionHtml, Tags = content.TagList,
        Fingerprint = content.Fingerprint,
        Credits = content.Solution.Select(p => new ArticleCredit
        {
            AnswerId = p.AnswerId, UserId = p.AuthorId, DisplayName = p.AuthorName, Role = p.Role, StaffDisclosure = p.Staff,
        }).ToList(),
    };

    /// <summary>Makes an applied revision the one readers see, with the article's copies of its title and tags.</summary>
    internal static void Apply(Article article, ArticleRevision revision)
    {
        if (revision.Id == 0 && !article.Revisions.Contains(revision))
            article.Revisions.Add(revision);
        article.CurrentRevision = revision.Number;
        article.Title = revision.Title;
        article.Tags = revision.Tags;
    }

    private static async Task SupersedePendingAsync(CommunityDbContext db, Article article, CancellationToken cancellationToken)
    {
        if (article.PendingRevision is not { } pending)
            return;
        await db.KnowledgeBaseRevisions.Where(r => r.ArticleId == article.Id && r.Number == pending && r.State == RevisionState.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.State, RevisionState.Superseded), cancellationToken);
        article.PendingRevision = null;
    }

    internal static async Task<int> NextNumberAsync(CommunityDbContext db, int articleId, CancellationToken cancellationToken) =>
        (await db.KnowledgeBaseRevisions.Where(r => r.ArticleId == articleId).MaxAsync(r => (int?)r.Number, cancellationToken) ?? 0) + 1;
}
