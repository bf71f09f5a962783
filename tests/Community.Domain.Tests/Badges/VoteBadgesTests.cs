using Community.Domain.Badges;

namespace Community.Domain.Tests.Badges;

/// <summary>Which badges a vote can award, from the vote alone (pure rules, no database).</summary>
public sealed class VoteBadgesTests
{
    private static VoteEvent Vote(int score, int change, int value = 1, bool answer = true, bool accepted = false, bool live = true) =>
        new("voter", value, "author", 7, answer ? 3 : 7, answer, accepted, live, score, change);

    private static List<(string UserId, int BadgeId, string Key)> Of(VoteEvent vote) =>
        VoteBadges.Candidates(vote).Select(c => (c.UserId, c.Badge.Id, c.AwardKey)).ToList();

    [Fact]
    public void AnUpVoteMayEarnTheVoterSupporterAndADownVoteCritic()
    {
        Assert.Contains(("voter", BadgeCatalogue.Supporter.Id, "once"), Of(Vote(5, 1)));
        Assert.Contains(("voter", BadgeCatalogue.Critic.Id, "once"), Of(Vote(3, -1, value: -1)));
        Assert.DoesNotContain(Of(Vote(3, -1, value: 0)), c => c.UserId == "voter");
    }

    [Theory]
    [InlineData(1, 1, new[] { 2 })]        // Teacher: the first point
    [InlineData(10, 1, new[] { 10 })]      // Nice Answer
    [InlineData(25, 2, new[] { 11 })]      // down to up: 23 → 25, Good Answer
    [InlineData(100, 1, new[] { 12 })]     // Great Answer
    [InlineData(11, 1, new int[0])]        // past Nice Answer already: nothing new
    [InlineData(9, 1, new int[0])]         // not there yet
    public void AnAnswersBadgesComeWhenTheVoteCarriesItsScoreAcrossTheirThreshold(int score, int change, int[] badges) =>
        Assert.Equal(badges.Select(id => ("author", id, id == BadgeCatalogue.Teacher.Id ? "once" : "7")), Of(Vote(score, change)).Where(c => c.UserId == "author"));

    [Fact]
    public void AQuestionEarnsQuestionBadgesAndAnAcceptedAnswerGuru()
    {
        Assert.Equal([("author", BadgeCatalogue.Student.Id, "once")], Of(Vote(1, 1, answer: false)).Where(c => c.UserId == "author"));
        Assert.Equal([("author", BadgeCatalogue.NiceQuestion.Id, "7")], Of(Vote(10, 1, answer: false)).Where(c => c.UserId == "author"));
        Assert.Equal([("author", BadgeCatalogue.Guru.Id, "7")], Of(Vote(40, 1, accepted: true)).Where(c => c.UserId == "author"));
        Assert.DoesNotContain(Of(Vote(40, 1, accepted: false)), c => c.UserId == "author");
    }

    [Fact]
    public void ADownVoteADeletedThreadOrAQuestionVoteLeaveTheAuthorsTagsAlone()
    {
        Assert.DoesNotContain(Of(Vote(10, -1, value: -1)), c => c.UserId == "author");
        Assert.DoesNotContain(Of(Vote(10, 1, live: false)), c => c.UserId == "author");
        Assert.True(VoteBadges.ChecksTags(Vote(3, 1)));
        Assert.False(VoteBadges.ChecksTags(Vote(3, -1, value: -1)));
        Assert.False(VoteBadges.ChecksTags(Vote(3, 1, answer: false)));
        Assert.False(VoteBadges.ChecksTags(Vote(3, 1, live: false)));
    }

    [Fact]
    public void TagLevelsFollowTheCataloguesThresholdsAndAnswerCounts()
    {
        Assert.Empty(VoteBadges.TagLevels(new TagFact("billing", 10, 4)));
        Assert.Equal([BadgeCatalogue.TagBronze], VoteBadges.TagLevels(new TagFact("billing", 10, 5)));
        Assert.Equal([BadgeCatalogue.TagBronze, BadgeCatalogue.TagSilver], VoteBadges.TagLevels(new TagFact("billing", 100, 20)));
        Assert.Equal(10, VoteBadges.TagScoreFloor);
        Assert.Equal(5, VoteBadges.TagAnswersFloor);
    }
}
