using Community.Domain.Questions;
using Community.Domain.Search;
using Community.Domain.Tests.Posting;
using Microsoft.EntityFrameworkCore;

namespace Community.Domain.Tests.Search;

/// <summary>
/// Related questions on a small forum with small bounds (issue 11): one old question shares a rare word with the subject,
/// many newer ones share only a common word, as on a big community where "best" or "setup" is in thousands of titles.
/// </summary>
public sealed class RelatedQuestionsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    /// <summary>Five candidates, and a word in 8 titles or more is common: <see cref="Newer"/> newer questions share "firmware".</summary>
    private static readonly SearchBounds Small = new(Candidates: 5, TitleCandidates: 5, CommonTitleMatches: 8);

    private const int Newer = 12;

    private static async Task<(TestForum Forum, int Subject, int Rare, List<int> Common)> ForumAsync()
    {
        var forum = await TestForum.CreateAsync();
        var author = await forum.MemberAsync();
        var now = forum.Time.GetUtcNow().UtcDateTime;
        await using var db = forum.Db();
        var tag = await db.Tags.FirstAsync(Ct);
        var rare = Question(author.UserId, "Narwhal hub forgets its schedule", "Since the last update.", now.AddDays(-300), tag);
        db.Questions.Add(rare);
        await db.SaveChangesAsync(Ct);
        var common = new List<Question>();
        for (var n = 0; n < Newer; n++)
        {
            var question = Question(author.UserId, $"Firmware update number {n} failed", "It stops halfway.", now.AddDays(-20 + n), tag);
            question.Score = 20;
            question.AnswerCount = 1;
            db.Questions.Add(question);
            common.Add(question);
        }
        var subject = Question(author.UserId, "Narwhal firmware stalls?", "It hangs at 40%.", now, tag);
        db.Questions.Add(subject);
        await db.SaveChangesAsync(Ct);
        return (forum, subject.Id, rare.Id, common.Select(q => q.Id).ToList());
    }

    private static Question Question(string authorId, string title, string body, DateTime at, Tag tag) => new()
    {
        AuthorId = authorId, Title = title, Body = body, BodyHtml = $"<p>{body}</p>", CreatedAt = at, LastActivityAt = at, Tags = [tag],
    };

    [Fact]
    public async Task A_question_sharing_a_rare_word_comes_first_however_many_newer_ones_share_a_common_word()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "PostgreSQL's related questions still rank the newest matches of every word (bench/README.md).");
        var (forum, subject, rare, common) = await ForumAsync();
        await using var _ = forum;

        var related = await forum.SearchIndex(Small).RelatedAsync(subject, "Narwhal firmware stalls?", [], 5, Ct);

        // The rare word first, then the common word fills the list (the newest of its matches, all equal otherwise).
        Assert.Equal(rare, related[0].Id);
        Assert.Equal(5, related.Count);
        Assert.All(related.Skip(1), h => Assert.Contains(h.Id, common));
        Assert.DoesNotContain(related, h => h.Id == subject);
    }

    [Fact]
    public async Task Without_a_rare_word_the_common_ones_rank_as_before()
    {
        var (forum, subject, _, common) = await ForumAsync();
        await using var _ = forum;

        // "firmware" is common and "update" too: every word of the title is, so all of them are matched.
        var related = await forum.SearchIndex(Small).RelatedAsync(subject, "Firmware update", [], 5, Ct);

        Assert.Equal(5, related.Count);
        Assert.All(related, h => Assert.Contains(h.Id, common));
    }

    [Fact]
    public async Task Related_questions_carry_no_snippet_since_none_is_shown()
    {
        var (forum, subject, _, _) = await ForumAsync();
        await using var _ = forum;

        var related = await forum.SearchIndex().RelatedAsync(subject, "Narwhal firmware stalls?", [], 5, Ct);
        var search = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse("narwhal")), Ct);

        Assert.NotEmpty(related);
        Assert.All(related, h => Assert.Equal("", h.SnippetHtml));
        // The search page still has its snippets.
        Assert.NotEmpty(search.Hits);
        Assert.All(search.Hits, h => Assert.NotEqual("", h.SnippetHtml));
    }

    [Fact]
    public async Task An_edited_title_finds_what_the_new_words_are_about()
    {
        var (forum, subject, rare, common) = await ForumAsync();
        await using var _ = forum;
        var index = forum.SearchIndex();

        var before = await index.RelatedAsync(subject, "Narwhal firmware stalls?", [], 5, Ct);
        var after = await index.RelatedAsync(subject, "Firmware update number 3 failed", [], 5, Ct);

        Assert.NotEqual(common[3], before[0].Id);
        Assert.Equal(common[3], after[0].Id);
        Assert.DoesNotContain(after, h => h.Id == rare);
        // PostgreSQL's ts_rank weighs no word by its rarity, so there the boosted common threads lead (bench/README.md).
        if (!Community.Testing.TestProvider.IsPostgres)
            Assert.Equal(rare, before[0].Id);
    }
}
