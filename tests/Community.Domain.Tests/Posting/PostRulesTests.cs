using Community.Domain.Accounts;
using Community.Domain.Posting;
using Community.Domain.Questions;

namespace Community.Domain.Tests.Posting;

public sealed class PostRulesTests
{
    private static readonly Actor Author = new("author", false);
    private static readonly Actor Other = new("other", false);
    private static readonly Actor Moderator = new("moderator", true);
    private static readonly DateTime Deleted = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static Question Question(string authorId = "author") => new() { Id = 1, AuthorId = authorId, Title = "A question about routers" };

    private static Answer Answer(string authorId = "author", int questionId = 1) => new() { Id = 2, AuthorId = authorId, QuestionId = questionId };

    private static T DeletedBy<T>(T post, string deleterId) where T : Post
    {
        post.DeletedAt = Deleted;
        post.DeletedById = deleterId;
        return post;
    }

    private static void Refused(Decision decision, string because)
    {
        Assert.False(decision.Allowed);
        Assert.Equal(because, decision.Reason);
    }

    // ---- edit ------------------------------------------------------------------------------------------------

    [Fact]
    public void TheAuthorCanEditTheirPost() => Assert.Equal(Decision.Allow, PostRules.CanEdit(Author, Answer()));

    [Fact]
    public void AModeratorCanEditSomeoneElsesPost() => Assert.True(PostRules.CanEdit(Moderator, Answer()).Allowed);

    [Fact]
    public void AnotherMemberCannotEditAPost() =>
        Refused(PostRules.CanEdit(Other, Answer()), "Only the author, a moderator or a member with 2,000 reputation can edit this post.");

    [Fact]
    public void TheAuthorCannotEditTheirDeletedPost() =>
        Refused(PostRules.CanEdit(Author, DeletedBy(Answer(), "author")), "This post was deleted; undelete it before editing.");

    [Fact]
    public void AModeratorCanEditADeletedPost() => Assert.True(PostRules.CanEdit(Moderator, DeletedBy(Answer(), "author")).Allowed);

    // ---- delete ----------------------------------------------------------------------------------------------

    [Fact]
    public void TheAuthorCanDeleteTheirPost() => Assert.True(PostRules.CanDelete(Author, Answer(), isAcceptedAnswer: false).Allowed);

    [Fact]
    public void AnotherMemberCannotDeleteAPost() =>
        Refused(PostRules.CanDelete(Other, Answer(), isAcceptedAnswer: false), "Only the author or a moderator can delete this post.");

    [Fact]
    public void TheAuthorCannotDeleteTheirAcceptedAnswer()
    {
        var decision = PostRules.CanDelete(Author, Answer(), isAcceptedAnswer: true);

        Assert.False(decision.Allowed);
        Assert.Contains("only a moderator can delete it", decision.Reason);
    }

    [Fact]
    public void AModeratorCanDeleteAnAcceptedAnswer() => Assert.True(PostRules.CanDelete(Moderator, Answer(), isAcceptedAnswer: true).Allowed);

    [Fact]
    public void ADeletedPostCannotBeDeletedAgain() =>
        Refused(PostRules.CanDelete(Moderator, DeletedBy(Answer(), "author"), isAcceptedAnswer: false), "This post is already deleted.");

    // ---- undelete --------------------------------------------------------------------------------------------

    [Fact]
    public void TheAuthorCanUndeleteWhatTheyDeleted() => Assert.True(PostRules.CanUndelete(Author, DeletedBy(Answer(), "author")).Allowed);

    [Fact]
    public void TheAuthorCannotUndeleteWhatAModeratorDeleted() =>
        Refused(PostRules.CanUndelete(Author, DeletedBy(Answer(), "moderator")), "A moderator deleted this post; only a moderator can undelete it.");

    [Fact]
    public void AModeratorCanUndeleteWhatAModeratorDeleted() => Assert.True(PostRules.CanUndelete(Moderator, DeletedBy(Answer(), "moderator")).Allowed);

    [Fact]
    public void AModeratorCanUndeleteWhatTheAuthorDeleted() => Assert.True(PostRules.CanUndelete(Moderator, DeletedBy(Answer(), "author")).Allowed);

    [Fact]
    public void AnotherMemberCannotUndeleteAPost() => Assert.False(PostRules.CanUndelete(Other, DeletedBy(Answer(), "author")).Allowed);

    [Fact]
    public void APostThatIsNotDeletedCannotBeUndeleted() => Refused(PostRules.CanUndelete(Moderator, Answer()), "This post is not deleted.");

    // ---- vote ------------------------------------------------------------------------------------------------

    [Fact]
    public void AMemberCanVoteOnSomeoneElsesPost() => Assert.True(PostRules.CanVote(Other, Answer()).Allowed);

