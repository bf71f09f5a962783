using Community.Domain.Accounts;
using Community.Domain.KnowledgeBase;
using Community.Domain.Questions;
using Community.Domain.Staff;

namespace Community.Domain.Tests.KnowledgeBase;

/// <summary>What an article is made of, from a thread in memory.</summary>
public sealed class ArticleContentTests
{
    private static readonly StaffDisclosure Sam = new("Sam Ortega", "Support engineer", "Technical support", "Brightwave");

    private static Question Thread() => new()
    {
        Id = 1, Title = "Router drops Wi-Fi every night", Body = "It drops.", BodyHtml = "<p>It drops.</p>",
        Tags = [new Tag { Name = "wifi" }, new Tag { Name = "billing" }],
    };

    private static Answer Reply(int id, string author, StaffDisclosure? staff = null)
    {
        var user = new CommunityUser();
        user.Rename(author);
        return new Answer { Id = id, QuestionId = 1, AuthorId = author, Author = user, Body = $"Answer {id}", BodyHtml = $"<p>Answer {id}</p>", StaffDisclosure = staff };
    }

    [Fact]
    public void NoAcceptedOfficialOrSummaryMeansNoArticle() => Assert.Null(ArticleContent.From(Thread(), null, null, null));

    [Fact]
    public void TheAcceptedAnswerComesFirstThenTheOfficialOneWithItsDisclosure()
    {
        var content = ArticleContent.From(Thread(), Reply(2, "Priya"), Reply(3, "Sam", Sam), null)!;

        Assert.Equal([(2, CreditRole.AcceptedAnswer), (3, CreditRole.OfficialAnswer)], content.Solution.Select(p => (p.AnswerId!.Value, p.Role)));
        Assert.Equal(Sam, content.Solution[1].Staff);
        Assert.Equal("Answer 2" + ArticleContent.PartSeparator + "Answer 3", content.SolutionMarkdown);
        Assert.Equal("billing wifi", content.TagList);
    }

    [Fact]
    public void AnAnswerBothAcceptedAndOfficialIsCreditedOnceAsOfficial()
    {
        var answer = Reply(2, "Sam", Sam);

        var content = ArticleContent.From(Thread(), answer, answer, null)!;

        Assert.Equal(CreditRole.OfficialAnswer, Assert.Single(content.Solution).Role);
    }

    [Fact]
    public void AKeptTitleShowsButTheFingerprintFollowsTheThread()
    {
        var plain = ArticleContent.From(Thread(), Reply(2, "Priya"), null, null)!;
        var kept = ArticleContent.From(Thread(), Reply(2, "Priya"), null, null, keptTitle: "A better title from staff")!;

        Assert.Equal("A better title from staff", kept.Title);
        Assert.Equal(plain.Fingerprint, kept.Fingerprint);
    }

    [Fact]
    public void AnEditedAnswerChangesTheFingerprint()
    {
        var before = ArticleContent.From(Thread(), Reply(2, "Priya"), null, null)!;
        var edited = Reply(2, "Priya");
        edited.Body += " Then restart.";

        Assert.NotEqual(before.Fingerprint, ArticleContent.From(Thread(), edited, null, null)!.Fingerprint);
    }
}
