using Community.Domain.Accounts;
using Community.Domain.Audit;
using Community.Domain.Markdown;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Reputation;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.KnowledgeBase;

/// <param name="ExpectedRevision">The revision the editor started from; if the article moved on since, the edit is refused, not lost.</param>
public sealed record EditArticleCommand(int ArticleId, int ExpectedRevision, string Title, string ProblemMarkdown, string SolutionMarkdown);

/// <summary>
/// What staff do at /kb/review: publish, unpublish, approve the change the thread proposed, edit, merge. Each checks
/// that the actor is staff (or an admin) in the database, whatever the page showed, writes the audit log in the same
/// transaction, and is safe to repeat: publishing a published article changes nothing.
/// </summary>
public sealed class CurateArticle(IDbContextFactory<CommunityDbContext> contexts, ReputationLedger ledger, MarkdownRenderer markdown, KnowledgeBaseOptions options, TimeProvider time, Badges.BadgeAwarder? badges = null)
{
    public Task<WriteResult<int>> PublishAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, async (db, article, now) =>
        {
            if (KnowledgeBaseRules.CanPublish(article.Status) is { Allowed: false } refused)
                return (refused, []);
            if (article.Status == ArticleStatus.Published)
                return (Decision.Allow, []);
            article.Status = ArticleStatus.Published;
            article.UnpublishCause = UnpublishCause.None;
            article.PublishedAt = now;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.Published, KnowledgeBaseAudit.Target(article.Id), details: article.Title);
            await db.SaveChangesAsync(cancellationToken);
            return (Decision.Allow, await KnowledgeCredit.GrantAsync(db, ledger, options, article.Id, article.CurrentRevision, actor.UserId, cancellationToken));
        }, cancellationToken);

    public Task<WriteResult<int>> UnpublishAsync(Actor actor, int articleId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, async (db, article, now) =>
        {
            if (article.Status is ArticleStatus.Unpublished or ArticleStatus.Merged)
                return (Decision.Allow, []);
            if (article.Status == ArticleStatus.Published)
                await KnowledgeCredit.ReverseAsync(db, ledger, article.Id, actor.UserId, cancellationToken);
            article.Status = ArticleStatus.Unpublished;
            article.UnpublishCause = UnpublishCause.Staff;
            article.UnpublishedAt = now;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.Unpublished, KnowledgeBaseAudit.Target(article.Id), details: article.Title);
            await db.SaveChangesAsync(cancellationToken);
            return (Decision.Allow, []);
        }, cancellationToken);

    /// <summary>Approves the revision the thread proposed for a published article: readers see it, the "under review" note goes.</summary>
    public Task<WriteResult<int>> ApproveAsync(Actor actor, int articleId, int revisionNumber, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, async (db, article, now) =>
        {
            if (article.PendingRevision != revisionNumber)
                return article.CurrentRevision == revisionNumber
                    ? (Decision.Allow, [])
                    : (Decision.Deny("This change was replaced by a newer one from the thread: review that one."), []);
            var revision = await db.KnowledgeBaseRevisions.SingleAsync(r => r.ArticleId == article.Id && r.Number == revisionNumber, cancellationToken);
            revision.State = RevisionState.Applied;
            revision.AppliedAt = now;
            revision.ApprovedById = actor.UserId;
            KnowledgeBaseFeed.Apply(article, revision);
            article.PendingRevision = null;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.RevisionApproved, KnowledgeBaseAudit.Target(article.Id), details: $"Revision {revisionNumber}");
            await db.SaveChangesAsync(cancellationToken);
            return (Decision.Allow, article.Status == ArticleStatus.Published
                ? await KnowledgeCredit.GrantAsync(db, ledger, options, article.Id, revisionNumber, actor.UserId, cancellationToken)
                : []);
        }, cancellationToken);

    /// <summary>
    /// Staff's own wording: a new applied revision made from the one under review (or the current one), keeping its
    /// credits. A change proposed by the thread is settled by it.
    /// </summary>
    public async Task<WriteResult<int>> EditAsync(Actor actor, EditArticleCommand command, CancellationToken cancellationToken = default)
    {
        var errors = new Dictionary<string, string>();
        if (PostInput.TitleProblem(command.Title) is { } titleProblem) errors["Title"] = titleProblem;
        var problem = Render(command.ProblemMarkdown, "Problem", errors);
        var solution = Render(command.SolutionMarkdown, "Solution", errors);
        if (errors.Count > 0)
            return WriteResult<int>.Invalid(errors);
        return await ChangeAsync(actor, command.ArticleId, async (db, article, now) =>
        {
            if ((article.PendingRevision ?? article.CurrentRevision) != command.ExpectedRevision)
                return (Decision.Deny("The article changed while you were editing (the thread proposed a new revision). Your text is kept below: compare and save again."), []);
            var basis = await db.KnowledgeBaseRevisions.Include(r => r.Credits)
                .SingleAsync(r => r.ArticleId == article.Id && r.Number == command.ExpectedRevision, cancellationToken);
            if (article.PendingRevision is not null)
            {
                basis.State = RevisionState.Superseded;
                article.PendingRevision = null;
            }
            var title = command.Title.Trim();
            var revision = new ArticleRevision
            {
                ArticleId = article.Id,
                Number = await KnowledgeBaseFeed.NextNumberAsync(db, article.Id, cancellationToken),
                State = RevisionState.Applied, EditorId = actor.UserId, CreatedAt = now, AppliedAt = now, ApprovedById = actor.UserId,
                Title = title, ProblemMarkdown = command.ProblemMarkdown, ProblemHtml = problem!, SolutionMarkdown = command.SolutionMarkdown,
                SolutionHtml = solution!, Tags = basis.Tags, Fingerprint = basis.Fingerprint,
                Credits = basis.Credits.Select(c => new ArticleCredit
                {
                    AnswerId = c.AnswerId, UserId = c.UserId, DisplayName = c.DisplayName, Role = c.Role, StaffDisclosure = c.StaffDisclosure,
                }).ToList(),
            };
            article.TitleEditedByStaff |= title != basis.Title;
            KnowledgeBaseFeed.Apply(article, revision);
            article.UpdatedAt = now;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.Edited, KnowledgeBaseAudit.Target(article.Id), details: $"Revision {revision.Number}: {title}");
            await db.SaveChangesAsync(cancellationToken);
            return (Decision.Allow, article.Status == ArticleStatus.Published
                ? await KnowledgeCredit.GrantAsync(db, ledger, options, article.Id, revision.Number, actor.UserId, cancellationToken)
                : []);
        }, cancellationToken);
    }

    /// <summary>Folds an article into another (two threads, one fix): its address redirects there, its credit goes.</summary>
    public Task<WriteResult<int>> MergeAsync(Actor actor, int articleId, int intoId, CancellationToken cancellationToken = default) =>
        ChangeAsync(actor, articleId, async (db, article, now) =>
        {
            if (article.Status == ArticleStatus.Merged && article.MergedIntoId == intoId)
                return (Decision.Allow, []);
            var target = await db.KnowledgeBaseArticles.AsNoTracking().Where(a => a.Id == intoId).Select(a => (ArticleStatus?)a.Status).SingleOrDefaultAsync(cancellationToken);
            if (KnowledgeBaseRules.CanMerge(article.Id, article.Status, intoId, target) is { Allowed: false } refused)
                return (refused, []);
            if (article.Status == ArticleStatus.Published)
                await KnowledgeCredit.ReverseAsync(db, ledger, article.Id, actor.UserId, cancellationToken);
            article.Status = ArticleStatus.Merged;
            article.MergedIntoId = intoId;
            article.UnpublishedAt = now;
            AuditLog.Record(db, now, actor.UserId, KnowledgeBaseAudit.Merged, KnowledgeBaseAudit.Target(article.Id), details: $"Merged into article {intoId}");
            await db.SaveChangesAsync(cancellationToken);
            return (Decision.Allow, []);
        }, cancellationToken);

    private string? Render(string? text, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = $"The {field.ToLowerInvariant()} cannot be empty.";
            return null;
        }
        var rendered = markdown.Render(text);
        if (!rendered.Succeeded)
            errors[field] = rendered.Error!;
        return rendered.Html;
    }

    private async Task<WriteResult<int>> ChangeAsync(Actor actor, int articleId,
        Func<CommunityDbContext, Article, DateTime, Task<(Decision Decision, IReadOnlyList<string> Credited)>> change, CancellationToken cancellationToken)
    {
        return await contexts.RunAsync<WriteResult<int>>(async db =>
        {
            // Begun before the checks: the same click sent twice is checked once the first has counted.
            await using var transaction = await db.BeginWriteTransactionAsync(cancellationToken);
            if (KnowledgeBaseRules.CanCurate(await IsStaffOrAdminAsync(db, actor.UserId, cancellationToken)) is { Allowed: false } forbidden)
                return WriteResult<int>.From(forbidden);
            var article = await db.KnowledgeBaseArticles.SingleOrDefaultAsync(a => a.Id == articleId, cancellationToken);
            if (article is null)
                return WriteResult<int>.Fail(WriteFailure.NotFound, "This article no longer exists.");
            var (decision, credited) = await change(db, article, time.GetUtcNow().UtcDateTime);
            if (!decision.Allowed)
                return WriteResult<int>.Fail(WriteFailure.Conflict, decision.Reason!);
            await transaction.CommitAsync(cancellationToken);
            if (credited.Count > 0)
                await Badges.BadgeCheck.AfterAsync(badges, credited, cancellationToken);
            return WriteResult<int>.Done(article.Id);
        }, cancellationToken);
    }

    internal static Task<bool> IsStaffOrAdminAsync(CommunityDbContext db, string userId, CancellationToken cancellationToken) =>
        db.UserRoles.Where(ur => ur.UserId == userId).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .AnyAsync(n => n == Roles.Staff || n == Roles.Admin, cancellationToken);
}
