using Community.Domain.Badges;

namespace Community.Domain.Tests.Badges;

/// <summary>The rules over one member's facts, without a database.</summary>
public sealed class MemberBadgesTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    private static MemberFacts Facts(
        PostFact[]? questions = null, PostFact[]? answers = null, int upVotes = 0, int downVotes = 0, int edits = 0,
        TagFact[]? tags = null, DateTime? memberSince = null, params (int, string)[] held) =>
        new("u1", memberSince ?? Now, questions ?? [], answers ?? [], upVotes, downVotes, edits, edits > 0 ? 7 : null, 0, tags ?? [], held.ToHashSet());

    private static List<(int BadgeId, string Key)> DueOf(MemberFacts facts) =>
        MemberBadges.Due(facts, Now).Select(d => (d.Badge.Id, d.AwardKey)).ToList();

    [Fact]
    public void NothingDoneEarnsNothing() => Assert.Empty(DueOf(Facts()));

    [Fact]
    public void AOnceBadgeIsForTheFirstPostThatEarnsIt()
    {
        var due = MemberBadges.Due(Facts(questions: [new(9, 0), new(12, 3), new(15, 1)]), Now);

        var student = Assert.Single(due);
        Assert.Equal((BadgeCatalogue.Student, "once", (int?)12), (student.Badge, student.AwardKey, student.PostId));
    }

    [Fact]
    public void APerPostBadgeIsDueForEachPostNotYetAwarded() =>
        Assert.Equal([(2, "once"), (10, "4")], DueOf(Facts(answers: [new(3, 11), new(4, 10)], held: [(10, "3")])).Where(d => d.BadgeId is 2 or 10).OrderBy(d => d.BadgeId));

    [Fact]
    public void AHeldOnceBadgeIsNotDueAgain() =>
        Assert.Empty(DueOf(Facts(upVotes: 5, held: [(BadgeCatalogue.Supporter.Id, "once")])));

    [Fact]
    public void CountedBadgesNeedOne() =>
        Assert.Equal([BadgeCatalogue.Supporter.Id, BadgeCatalogue.Critic.Id, BadgeCatalogue.Editor.Id], DueOf(Facts(upVotes: 1, downVotes: 1, edits: 1)).Select(d => d.BadgeId));

    [Fact]
    public void GuruNeedsTheAnswerToBeAccepted() =>
        Assert.Equal([("12", true)], MemberBadges.Due(Facts(answers: [new(11, 50), new(12, 40, HasAcceptedAnswer: true)]), Now)
            .Where(d => d.Badge == BadgeCatalogue.Guru).Select(d => (d.AwardKey, d.PostId == 12)));

    [Fact]
    public void ScholarIsForTheFirstQuestionWithAnAcceptedAnswer() =>
        Assert.Equal(21, MemberBadges.Due(Facts(questions: [new(20, 0), new(21, 0, HasAcceptedAnswer: true)]), Now).Single(d => d.Badge == BadgeCatalogue.Scholar).PostId);

    [Fact]
    public void EachTagAndLevelReachedIsDue() =>
        Assert.Equal([(20, "billing"), (20, "setup"), (21, "billing")],
            DueOf(Facts(tags: [new("billing", 150, 25), new("setup", 10, 5), new("wifi", 9, 30)])));

    [Fact]
    public void EachYearOfMembershipIsDueOnce() =>
        Assert.Equal([(8, "year-2"), (8, "year-3")], DueOf(Facts(memberSince: Now.AddYears(-3).AddDays(-1), held: [(8, "year-1")])));

    [Fact]
    public void ProgressLeavesOutBadgesAlreadyHeldAndFlagsThatDoNotExistYet()
    {
        var progress = MemberBadges.Progress(Facts(answers: [new(3, 12)], held: [(BadgeCatalogue.Teacher.Id, "once"), (BadgeCatalogue.NiceAnswer.Id, "3")]), Now);

        Assert.DoesNotContain(progress, p => p.Badge == BadgeCatalogue.Teacher || p.Badge == BadgeCatalogue.NiceAnswer || p.Badge == BadgeCatalogue.CitizenPatrol);
        Assert.Equal(13, progress.Single(p => p.Badge == BadgeCatalogue.GoodAnswer).StillNeeded);
    }
}
