using Bunit;
using Community.Domain.Questions;
using Community.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Community.Web.Tests.Components;

public sealed class QuestionListTests : BunitContext
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    public QuestionListTests() => Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Now)));

    private static QuestionSummary Question(int id, string title, int answers, bool accepted) =>
        new(id, title, Score: 3, answers, accepted, ViewCount: 40, AskedAt: Now.AddHours(-5), LastActivityAt: Now.AddHours(-1),
            AuthorId: "u1", AuthorName: "Dana Whitfield", Tags: ["setup", "firmware"]);

    [Fact]
    public void EachQuestionLinksToItsPageWithItsTagsAuthorAndAge()
    {
        var list = Render<QuestionList>(p => p.Add(c => c.Questions, [Question(7, "Satellite keeps blinking amber", 2, accepted: true)]));

        var link = list.Find(".question-row h3 a");
        Assert.Equal("questions/7/satellite-keeps-blinking-amber", link.GetAttribute("href"));
        Assert.Equal(["setup", "firmware"], list.FindAll(".tag").Select(t => t.TextContent));
        Assert.Contains("Dana Whitfield", list.Find(".question-meta").TextContent);
        Assert.Equal("5 hours ago", list.Find("time").TextContent);
    }

    [Fact]
    public void AnAcceptedAnswerIsMarkedDifferentlyFromMereAnswers()
    {
        var list = Render<QuestionList>(p => p.Add(c => c.Questions,
            [Question(1, "Accepted question here", 2, accepted: true), Question(2, "Answered question here", 1, accepted: false), Question(3, "Unanswered question", 0, accepted: false)]));

        var stats = list.FindAll(".question-stats");
        Assert.NotNull(stats[0].QuerySelector(".answered-accepted"));
        Assert.NotNull(stats[1].QuerySelector(".answered"));
        Assert.Null(stats[2].QuerySelector(".answered, .answered-accepted"));
        Assert.Contains("one accepted", stats[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void AnEmptyListSaysSo()
    {
        var list = Render<QuestionList>(p => p.Add(c => c.Questions, []).Add(c => c.EmptyText, "No questions with this tag yet."));

        Assert.Equal("No questions with this tag yet.", list.Find(".empty").TextContent);
        Assert.Empty(list.FindAll("li"));
    }
}