    [Fact]
    public void AMemberCannotVoteOnTheirOwnPost() => Refused(PostRules.CanVote(Author, Question()), "You cannot vote on your own post.");

    [Fact]
    public void AModeratorCannotVoteOnTheirOwnPost() => Assert.False(PostRules.CanVote(Moderator, Question("moderator")).Allowed);

    [Fact]
    public void NobodyCanVoteOnADeletedPost()
    {
        Refused(PostRules.CanVote(Other, DeletedBy(Answer(), "author")), "You cannot vote on a deleted post.");
        Refused(PostRules.CanVote(Moderator, DeletedBy(Answer(), "author")), "You cannot vote on a deleted post.");
    }

    // ---- answer ----------------------------------------------------------------------------------------------

    [Fact]
    public void AMemberCanAnswerAnOpenQuestion() => Assert.True(PostRules.CanAnswer(Other, Question()).Allowed);

    [Fact]
    public void NobodyCanAnswerAClosedQuestion()
    {
        var closed = Question();
        closed.ClosedAt = Deleted;

        Refused(PostRules.CanAnswer(Other, closed), "This question is closed, so it takes no new answers.");
        Assert.False(PostRules.CanAnswer(Moderator, closed).Allowed);
    }

    [Fact]
    public void NobodyCanAnswerADeletedQuestion() => Refused(PostRules.CanAnswer(Moderator, DeletedBy(Question(), "author")), "This question was deleted.");

    // ---- accept ----------------------------------------------------------------------------------------------

    [Fact]
    public void TheAskerCanAcceptAnAnswerToTheirQuestion() => Assert.True(PostRules.CanAccept(Author, Question(), Answer("other")).Allowed);

    [Fact]
    public void OnlyTheAskerCanAcceptAnAnswer()
    {
        Refused(PostRules.CanAccept(Other, Question(), Answer("other")), "Only the person who asked can accept an answer.");
        Refused(PostRules.CanAccept(Moderator, Question(), Answer("other")), "Only the person who asked can accept an answer.");
    }

    [Fact]
    public void AnAnswerToAnotherQuestionCannotBeAccepted() =>
        Refused(PostRules.CanAccept(Author, Question(), Answer("other", questionId: 99)), "That answer belongs to another question.");

    [Fact]
    public void ADeletedAnswerCannotBeAccepted() => Assert.False(PostRules.CanAccept(Author, Question(), DeletedBy(Answer("other"), "other")).Allowed);

    // ---- comment ---------------------------------------------------------------------------------------------

    [Fact]
    public void AnyoneCanCommentOnALivePost() => Assert.True(PostRules.CanComment(Other, Answer()).Allowed);

    [Fact]
    public void NobodyCanCommentOnADeletedPost() => Refused(PostRules.CanComment(Moderator, DeletedBy(Answer(), "author")), "You cannot comment on a deleted post.");

    // ---- close -----------------------------------------------------------------------------------------------

    [Fact]
    public void AModeratorCanCloseAQuestion() => Assert.True(PostRules.CanClose(Moderator, Question()).Allowed);

    [Fact]
    public void OnlyModeratorsCanCloseAQuestion()
    {
        Refused(PostRules.CanClose(Author, Question()), "Only moderators can close or reopen questions.");
        Refused(PostRules.CanClose(Other, Question()), "Only moderators can close or reopen questions.");
    }

    [Fact]
    public void ADeletedQuestionCannotBeClosed() => Refused(PostRules.CanClose(Moderator, DeletedBy(Question(), "author")), "This question was deleted.");

    // ---- see -------------------------------------------------------------------------------------------------

    [Fact]
    public void EveryoneSeesALivePostEvenAnonymously()
    {
        Assert.True(PostRules.CanSee(null, Answer()));
        Assert.True(PostRules.CanSee(Other, Answer()));
    }

    [Fact]
    public void AnAnonymousVisitorCannotSeeADeletedPost() => Assert.False(PostRules.CanSee(null, DeletedBy(Answer(), "author")));

    [Fact]
    public void AnotherMemberCannotSeeADeletedPost() => Assert.False(PostRules.CanSee(Other, DeletedBy(Answer(), "author")));

    [Fact]
    public void TheAuthorSeesTheirDeletedPost() => Assert.True(PostRules.CanSee(Author, DeletedBy(Answer(), "moderator")));

    [Fact]
    public void AModeratorSeesADeletedPost() => Assert.True(PostRules.CanSee(Moderator, DeletedBy(Answer(), "author")));

    // ---- actor -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(Roles.Moderator, true)]
    [InlineData(Roles.Staff, true)]
    [InlineData(Roles.Admin, true)]
    [InlineData(Roles.Member, false)]
    public void ModeratorStaffAndAdminActAsModerators(string role, bool moderates) =>
        Assert.Equal(moderates, Actor.FromRoles("someone", [role], "203.0.113.5").IsModerator);
}
