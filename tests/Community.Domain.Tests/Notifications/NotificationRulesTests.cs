using Community.Domain.Notifications;

namespace Community.Domain.Tests.Notifications;

/// <summary>Who is told, and who is not, as plain rules.</summary>
public sealed class NotificationRulesTests
{
    private static readonly HashSet<string> None = [];

    private static Audience Around(string actor = "answerer", bool isPublic = true, bool mayPost = true, HashSet<string>? mentioned = null, HashSet<string>? followers = null, HashSet<string>? tagFollowers = null) =>
        new(actor, isPublic, mayPost, QuestionAuthorId: "asker", AnswerAuthorId: "answerer", Mentioned: mentioned ?? None, QuestionFollowers: followers ?? None, TagFollowers: tagFollowers ?? None);

    [Fact]
    public void AnAnswerTellsTheAskerFollowersAndTheMentionedOnceEachWithTheMostPersonalKind()
    {
        var told = NotificationRules.ForAnswer(Around(mentioned: ["asker", "staff"], followers: ["asker", "answerer", "watcher", "staff"]));

        Assert.Equal([new Recipient("asker", NotificationKind.AnswerOnYourQuestion), new Recipient("staff", NotificationKind.Mention), new Recipient("watcher", NotificationKind.FollowedActivity)], told);
    }

    [Fact]
    public void TheActorIsNeverToldAboutTheirOwnActivity()
    {
        Assert.Empty(NotificationRules.ForAnswer(Around(actor: "asker", followers: ["asker"])));
        Assert.DoesNotContain(NotificationRules.ForComment(Around(actor: "answerer", mentioned: ["answerer"]), onAnswer: true), r => r.UserId == "answerer");
    }

    [Fact]
    public void NobodyIsToldOfContentTheyCannotSeeOrOfASuspendedMembersActivity()
    {
        Assert.Empty(NotificationRules.ForAnswer(Around(isPublic: false, mentioned: ["staff"], followers: ["watcher"])));
        Assert.Empty(NotificationRules.ForComment(Around(mayPost: false, mentioned: ["staff"]), onAnswer: false));
        Assert.Empty(NotificationRules.ForQuestion(Around(isPublic: false, tagFollowers: ["tag-fan"])));
    }

    [Fact]
    public void ACommentTellsTheAuthorOfThePostItIsUnder()
    {
        Assert.Equal(new Recipient("answerer", NotificationKind.CommentOnYourAnswer), NotificationRules.ForComment(Around(actor: "third"), onAnswer: true)[0]);
        Assert.Equal(new Recipient("asker", NotificationKind.CommentOnYourQuestion), NotificationRules.ForComment(Around(actor: "third"), onAnswer: false)[0]);
    }

    [Fact]
    public void AnAcceptanceTellsTheAnswererAndANewQuestionTellsTagFollowers()
    {
        Assert.Equal([new Recipient("answerer", NotificationKind.AnswerAccepted)], NotificationRules.ForAcceptance(Around(actor: "asker")));
        Assert.Empty(NotificationRules.ForAcceptance(Around(actor: "answerer")));
        Assert.Equal([new Recipient("tag-fan", NotificationKind.FollowedActivity)], NotificationRules.ForQuestion(Around(actor: "asker", tagFollowers: ["tag-fan", "asker"])));
    }
}
