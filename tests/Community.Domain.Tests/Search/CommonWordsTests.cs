using Community.Domain.Search;
using Community.Domain.Tests.Posting;

namespace Community.Domain.Tests.Search;

/// <summary>
/// A word in most of the newest threads (a "router" on a router forum: ~90% of the threads, with their answers, on the
/// 1M-post dataset) does not narrow the full documents' match beside rarer words (SQLite, issue 11): checking each
/// candidate against its long list was most of search's slow tail. It still ranks through the titles, which match every
/// word; and on a forum with fewer threads than the window nothing is common, so every word is required there.
/// </summary>
public sealed class CommonWordsTests
{
    private static CancellationToken Ct => TestForum.Ct;

    /// <summary>A word in at least 2 of the newest 4 questions is common.</summary>
    private static readonly SearchBounds SmallWindow = new(CommonWindow: 4);

    private static async Task<(TestForum Forum, int Both, int RareOnly)> ForumAsync()
    {
        Assert.SkipWhen(Community.Testing.TestProvider.IsPostgres, "SQLite's full-text match; PostgreSQL matches every word.");
        var forum = await TestForum.CreateAsync();
        var asker = await forum.MemberAsync();
        var rareOnly = await forum.AskAsync(asker, "Zorblat pairing fails", "The zorblat never pairs over bluetooth, whatever I try.", "setup");
        var both = await forum.AskAsync(asker, "Zorblat behind the router", "The zorblat drops whenever it sits behind my router.", "setup");
        for (var n = 0; n < 4; n++)
            await forum.AskAsync(asker, $"Slow evenings number {n}", $"The router gets slow every evening, model {n}.", "setup");
        return (forum, both, rareOnly);
    }

    [Fact]
    public async Task A_common_word_beside_a_rarer_one_does_not_narrow_the_match_and_a_thread_holding_both_ranks_first()
    {
        var (forum, both, rareOnly) = await ForumAsync();
        await using var _ = forum;

        var results = await forum.SearchIndex(SmallWindow).SearchAsync(new SearchRequest(SearchQuery.Parse("zorblat router")), Ct);

        Assert.Equal([both, rareOnly], results.Hits.Select(h => h.Id));
        Assert.False(results.MatchedSomeWords);
        Assert.Contains("<mark>zorblat</mark>", results.Hits[1].SnippetHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Below_the_window_every_word_is_required()
    {
        var (forum, both, _) = await ForumAsync();
        await using var _ = forum;

        // Six questions, fewer than the default window: nothing is common.
        var results = await forum.SearchIndex().SearchAsync(new SearchRequest(SearchQuery.Parse("zorblat router")), Ct);

        Assert.Equal([both], results.Hits.Select(h => h.Id));
    }

    [Fact]
    public async Task Quoted_phrases_and_searches_of_common_words_alone_keep_every_word()
    {
        var (forum, both, _) = await ForumAsync();
        await using var _ = forum;
        var index = forum.SearchIndex(SmallWindow);

        var phrase = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("\"my router\" zorblat router")), Ct);
        var common = await index.SearchAsync(new SearchRequest(SearchQuery.Parse("router slow")), Ct);

        Assert.Equal([both], phrase.Hits.Select(h => h.Id));
        Assert.Equal(4, common.Total);
    }
}
