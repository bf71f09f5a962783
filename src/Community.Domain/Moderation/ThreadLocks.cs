using Community.Domain.Persistence;
using Community.Domain.Posting;
using Community.Domain.Questions;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Moderation;

/// <summary>A locked thread stays readable; members cannot answer, comment, vote or edit in it. Moderators still can.</summary>
public static class ThreadLocks
{
    public const string Message = "A moderator locked this thread: it stays readable, but takes no new answers, comments, votes or edits.";

    /// <summary>The same rule, for a caller that already read whether the thread is locked.</summary>
    public static Decision Check(Actor actor, bool threadLocked) =>
        threadLocked && !actor.IsModerator ? Decision.Deny(Message) : Decision.Allow;

    public static async Task<Decision> CheckAsync(CommunityDbContext db, Actor actor, Post post, CancellationToken cancellationToken)
    {
        if (actor.IsModerator)
            return Decision.Allow;
        var questionId = post is Answer answer ? answer.QuestionId : post.Id;
        var locked = post is Question question
            ? question.IsLocked
            : await db.Questions.AnyAsync(q => q.Id == questionId && q.LockedAt != null, cancellationToken);
        return locked ? Decision.Deny(Message) : Decision.Allow;
    }
}
