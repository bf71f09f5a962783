using System.Globalization;
using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.KnowledgeBase;

/// <summary>
/// The feed's most frequent write on SQLite, a new thread's article (issue 11: ≥ 300 resolved threads/s end to end),
/// as hand-written statements in the sync's own transaction instead of EF Core's SaveChanges: the article, its first
/// revision, the revision's credits, the audit entry, the outbox entry marked done. The same rows and columns EF Core
/// writes (PostgreSQL still saves through the context); the sync holds the write turn, and these were ~2 of its ~4 ms
/// there (bench/README.md). The change tracker does not see them: the knowledge-base pages are named for eviction here.
/// </summary>
internal static class SqliteArticleWrites
{
    /// <summary>
    /// Inserts the article, its revisions and their credits, setting their ids; false when another run made the thread's
    /// article first. A database error comes as SaveChanges reports it (a <see cref="DbUpdateException"/> around SQLite's).
    /// </summary>
    public static bool TryCreate(CommunityDbContext db, Article article)
    {
        try
        {
            return Create(db, article);
        }
        catch (SqliteException e) when (e is not { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            throw new DbUpdateException("An error occurred while saving the entity changes. See the inner exception for details.", e);
        }
    }

    private static bool Create(CommunityDbContext db, Article article)
    {
        using var command = Command(db, """
            INSERT INTO "KbArticles" ("SourceQuestionId", "Status", "UnpublishCause", "MergedIntoId", "Title", "Tags", "TitleEditedByStaff", "CurrentRevision",
                "PendingRevision", "HelpfulYes", "HelpfulNo", "CreatedAt", "UpdatedAt", "PublishedAt", "UnpublishedAt")
            VALUES (@question, @status, @cause, @merged, @title, @tags, @titleEdited, @current, @pending, @yes, @no, @created, @updated, @published, @unpublished)
            RETURNING "Id"
            """,
            ("@question", article.SourceQuestionId), ("@status", article.Status.ToString()), ("@cause", article.UnpublishCause.ToString()), ("@merged", article.MergedIntoId),
            ("@title", article.Title), ("@tags", article.Tags), ("@titleEdited", article.TitleEditedByStaff), ("@current", article.CurrentRevision),
            ("@pending", article.PendingRevision), ("@yes", article.HelpfulYes), ("@no", article.HelpfulNo), ("@created", article.CreatedAt),
            ("@updated", article.UpdatedAt), ("@published", article.PublishedAt), ("@unpublished", article.UnpublishedAt));
        try
        {
            article.Id = Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e) when (e is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            return false;
        }
        foreach (var revision in article.Revisions)
        {
            revision.ArticleId = article.Id;
            using var insert = Command(db, """
                INSERT INTO "KbArticleRevisions" ("ArticleId", "Number", "State", "EditorId", "CreatedAt", "AppliedAt", "ApprovedById", "Title", "ProblemMarkdown",
                    "ProblemHtml", "SolutionMarkdown", "SolutionHtml", "Tags", "Fingerprint")
                VALUES (@article, @number, @state, @editor, @created, @applied, @approved, @title, @problem, @problemHtml, @solution, @solutionHtml, @tags, @fingerprint)
                RETURNING "Id"
                """,
                ("@article", revision.ArticleId), ("@number", revision.Number), ("@state", revision.State.ToString()), ("@editor", revision.EditorId),
                ("@created", revision.CreatedAt), ("@applied", revision.AppliedAt), ("@approved", revision.ApprovedById), ("@title", revision.Title),
                ("@problem", revision.ProblemMarkdown), ("@problemHtml", revision.ProblemHtml), ("@solution", revision.SolutionMarkdown),
                ("@solutionHtml", revision.SolutionHtml), ("@tags", revision.Tags), ("@fingerprint", revision.Fingerprint));
            revision.Id = Convert.ToInt32(insert.ExecuteScalar(), CultureInfo.InvariantCulture);
            foreach (var credit in revision.Credits)
            {
                credit.RevisionId = revision.Id;
                using var add = Command(db, """
                    INSERT INTO "KbArticleCredits" ("RevisionId", "AnswerId", "UserId", "DisplayName", "Role", "Staff_Name", "Staff_Title", "Staff_Team", "Staff_Company")
                    VALUES (@revision, @answer, @user, @name, @role, @staffName, @staffTitle, @staffTeam, @staffCompany)
                    RETURNING "Id"
                    """,
                    ("@revision", credit.RevisionId), ("@answer", credit.AnswerId), ("@user", credit.UserId), ("@name", credit.DisplayName), ("@role", credit.Role.ToString()),
                    ("@staffName", credit.StaffDisclosure?.Name), ("@staffTitle", credit.StaffDisclosure?.Title), ("@staffTeam", credit.StaffDisclosure?.Team),
                    ("@staffCompany", credit.StaffDisclosure?.Company));
                credit.Id = Convert.ToInt32(add.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
        }
        Changes.ContentChanges.KnowledgeBase(db);
        return true;
    }

    /// <summary>The audit entry <see cref="Audit.AuditLog.Record"/> would add, written at once.</summary>
    public static void Audit(CommunityDbContext db, DateTime at, string action, Audit.AuditTarget target, string details)
    {
        var entry = new Audit.AuditEntry { At = at, Action = action, TargetKind = target.Kind, TargetId = target.Id, TargetUserId = target.UserId, Details = details };
        using var command = Command(db, """
            INSERT INTO "AuditEntries" ("Action", "ActorId", "At", "Details", "Reason", "TargetId", "TargetKind", "TargetUserId")
            VALUES (@action, NULL, @at, @details, NULL, @targetId, @targetKind, @targetUser)
            """,
            ("@action", entry.Action), ("@at", entry.At), ("@details", entry.Details), ("@targetId", entry.TargetId), ("@targetKind", entry.TargetKind),
            ("@targetUser", entry.TargetUserId));
        command.ExecuteNonQuery();
    }

    /// <summary>The outbox entry marked done, as <c>KnowledgeBaseFeed.MarkDoneAsync</c>'s ExecuteUpdate does.</summary>
    public static int MarkDone(CommunityDbContext db, long entryId, DateTime now)
    {
        using var command = Command(db, """UPDATE "KbOutbox" SET "DoneAt" = @now, "LastError" = NULL WHERE "Id" = @entry AND "DoneAt" IS NULL""",
            ("@now", now), ("@entry", entryId));
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(CommunityDbContext db, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = (SqliteCommand)db.Database.GetDbConnection().CreateCommand();
        command.Transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
