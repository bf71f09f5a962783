using Community.Domain.Search;

namespace Community.Domain.Tests.Search;

/// <summary>Our tokenizer: whatever is typed becomes quoted terms and known filters, never FTS5 syntax.</summary>
public sealed class SearchQueryTests
{
    [Fact]
    public void Words_phrases_tags_and_filters_are_taken_apart()
    {
        var query = SearchQuery.Parse("router \"amber light\" [Firmware] is:answered is:accepted in:kb blink");

        Assert.Equal(new[] { new SearchTerm("router", false), new SearchTerm("amber light", true), new SearchTerm("blink", false) }, query.Terms);
        Assert.Equal(new[] { "firmware" }, query.Tags);
        Assert.True(query.Answered);
        Assert.True(query.Accepted);
        Assert.True(query.KnowledgeBaseOnly);
        Assert.Equal("\"router\" AND \"amber light\" AND \"blink\"", query.ToMatch());
    }

    [Theory]
    [InlineData("NEAR(router wifi)", "\"NEAR(router\" AND \"wifi)\"")]
    [InlineData("router AND OR NOT wifi", "\"router\" AND \"AND\" AND \"OR\" AND \"NOT\" AND \"wifi\"")]
    [InlineData("title:router body:*", "\"title:router\" AND \"body:*\"")]
    [InlineData("wifi*", "\"wifi*\"")]
    [InlineData("\"unbalanced quote here", "\"unbalanced quote here\"")]
    [InlineData("a\"b\"c", "\"a\" AND \"b\" AND \"c\"")]
    [InlineData("^ - ( ) * \"\" wifi", "\"wifi\"")]
    public void Operators_and_stray_quotes_become_plain_quoted_words(string input, string match) =>
        Assert.Equal(match, SearchQuery.Parse(input).ToMatch());

    [Fact]
    public void Nothing_searchable_gives_no_match_at_all()
    {
        var query = SearchQuery.Parse(" * \" ( ) -- ");

        Assert.True(query.IsEmpty);
        Assert.Null(query.ToMatch());
    }

    [Fact]
    public void A_very_long_query_is_cut_and_the_visitor_is_told()
    {
        var query = SearchQuery.Parse(string.Join(' ', Enumerable.Repeat("router", 500)));

        Assert.Equal(SearchQuery.MaxTerms, query.Terms.Count);
        Assert.NotNull(query.Notice);
    }

    [Fact]
    public void Suggestions_match_any_meaningful_word_and_the_last_as_a_prefix()
    {
        var query = SearchQuery.Parse("how do I reset the rout");

        Assert.Equal("\"reset\" OR \"rout\" *", query.ToMatch(all: false, prefixLast: true, dropStopWords: true));
    }

    [Fact]
    public void A_common_word_with_punctuation_is_still_a_common_word()
    {
        // A title's last word carries its question mark: "the?" is the index's token "the", in most titles.
        var query = SearchQuery.Parse("What is the best way to reset the?");

        Assert.Equal("\"best\" OR \"way\" OR \"reset\"", query.ToMatch(all: false, dropStopWords: true));
    }

    [Fact]
    public void The_text_round_trips_for_links()
    {
        var query = SearchQuery.Parse("  router   \"amber light\" [wifi] is:answered ");

        Assert.Equal("router \"amber light\" [wifi] is:answered", query.Text);
        Assert.Equal(query.Text, SearchQuery.Parse(query.Text).Text);
    }

    [Fact]
    public void Snippets_encode_everything_but_the_highlight()
    {
        var html = SearchHits.SnippetHtml("<script>alert(1)</script> the \u0001router\u0002 & **bold**");

        Assert.Equal("&lt;script&gt;alert(1)&lt;/script&gt; the <mark>router</mark> &amp; bold", html);
    }
}
