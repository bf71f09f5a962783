using Community.Domain.Questions;

namespace Community.Domain.Posting;

/// <summary>Who may do what to a post. Pure: the services ask these, and so do the pages when deciding what to show.</summary>
public static class PostRules
{
    /// <param name="editsOthersPosts">The member holds the privilege to edit others' posts directly (by reputation).</param>
    public static Decision CanEdit(Actor actor, Post post, bool editsOthersPosts = false)
    {
        if (post.IsDeleted && !actor.IsModerator)
            return Decision.Deny("This post was deleted; undelete it before editing.");
        return actor.UserId == post.AuthorId || actor.IsModerator || editsOthersPosts
            ? Decision.Allow
            : Decision.Deny("Only the author, a moderator or a member with 2,000 reputation can edit this post.");
    }

    public static Decision CanDelete(Actor actor, Post post, bool isAcceptedAnswer)
    {
        if (post.IsDeleted)
            return Decision.Deny("This post is already deleted.");
        if (actor.IsModerator)
            return Decision.Allow;
        if (actor.UserId != post.AuthorId)
            return Decision.Deny("Only the author or a moderator can delete this post.");
        return isAcceptedAnswer
            ? Decision.Deny("An accepted answer helps others with the same problem, so only a moderator can delete it.")
            : Decision.Allow;
    }

    public static Decision CanUndelete(Actor actor, Post post)
    {
        if (!post.IsDeleted)
            return Decision.Deny("This post is not deleted.");
        if (actor.IsModerator)
            return Decision.Allow;
        return actor.UserId == post.AuthorId && post.DeletedById == actor.UserId
            ? Decision.Allow
            : Decision.Deny("A moderator deleted this post; only a moderator can undelete it.");
    }

    public static Decision CanVote(Actor actor, Post post)
    {
        if (post.IsDeleted)
            return Decision.Deny("You cannot vote on a deleted post.");
        return post.AuthorId == actor.UserId
            ? Decision.Deny("You cannot vote on your own post.")
            : Decision.Allow;
    }

    public static Decision CanAnswer(Actor actor, Question question)
    {
        if (question.IsDeleted)
            return Decision.Deny("This question was deleted.");
        if (question.IsLocked && !actor.IsModerator)
            return Decision.Deny(Moderation.ThreadLocks.Message);
        return question.IsClosed
            ? Decision.Deny("This question is closed, so it takes no new answers.")
            : Decision.Allow;
    }

    public static Decision CanAccept(Actor actor, Question question, Answer answer)
    {
        if (question.AuthorId != actor.UserId)
            return Decision.Deny("Only the person who asked can accept an answer.");
        if (answer.QuestionId != question.Id)
            return Decision.Deny("That answer belongs to another question.");
        if (answer.IsDeleted || question.IsDeleted)
            return Decision.Deny("You cannot accept a deleted answer.");
        return Decision.Allow;
    }

    public static Decision CanComment(Actor actor, Post post) =>
        post.IsDeleted ? Decision.Deny("You cannot comment on a deleted post.") : Decision.Allow;

    public static Decision CanClose(Actor actor, Question question)
    {
        if (!actor.IsModerator)
            return Decision.Deny("Only moderators can close or reopen questions.");
        return question.IsDeleted ? Decision.Deny("This question was deleted.") : Decision.Allow;
    }

    /// <summary>Can this visitor see the post at all? Deleted and held (hidden pending review) posts are visible to their author and moderators only.</summary>
    public static bool CanSee(Actor? actor, Post post) => CanSee(actor, post.IsDeleted, post.IsHidden, post.AuthorId);

    /// <summary>The same, from a projection's columns.</summary>
    public static bool CanSee(Actor? actor, bool isDeleted, bool isHidden, string authorId) =>
        !isDeleted && !isHidden || actor is not null && (actor.IsModerator || actor.UserId == authorId);
}
