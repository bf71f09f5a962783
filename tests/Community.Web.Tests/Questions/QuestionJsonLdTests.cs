using System.Text.Json;
using Community.Domain.Questions;
using Community.Domain.Staff;
using Community.Web.Components.Pages.Questions;

namespace Community.Web.Tests.Questions;

/// <summary>The question page's structured data and plain text, as plain C#.</summary>
public sealed class QuestionJsonLdTests
{
    [Theory]
    [InlineData("<p>Reset the <code>router</code>.</p>\n<p>Then   wait.</p>", "Reset the router . Then wait.")]
    [InlineData("<p>Fish &amp; chips&nbsp;&lt;b&gt; &#x27;ok&#x27;</p>", "Fish & chips <b> 'ok'")]
    [InlineData("a &lt; b and c &gt; d", "a < b and c > d")] // sanitized HTML always encodes a literal <
    [InlineData("<> stays, <br/> goes", "<> stays, goes")]
    [InlineData("unclosed <a href", "unclosed <a href")]
    [InlineData("  \t\n ", "")]
    [InlineData("", "")]
    [InlineData("<p>a</p><p>b</p>", "a b")]
    [InlineData("<b>bold</b>text and\u2003\u00A0 more", "bold text and more")]
    [InlineData("x&nbsp;&nbsp;y &amp;&amp; z", "x y && z")]
    [InlineData("<<b>>", ">")]
    [InlineData("ends with <", "ends with <")]
    [InlineData("plain", "plain")]
    [InlineData("one two \nthree\n four  \t five", "one two three four five")]
    [InlineData("a \u00A0b c", "a b c")]
    public void Plain_text_drops_tags_decodes_entities_and_collapses_white_space(string html, string expected) =>
        Assert.Equal(expected, QuestionJsonLd.PlainText(html));

    [Fact]
    public void Structured_data_lists_the_accepted_answer_apart_and_never_closes_its_script_element()
    {
        var at = new DateTime(2026, 11, 1, 9, 30, 0, DateTimeKind.Utc);
        var staff = new PostAuthor("s1", "Sam", 10, new StaffDisclosure("Sam Ortega", "Support engineer", "Support", ""));
        AnswerView Answer(int id, bool accepted, bool deleted = false) =>
            new(id, $"<p>Answer {id} </script><script>alert(1)</script></p>", id, at, null, staff, accepted, deleted, 1, [], 0);
        var thread = new QuestionThread(7, "Wi-Fi drops", "<p>Why?</p>", 3, 10, at, null, at, new PostAuthor("u1", "Dana", 1), ["wifi"], 9,
            [Answer(9, accepted: true), Answer(10, accepted: false), Answer(11, accepted: false, deleted: true)], 1, false, null, [], 0);

        var text = QuestionJsonLd.For(thread, "Why?", url => "https://forum.example/" + url, "Acme");

        Assert.DoesNotContain("</script", text, StringComparison.OrdinalIgnoreCase);
        var question = JsonDocument.Parse(text).RootElement.GetProperty("mainEntity");
        Assert.Equal(2, question.GetProperty("answerCount").GetInt32());
        Assert.Equal("https://forum.example/questions/7/wi-fi-drops#answer-9", question.GetProperty("acceptedAnswer").GetProperty("url").GetString());
        var suggested = Assert.Single(question.GetProperty("suggestedAnswer").EnumerateArray());
        Assert.Equal("Answer 10 alert(1)", suggested.GetProperty("text").GetString());
        var author = suggested.GetProperty("author");
        Assert.Equal("Sam Ortega", author.GetProperty("name").GetString());
        Assert.Equal("Acme", author.GetProperty("affiliation").GetProperty("name").GetString());
        Assert.Equal("https://forum.example/staff/s1", author.GetProperty("url").GetString());
    }
}
