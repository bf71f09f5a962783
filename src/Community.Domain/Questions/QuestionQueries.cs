using Community.Domain.Comments;
using Community.Domain.Persistence;
using Community.Domain.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Questions;

/// <summary>Read-only lists of questions for the home page, tags and profiles.</summary>
public sealed class QuestionQueries(IDbContextFactory<CommunityDbContext> contexts, Privileges.PrivilegeOptions? privilegeOptions = null)
{
    public const int PageSize = 30;

    private readonly Privileges.PrivilegeOptions privileges = privilegeOptions ?? new();

    public async Task<IReadOnlyList<QuestionSummary>> RecentAsync(int count = PageSize, CancellationToken cancellationToken = default) =>
        (await ListAsync(QuestionTab.Active, null, null, count, cancellationToken)).Items;

    public async Task<IReadOnlyList<QuestionSummary>> ByAuthorAsync(string authorId, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SummariesAsync(db, db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null && q.AuthorId == authorId)
            .OrderByDescending(q => q.CreatedAt).Take(count), cancellationToken);
    }

    /// <summary>A page of a tab, optionally within a tag, starting after <paramref name="cursor"/> (from the previous page).</summary>
    public async Task<QuestionListPage> ListAsync(QuestionTab tab, string? tag, string? cursor, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var questions = db.Questions.AsNoTracking().Where(q => q.DeletedAt == null && q.HiddenAt == null);
        if (tag is not null)
        {
            // From the tag's side (its questions by the join table's TagsId index, then sorted): a correlated EXISTS made
            // SQLite walk the whole list index for a rare tag, ~0.2 s of CPU and seconds of reads on 100,000 questions.
            var tagged = db.Set<Dictionary<string, object>>("QuestionTags")
                .Where(qt => db.Tags.Where(t => t.Name == tag).Select(t => t.Id).Contains(EF.Property<int>(qt, "TagsId")))
                .Select(qt => EF.Property<int>(qt, "QuestionsId"));
            questions = questions.Where(q => tagged.Contains(q.Id));
        }
        if (tab == QuestionTab.Unanswered)
            questions = questions.Where(q => q.AcceptedAnswerId == null
                && !db.Answers.Any(a => a.QuestionId == q.Id && a.DeletedAt == null && a.HiddenAt == null && a.Score > 0));
        var (key, id) = ParseCursor(cursor);
        questions = tab switch
        {
            // An int key: a long would make EF cast the column, and SQLite could no longer seek the index.
            QuestionTab.Top => (key is null ? questions : questions.Where(q => q.Score < (int)key.Value || q.Score == (int)key.Value && q.Id < id))
                .OrderByDescending(q => q.Score).ThenByDescending(q => q.Id),
            QuestionTab.Active => (key is null ? questions : questions.Where(q => q.LastActivityAt < new DateTime(key.Value, DateTimeKind.Utc)
                    || q.LastActivityAt == new DateTime(key.Value, DateTimeKind.Utc) && q.Id < id))
                .OrderByDescending(q => q.LastActivityAt).ThenByDescending(q => q.Id),
            _ => (key is null ? questions : questions.Where(q => q.CreatedAt < new DateTime(key.Value, DateTimeKind.Utc)
                    || q.CreatedAt == new DateTime(key.Value, DateTimeKind.Utc) && q.Id < id))
                .OrderByDescending(q => q.CreatedAt).ThenByDescending(q => q.Id),
        };
        var items = (await SummariesAsync(db, questions.Take(pageSize + 1), cancellationToken)).ToList();
        if (items.Count <= pageSize)
            return new QuestionListPage(items, null);
        items.RemoveAt(pageSize);
        var last = items[^1];
        var nextKey = tab switch
        {
            QuestionTab.Top => last.Score,
            QuestionTab.Active => last.LastActivityAt.Ticks,
            _ => last.AskedAt.Ticks,
        };
        return new QuestionListPage(items, $"{nextKey}_{last.Id}");
    }

    private static (long? Key, int Id) ParseCursor(string? cursor)
    {
        var parts = (cursor ?? "").Split('_');
        return parts.Length == 2 && long.TryParse(parts[0], out var key) && int.TryParse(parts[1], out var id) ? (key, id) : (null, 0);
    }

    /// <summary>The question page for <paramref name="viewer"/> (null: anonymous); null when the question is gone for them.</summary>
    public async Task<QuestionThread?> ThreadAsync(int id, Actor? viewer = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var question = await db.Questions.AsNoTracking().Include(q => q.Author)
            .SingleOrDefaultAsync(q => q.Id == id, cancellationToken);
        if (question is null || !PostRules.CanSee(viewer, question))
            return null;
        var tags = await db.Questions.Where(q => q.Id == id).SelectMany(q => q.Tags, (_, t) => t.Name).ToListAsync(cancellationToken);
        var answers = (await db.Answers.AsNoTracking().Include(a => a.Author).Where(a => a.QuestionId == id).ToListAsync(cancellationToken))
            .Where(a => PostRules.CanSee(viewer, a)).ToList();
        var postIds = answers.Select(a => a.Id).Append(id).ToList();
        // A held comment is shown to its author and moderators only, with the reason.
        var seesHeld = viewer?.IsModerator == true;
        var viewerId = viewer?.UserId;
        var comments = (await db.Comments.AsNoTracking().Where(c => postIds.Contains(c.PostId) && c.DeletedAt == null && (c.HiddenAt == null || seesHeld || c.AuthorId == viewerId))
                .OrderBy(c => c.CreatedAt)
                .Select(c => new CommentView(c.Id, c.PostId, c.BodyHtml, c.CreatedAt, new PostAuthor(c.AuthorId, c.Author!.DisplayName, c.Author.Reputation, c.StaffDisclosure), c.HiddenReason))
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.PostId);
        var myVotes = viewer is null
            ? new Dictionary<int, int>()
            : await db.Votes.Where(v => v.VoterId == viewer.UserId && postIds.Contains(v.PostId)).ToDictionaryAsync(v => v.PostId, v => v.Value, cancellationToken);
        ClosedInfo? closed = null;
        if (question is { ClosedAt: { } closedAt, CloseReason: { } reason })
        {
            var duplicateTitle = question.DuplicateOfId is { } original
                ? await db.Questions.Where(q => q.Id == original && q.DeletedAt == null && q.HiddenAt == null).Select(q => q.Title).SingleOrDefaultAsync(cancellationToken)
                : null;
            closed = new ClosedInfo(reason, closedAt, question.DuplicateOfId, duplicateTitle, question.ClosedById is null);
        }
        var answerViews = answers
            .Select(a => new AnswerView(a.Id, a.BodyHtml, a.Score, a.CreatedAt, a.EditedAt, Author(a), a.Id == question.AcceptedAnswerId,
                a.IsDeleted, a.Version, comments[a.Id].ToList(), myVotes.GetValueOrDefault(a.Id), a.Id == question.OfficialAnswerId, a.HiddenReason))
            .OrderByDescending(a => a.IsAccepted).ThenByDescending(a => a.IsOfficial).ThenByDescending(a => a.Score).ThenBy(a => a.AnsweredAt)
            .ToList();
        return new QuestionThread(question.Id, question.Title, question.BodyHtml, question.Score, question.ViewCount,
            question.CreatedAt, question.EditedAt, question.LastActivityAt, Author(question),
            tags.Order(StringComparer.Ordinal).ToList(), question.AcceptedAnswerId, answerViews,
            question.Version, question.IsDeleted, closed, comments[id].ToList(), myVotes.GetValueOrDefault(id), question.OfficialAnswerId, question.HiddenReason, question.IsLocked);
    }

    /// <summary>What an edit form starts from.</summary>
    public async Task<PostForEditing?> ForEditingAsync(int postId, Actor viewer, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var post = await db.Posts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == postId, cancellationToken);
        if (post is null || !PostRules.CanSee(viewer, post))
            return null;
        var question = post as Question ?? await db.Questions.AsNoTracking().SingleAsync(q => q.Id == ((Answer)post).QuestionId, cancellationToken);
        var tags = post is Question ? await db.Questions.Where(q => q.Id == postId).SelectMany(q => q.Tags.Select(t => t.Name)).ToListAsync(cancellationToken) : null;
        var reputation = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.Reputation).SingleOrDefaultAsync(cancellationToken);
        var editsOthers = Privileges.PrivilegeRules.Holds(privileges, Privileges.Privilege.EditOthersPosts, reputation, viewer.IsModerator);
        return new PostForEditing(post.Id, post is Question, question.Id, question.Title, post.Body, tags, post.Version, PostRules.CanEdit(viewer, post, editsOthers),
            Revisions.SuggestedEditRules.CanSuggest(viewer, post, editsOthers).Allowed);
    }

    private static PostAuthor Author(Post post) => new(post.AuthorId, post.Author!.DisplayName, post.Author.Reputation, post.StaffDisclosure);

    public async Task<int> CountAsync(string? tag = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Questions.CountAsync(q => q.DeletedAt == null && q.HiddenAt == null && (tag == null || q.Tags.Any(t => t.Name == tag)), cancellationToken);
    }

    /// <summary>
    /// A page's rows, then the tags of just those rows by the join table's key: a tag list projected inside the first
    /// query makes SQLite materialize every question's tags on each call (measured in bench/, 3.4M VM steps a page).
    /// </summary>
    private static async Task<IReadOnlyList<QuestionSummary>> SummariesAsync(CommunityDbContext db, IQueryable<Question> questions, CancellationToken cancellationToken)
    {
        var rows = await questions.Select(q => new
        {
            q.Id, q.Title, q.Score, q.AnswerCount, Accepted = q.AcceptedAnswerId != null, q.ViewCount, q.CreatedAt, q.LastActivityAt,
            q.AuthorId, AuthorName = q.Author!.DisplayName, Closed = q.ClosedAt != null, q.StaffDisclosure,
        }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id))
                .SelectMany(q => q.Tags, (q, t) => new { q.Id, t.Name }).ToListAsync(cancellationToken))
            .ToLookup(t => t.Id, t => t.Name);
        return rows.Select(r => new QuestionSummary(r.Id, r.Title, r.Score, r.AnswerCount, r.Accepted, r.ViewCount, r.CreatedAt, r.LastActivityAt,
                r.AuthorId, r.AuthorName, tags[r.Id].Order(StringComparer.Ordinal).ToList(), r.Closed, r.StaffDisclosure))
            .ToList();
    }
}
