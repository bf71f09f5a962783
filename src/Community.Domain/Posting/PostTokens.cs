using Community.Domain.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Community.Domain.Posting;

internal static class PostTokens
{
    /// <summary>
    /// Saves a new post and its first revision in <paramref name="transaction"/>. When the author's form token was
    /// already used (a double click racing this one), nothing is saved and the earlier post's id is returned.
    /// </summary>
    public static async Task<int?> AddOnceAsync(IDbContextFactory<CommunityDbContext> contexts, CommunityDbContext db,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Questions.Post post, CancellationToken cancellationToken)
    {
        db.Posts.Add(post);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            // In a group commit the earlier post was in this unit's batch: if that batch failed to commit, it is not
            // there yet, and this unit runs again alone (it then finds the post or makes it).
            return await FindAsync(again, post.AuthorId, post.ClientToken, cancellationToken)
                ?? throw new SqliteGroupCommit.RetryAloneException(e);
        }
        db.PostRevisions.Add(Revisions.PostRevisions.First(post, post.AuthorId));
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>
    /// SQLite: a new answer, its first revision and its question's count and last activity, in one statement prepared once
    /// per write connection (<see cref="SqlitePrepared"/>: in a group commit, once per run of batches) inside
    /// <paramref name="transaction"/>, where EF Core compiled three statements for each answer (the answer's INSERT with
    /// every trigger on <c>Posts</c>) and ran two SaveChanges. The rows are the ones <see cref="AddOnceAsync"/> and the
    /// counter's <c>ExecuteUpdate</c> write; the answer is not tracked (attach it to change it through EF Core), and the
    /// pages it changes are named for eviction here. A used form token: as <see cref="AddOnceAsync"/>.
    /// </summary>
    public static async Task<int?> AddAnswerOnceAsync(IDbContextFactory<CommunityDbContext> contexts, CommunityDbContext db,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, Questions.Answer answer, CancellationToken cancellationToken)
    {
        var command = SqlitePrepared.Command(db.Database.GetDbConnection(), transaction.GetDbTransaction(), AnswerSql,
            "@author", "@body", "@html", "@render", "@now", "@question", "@token");
        var parameters = command.Parameters;
        parameters["@author"].Value = answer.AuthorId;
        parameters["@body"].Value = answer.Body;
        parameters["@html"].Value = answer.BodyHtml;
        parameters["@render"].Value = answer.RenderVersion;
        parameters["@now"].Value = answer.CreatedAt;
        parameters["@question"].Value = answer.QuestionId;
        parameters["@token"].Value = (object?)answer.ClientToken ?? DBNull.Value;
        try
        {
            using var reader = command.ExecuteReader();
            reader.Read();
            answer.Id = reader.GetInt32(0);
            while (reader.NextResult())
            {
            }
        }
        catch (SqliteException e) when (e is { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 })
        {
            await transaction.RollbackAsync(cancellationToken);
            await using var again = await contexts.CreateDbContextAsync(cancellationToken);
            return await FindAsync(again, answer.AuthorId, answer.ClientToken, cancellationToken)
                ?? throw new SqliteGroupCommit.RetryAloneException(e);
        }
        Changes.ContentChanges.Posts(db, answer.QuestionId);
        return null;
    }

    // The columns EF Core writes for a new answer (the question's columns NULL, Version 1), its first revision by its
    // author (last_insert_rowid() is the answer's: a trigger's inserts do not change it once the trigger ends), and the
    // question's count and activity as AnswerQuestion's ExecuteUpdate sets them.
    private const string AnswerSql = """
        INSERT INTO "Posts" ("Kind", "AuthorId", "Body", "BodyHtml", "RenderVersion", "Score", "CreatedAt", "QuestionId", "Version", "ClientToken")
        VALUES ('Answer', @author, @body, @html, @render, 0, @now, @question, 1, @token)
        RETURNING "Id";
        INSERT INTO "PostRevisions" ("PostId", "Number", "EditorId", "CreatedAt", "Body")
        VALUES (last_insert_rowid(), 1, @author, @now, @body);
        UPDATE "Posts" SET "AnswerCount" = "AnswerCount" + 1, "LastActivityAt" = @now WHERE "Id" = @question AND "Kind" = 'Question';
        """;

    /// <summary>The post this author already made with this form token, if any.</summary>
    public static async Task<int?> FindAsync(CommunityDbContext db, string authorId, string? clientToken, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(clientToken))
            return null;
        var ids = await db.Posts.Where(p => p.AuthorId == authorId && p.ClientToken == clientToken).Select(p => p.Id).Take(1).ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }
}
