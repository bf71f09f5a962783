using Community.Domain.KnowledgeBase;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>The feed's policy as plain cases: what happens to an article when its thread changes.</summary>
public sealed class KnowledgeBaseRulesTests
{
    private static readonly KnowledgeBaseOptions Defaults = new();
    private static readonly KnowledgeBaseOptions AutoPublish = new() { AutoPublishOfficial = true };
    private static readonly ThreadSnapshot Accepted = new(Exists: true, IsResolved: true, HasOfficialAnswer: false);
    private static readonly ThreadSnapshot Official = new(Exists: true, IsResolved: true, HasOfficialAnswer: true);
    private static readonly ThreadSnapshot Withdrawn = new(Exists: true, IsResolved: false, HasOfficialAnswer: false);
    private static readonly ThreadSnapshot Deleted = new(Exists: false, IsResolved: false, HasOfficialAnswer: false);

    private static ArticleState Article(ArticleStatus status, bool changed = true, UnpublishCause cause = UnpublishCause.None) => new(status, cause, changed);

    [Fact]
    public void AResolvedThreadWithoutAnArticleMakesADraft() =>
        Assert.Equal(FeedAction.CreateDraft, KnowledgeBaseRules.Decide(Accepted, null, Defaults));

    [Fact]
    public void AnOfficialAnswerMakesADraftUnlessTheSettingPublishesIt()
    {
        Assert.Equal(FeedAction.CreateDraft, KnowledgeBaseRules.Decide(Official, null, Defaults));
        Assert.Equal(FeedAction.CreatePublished, KnowledgeBaseRules.Decide(Official, null, AutoPublish));
    }

    [Fact]
    public void TheSettingDoesNotPublishThreadsWithOnlyAnAcceptedAnswer() =>
        Assert.Equal(FeedAction.CreateDraft, KnowledgeBaseRules.Decide(Accepted, null, AutoPublish));

    [Fact]
    public void AChangedDraftIsUpdatedDirectly() =>
        Assert.Equal(FeedAction.UpdateDirectly, KnowledgeBaseRules.Decide(Accepted, Article(ArticleStatus.Draft), Defaults));

    [Fact]
    public void AChangedPublishedArticleGetsARevisionToReview() =>
        Assert.Equal(FeedAction.ProposeRevision, KnowledgeBaseRules.Decide(Accepted, Article(ArticleStatus.Published), Defaults));

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Published)]
    public void NothingNewChangesNothing(ArticleStatus status) =>
        Assert.Equal(FeedAction.Nothing, KnowledgeBaseRules.Decide(Accepted, Article(status, changed: false), Defaults));

    [Theory]
    [InlineData(ArticleStatus.Draft)]
    [InlineData(ArticleStatus.Published)]
    public void AWithdrawnResolutionOrADeletedThreadUnpublishes(ArticleStatus status)
    {
        Assert.Equal(FeedAction.Unpublish, KnowledgeBaseRules.Decide(Withdrawn, Article(status), Defaults));
        Assert.Equal(FeedAction.Unpublish, KnowledgeBaseRules.Decide(Deleted, Article(status), Defaults));
    }

    [Fact]
    public void TheCauseSaysWhetherTheThreadWasDeletedOrItsResolutionWithdrawn()
    {
        Assert.Equal(UnpublishCause.ThreadDeleted, KnowledgeBaseRules.CauseFor(Deleted));
        Assert.Equal(UnpublishCause.ResolutionWithdrawn, KnowledgeBaseRules.CauseFor(Withdrawn));
    }

    [Fact]
    public void AnUnresolvedThreadWithoutAnArticleMakesNone() =>
        Assert.Equal(FeedAction.Nothing, KnowledgeBaseRules.Decide(Withdrawn, null, Defaults));

    [Theory]
    [InlineData(UnpublishCause.ThreadDeleted)]
    [InlineData(UnpublishCause.ResolutionWithdrawn)]
    public void AThreadResolvedAgainBringsItsArticleBackAsADraft(UnpublishCause cause) =>
        Assert.Equal(FeedAction.BackToDraft, KnowledgeBaseRules.Decide(Accepted, Article(ArticleStatus.Unpublished, cause: cause), Defaults));

    [Fact]
    public void AnArticleStaffUnpublishedStaysUnpublishedButFollowsTheThread() =>
        Assert.Equal(FeedAction.UpdateDirectly, KnowledgeBaseRules.Decide(Accepted, Article(ArticleStatus.Unpublished, cause: UnpublishCause.Staff), Defaults));

    [Fact]
    public void AMergedArticleIsLeftAlone()
    {
        Assert.Equal(FeedAction.Nothing, KnowledgeBaseRules.Decide(Accepted, Article(ArticleStatus.Merged), Defaults));
        Assert.Equal(FeedAction.Nothing, KnowledgeBaseRules.Decide(Deleted, Article(ArticleStatus.Merged), Defaults));
    }

    [Fact]
    public void OnlyStaffAndAdminsCurate()
    {
        Assert.True(KnowledgeBaseRules.CanCurate(true).Allowed);
        Assert.Equal("Only staff can review knowledge-base articles.", KnowledgeBaseRules.CanCurate(false).Reason);
    }

    [Theory]
    [InlineData(1, ArticleStatus.Draft, 1, ArticleStatus.Published, "An article cannot be merged into itself.")]
    [InlineData(1, ArticleStatus.Draft, 2, null, "There is no article 2: check the number.")]
    [InlineData(1, ArticleStatus.Draft, 2, ArticleStatus.Merged, "Article 2 was itself merged; merge into the article it points to.")]
    [InlineData(1, ArticleStatus.Merged, 2, ArticleStatus.Published, "This article is already merged.")]
    [InlineData(1, ArticleStatus.Published, 2, ArticleStatus.Draft, null)]
    public void MergeNeedsAnotherLiveArticle(int source, ArticleStatus sourceStatus, int target, ArticleStatus? targetStatus, string? refusal) =>
        Assert.Equal(refusal, KnowledgeBaseRules.CanMerge(source, sourceStatus, target, targetStatus).Reason);

    [Fact]
    public void AMemberVotesAsThemselvesAndAVisitorByTheirCookie()
    {
        Assert.Equal("user:abc", KnowledgeBaseRules.VisitorKey("abc", "cookie"));
        Assert.Equal("visitor:cookie", KnowledgeBaseRules.VisitorKey(null, "cookie"));
    }

    [Fact]
    public void OutboxStatusIsDoneFailedRetryingOrPending()
    {
        Assert.Equal(OutboxStatus.Done, KnowledgeBaseOutboxAdmin.StatusOf(DateTime.UtcNow, 3, "x", 10));
        Assert.Equal(OutboxStatus.Failed, KnowledgeBaseOutboxAdmin.StatusOf(null, 10, "x", 10));
        Assert.Equal(OutboxStatus.Retrying, KnowledgeBaseOutboxAdmin.StatusOf(null, 2, "x", 10));
        Assert.Equal(OutboxStatus.Pending, KnowledgeBaseOutboxAdmin.StatusOf(null, 0, null, 10));
    }
}
