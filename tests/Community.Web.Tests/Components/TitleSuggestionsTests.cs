using Bunit;
using Community.Domain.Search;
using Community.Web.Components.Pages.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace Community.Web.Tests.Components;

/// <summary>The ask page's title island suggests answers as the customer types, without ever rewriting what she typed.</summary>
public sealed class TitleSuggestionsTests : BunitContext
{
    private sealed class OneSuggestion : ISearchIndex
    {
        public List<string> Asked { get; } = [];

        public Task<IReadOnlyList<SearchHit>> SuggestAsync(string title, int count, CancellationToken cancellationToken = default)
        {
            Asked.Add(title);
            return Task.FromResult<IReadOnlyList<SearchHit>>(
                [new SearchHit(SearchHitKind.Article, 7, "Beacon Point blinks amber", "", [], 0, 0, false, false, DateTime.UnixEpoch)]);
        }

        public Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<SearchHit>> RelatedAsync(int questionId, string title, IReadOnlyList<string> tags, int count, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task TypingBringsSuggestionsAndTheFieldKeepsWhatWasTyped()
    {
        var index = new OneSuggestion();
        Services.AddSingleton<ISearchIndex>(index);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var island = Render<TitleSuggestions>(p => p.Add(c => c.Name, "Input.Title").Add(c => c.Id, "ask-title").Add(c => c.Value, "Bea"));
        index.Asked.Clear();

        // A slow round trip: the field already holds more than the server has heard when it renders again.
        await island.Find("#ask-title").InputAsync(new ChangeEventArgs { Value = "Beacon blinks" });
        island.WaitForAssertion(() => Assert.Single(island.FindAll("a.suggestion")), TimeSpan.FromSeconds(5));

        Assert.Equal(["Beacon blinks"], index.Asked);
        Assert.Equal("deflect/article/7", island.Find("a.suggestion").GetAttribute("href"));
        // Never written back: the server's copy of the text must not overwrite letters typed since.
        Assert.Equal("Bea", island.Find("#ask-title").GetAttribute("value"));
    }
}
